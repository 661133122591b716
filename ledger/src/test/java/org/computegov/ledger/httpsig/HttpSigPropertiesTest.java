package org.computegov.ledger.httpsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.httpsig.SignatureParameter.Algorithm;
import org.computegov.ledger.httpsig.SignatureParameter.Created;
import org.computegov.ledger.httpsig.SignatureParameter.Expires;
import org.computegov.ledger.httpsig.SignatureParameter.KeyId;
import org.computegov.ledger.httpsig.SignatureParameter.Nonce;
import org.computegov.ledger.httpsig.SignatureParameter.Tag;
import org.computegov.ledger.httpsig.StructuredFields.BareItem;
import org.computegov.ledger.httpsig.StructuredFields.Dictionary;
import org.computegov.ledger.httpsig.StructuredFields.DictionaryMember;
import org.computegov.ledger.httpsig.StructuredFields.Duplicates;
import org.computegov.ledger.httpsig.StructuredFields.InnerList;
import org.computegov.ledger.httpsig.StructuredFields.Item;
import org.computegov.ledger.httpsig.StructuredFields.Member;
import org.computegov.ledger.httpsig.StructuredFields.Parameter;
import org.computegov.ledger.httpsig.StructuredFields.Parameters;
import org.computegov.ledger.httpsig.StructuredFields.SfBoolean;
import org.computegov.ledger.httpsig.StructuredFields.SfByteSequence;
import org.computegov.ledger.httpsig.StructuredFields.SfDecimal;
import org.computegov.ledger.httpsig.StructuredFields.SfInteger;
import org.computegov.ledger.httpsig.StructuredFields.SfString;
import org.computegov.ledger.httpsig.StructuredFields.SfToken;
import org.computegov.ledger.keys.Ed25519PrivateKey;

/**
 * Sign/verify round trips over generated requests, and tamper evidence: changing any covered
 * component, any part of the signature parameters, or any bit of the signature fails verification.
 */
class HttpSigPropertiesTest {
    private static final Ed25519PrivateKey KEY = Ed25519PrivateKey.fromSeed(new byte[] {
        9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8});
    private static final long T = 1_750_000_000L;
    private static final List<ComponentId> DERIVED = List.of(ComponentId.METHOD, ComponentId.TARGET_URI,
            ComponentId.AUTHORITY, ComponentId.SCHEME, ComponentId.REQUEST_TARGET, ComponentId.PATH, ComponentId.QUERY);
    private static final String PRINTABLE = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~";

    /** A request and the components a signature of it covers, in signing order. */
    record Case(HttpRequestView request, List<ComponentId> components) {}

    /**
     * Trusts every keyid with the one key, so that a changed keyid is caught by the signature
     * itself, and accepts any time, so that changed times are too.
     */
    private static MessageVerifier lenientVerifier() {
        return MessageVerifier.builder(id -> Optional.of(KEY.publicKey())).clock(Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC))
                .requiredComponents(List.of()).maxAge(Duration.ofDays(365)).clockSkew(Duration.ofDays(365)).build();
    }

    private static HttpRequestView withSignature(HttpRequestView r, SignatureHeaders h) {
        return r.withHeader("Signature-Input", h.signatureInput()).withHeader("Signature", h.signature());
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "get", "X-CUSTOM");
        Arbitrary<String> scheme = Arbitraries.of("http", "https");
        Arbitrary<String> host = Arbitraries.of("api.example", "Registry.Example.ORG", "10.0.0.1", "[2001:db8::1]");
        Arbitrary<String> port = Arbitraries.of("", ":80", ":443", ":8443");
        Arbitrary<String> segment = Arbitraries.strings().withChars("abcXYZ019-._~").ofMinLength(0).ofMaxLength(8)
                .map(s -> s.replace("~", "%7E"));
        Arbitrary<String> path = segment.list().ofMinSize(0).ofMaxSize(4).map(l -> l.isEmpty() ? "" : "/" + String.join("/", l));
        Arbitrary<String> query = Arbitraries.of("a", "b=1", "c=%2F", "+", "&", "=", "%C3%A9", "?", "/").list().ofMaxSize(5)
                .map(parts -> String.join("", parts)).injectNull(0.3).map(q -> q == null ? "" : "?" + q);
        Arbitrary<String> value = Arbitraries.strings().withChars(PRINTABLE + "\t").ofMinLength(0).ofMaxLength(16);
        Arbitrary<Map<String, List<String>>> headers = Arbitraries.maps(
                Arbitraries.of("Content-Type", "content-digest", "X-Request-Id", "Accept", "date"),
                value.list().ofMinSize(1).ofMaxSize(3)).ofMaxSize(5);
        Arbitrary<HttpRequestView> request = Combinators.combine(method, scheme, host, port, path, query, headers)
                .as((m, s, h, p, pa, q, hs) -> HttpRequestView.of(m, s + "://" + h + p + pa + q, hs));
        return request.flatMap(r -> {
            List<ComponentId> available = new ArrayList<>(DERIVED);
            r.headers().keySet().forEach(name -> available.add(ComponentId.field(name)));
            return Arbitraries.shuffle(available).flatMap(shuffled -> Arbitraries.integers().between(1, shuffled.size())
                    .map(n -> new Case(r, List.copyOf(shuffled.subList(0, n)))));
        });
    }

    @Provide
    Arbitrary<String> parameterText() {
        return Arbitraries.strings().withChars(PRINTABLE).ofMinLength(1).ofMaxLength(12);
    }

    // ------------------------------------------------------------------ round trips

    @Property(tries = 100)
    void signedRequestsVerify(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 299) int age,
            @ForAll("parameterText") String nonce, @ForAll("parameterText") String tag) throws Exception {
        MessageSigner signer = MessageSigner.builder(KEY, "key-" + nonce).components(c.components())
                .clock(Clock.fixed(Instant.ofEpochSecond(T - age), ZoneOffset.UTC))
                .expiresAfter(Duration.ofSeconds(300)).nonces(() -> nonce).tag(tag).build();
        SignatureHeaders h = signer.sign(c.request());
        MessageVerifier verifier = MessageVerifier.builder(id -> id.equals("key-" + nonce) ? Optional.of(KEY.publicKey())
                : Optional.empty()).clock(Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC))
                .requiredComponents(c.components()).requiredTag(tag).build();

        VerifiedSignature v = verifier.verify(withSignature(c.request(), h));
        assertThat(v.parameters().components()).isEqualTo(c.components());
        assertThat(v.parameters().parameters()).containsExactly(new Created(T - age), new Expires(T - age + 300),
                new KeyId("key-" + nonce), Algorithm.ED25519, new Nonce(nonce), new Tag(tag));
        // The fields parse back to what was written, and serialize to the same text.
        MessageSignature sig = h.signatures().get(0);
        assertThat(SignatureHeaders.of(sig)).isEqualTo(h);
    }

    // ------------------------------------------------------------------ tamper evidence

    @Property(tries = 100)
    void changingAnyCoveredComponentFailsVerification(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 99) int pick)
            throws Exception {
        ComponentId target = c.components().get(pick % c.components().size());
        HttpRequestView changed = changeComponent(c.request(), target);
        assertThat(target.valueIn(changed)).isNotEqualTo(target.valueIn(c.request()));

        SignatureHeaders h = MessageSigner.sign(c.request(), "sig1",
                SignatureParameters.of(c.components(), new Created(T), new KeyId("k")), KEY);
        assertThat(lenientVerifier().verify(withSignature(c.request(), h))).isNotNull();
        assertThatThrownBy(() -> lenientVerifier().verify(withSignature(changed, h)))
                .isInstanceOf(VerificationException.class);
    }

    /** Returns the request with {@code target}'s value changed (other components may change too). */
    private static HttpRequestView changeComponent(HttpRequestView r, ComponentId target) {
        String uri = r.targetUri().toString();
        String scheme = r.targetUri().getScheme();
        String rest = uri.substring(scheme.length()); // "://authority/path?query"
        String authority = r.targetUri().getRawAuthority();
        String pathAndQuery = rest.substring(3 + authority.length());
        switch (target.name()) {
            case "@method":
                return new HttpRequestView(r.method().equals("POST") ? "PUT" : "POST", r.targetUri(), r.headers());
            case "@scheme":
                return HttpRequestView.of(r.method(), (scheme.equals("http") ? "https" : "http") + rest, r.headers());
            case "@authority":
                int port = r.targetUri().getPort();
                return HttpRequestView.of(r.method(), scheme + "://changed.example" + (port == -1 ? "" : ":" + port)
                        + pathAndQuery, r.headers());
            case "@query": {
                String q = r.targetUri().getRawQuery();
                String path = r.targetUri().getRawPath();
                String newQuery = (q == null || q.isEmpty()) ? "?z" : "?" + q + "z";
                return HttpRequestView.of(r.method(), scheme + "://" + authority + path + newQuery, r.headers());
            }
            case "@target-uri":
            case "@request-target":
            case "@path": {
                String path = r.targetUri().getRawPath();
                String q = r.targetUri().getRawQuery();
                return HttpRequestView.of(r.method(), scheme + "://" + authority + path + "x" + (q == null ? "" : "?" + q),
                        r.headers());
            }
            default: {
                Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
                List<String> values = new ArrayList<>(headers.get(target.name()));
                values.set(0, values.get(0) + "x");
                headers.put(target.name(), values);
                return new HttpRequestView(r.method(), r.targetUri(), headers);
            }
        }
    }

    @Property(tries = 100)
    void changingAnySignatureParameterFailsVerification(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 12) int kind,
            @ForAll("parameterText") String text) throws Exception {
        List<SignatureParameter> params = List.of(new Created(T - 5), new Expires(T + 100), new KeyId("k"),
                Algorithm.ED25519, new Nonce("n"), new Tag("t"));
        SignatureParameters signedParams = new SignatureParameters(c.components(), params);
        SignatureHeaders h = MessageSigner.sign(c.request(), "sig1", signedParams, KEY);
        byte[] sig = h.signatures().get(0).signature();

        SignatureParameters changed = changeParameters(signedParams, kind, text);
        assertThat(changed).isNotEqualTo(signedParams);
        SignatureHeaders forged = SignatureHeaders.of(new MessageSignature("sig1", changed, sig));
        assertThat(lenientVerifier().verify(withSignature(c.request(), h))).isNotNull();
        assertThatThrownBy(() -> lenientVerifier().verify(withSignature(c.request(), forged)))
                .isInstanceOf(VerificationException.class);
    }

    private static SignatureParameters changeParameters(SignatureParameters p, int kind, String text) {
        List<ComponentId> components = new ArrayList<>(p.components());
        List<SignatureParameter> params = new ArrayList<>(p.parameters());
        switch (kind) {
            case 0 -> params.set(0, new Created(T - 4)); // created, one second later
            case 1 -> params.set(1, new Expires(T + 101));
            case 2 -> params.set(2, new KeyId("k" + text));
            case 3 -> params.set(4, new Nonce("n" + text));
            case 4 -> params.set(5, new Tag("t" + text));
            case 5 -> params.remove(3); // alg left out: allowed, but then the base differs
            case 6 -> params.remove(1); // expires left out
            case 7 -> Collections.swap(params, 4, 5); // parameter order is signed
            case 8 -> components.remove(components.size() - 1); // one component fewer
            case 9 -> { // one component more: a derived one not yet covered, else an absent field
                List<ComponentId> extra = new ArrayList<>(DERIVED);
                extra.removeAll(components);
                components.add(extra.isEmpty() ? ComponentId.field("x-not-sent") : extra.get(0));
            }
            case 10 -> { // component order is signed; with a single component, drop it instead
                if (components.size() > 1) {
                    Collections.swap(components, 0, components.size() - 1);
                } else {
                    components.clear();
                }
            }
            case 11 -> params.add(params.remove(0)); // created moved to the end
            default -> params.set(3, new Algorithm("ed25519" + text)); // another algorithm is refused
        }
        return new SignatureParameters(components, params);
    }

    @Property(tries = 4)
    void flippingAnyBitOfTheSignatureFailsVerification(@ForAll("cases") Case c) throws Exception {
        SignatureParameters p = SignatureParameters.of(c.components(), new Created(T), new KeyId("k"), Algorithm.ED25519);
        SignatureHeaders h = MessageSigner.sign(c.request(), "sig1", p, KEY);
        byte[] sig = h.signatures().get(0).signature();
        for (int bit = 0; bit < sig.length * 8; bit++) {
            byte[] bad = sig.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            SignatureHeaders forged = SignatureHeaders.of(new MessageSignature("sig1", p, bad));
            assertThatThrownBy(() -> lenientVerifier().verify(withSignature(c.request(), forged)))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("does not verify");
        }
    }

    // ------------------------------------------------------------------ structured fields

    @Provide
    Arbitrary<Dictionary> dictionaries() {
        Arbitrary<String> key = Combinators.combine(Arbitraries.strings().withChars("abcz*").ofLength(1),
                Arbitraries.strings().withChars("abz09_-.*").ofMaxLength(6)).as(String::concat);
        Arbitrary<BareItem> bare = Arbitraries.oneOf(
                Arbitraries.longs().between(-StructuredFields.MAX_INTEGER, StructuredFields.MAX_INTEGER).map(SfInteger::new),
                Arbitraries.longs().between(-999_999_999_999_999L, 999_999_999_999_999L)
                        .map(v -> new SfDecimal(BigDecimal.valueOf(v, 3))),
                Arbitraries.strings().withChars(PRINTABLE).ofMaxLength(10).map(SfString::new),
                Combinators.combine(Arbitraries.strings().withChars("aZ*").ofLength(1),
                        Arbitraries.strings().withChars("aZ09!#$%&'*+-.^_`|~:/").ofMaxLength(8)).as(String::concat).map(SfToken::new),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(10).map(SfByteSequence::new),
                Arbitraries.of(true, false).map(SfBoolean::new));
        Arbitrary<Parameters> params = Combinators.combine(key, bare).as(Parameter::new).list().ofMaxSize(3)
                .uniqueElements(Parameter::key).map(Parameters::new);
        Arbitrary<Item> item = Combinators.combine(bare, params).as(Item::new);
        Arbitrary<Member> member = Arbitraries.oneOf(item,
                Combinators.combine(item.list().ofMaxSize(4), params).as(InnerList::new));
        return Combinators.combine(key, member).as(DictionaryMember::new).list().ofMaxSize(5)
                .uniqueElements(DictionaryMember::key).map(Dictionary::new);
    }

    @Property(tries = 300)
    void dictionariesSerializeParseAndSerializeTheSame(@ForAll("dictionaries") Dictionary d) throws Exception {
        String text = StructuredFields.serialize(d);
        Dictionary back = StructuredFields.parseDictionary(text, "Example", Duplicates.REJECT);
        assertThat(StructuredFields.serialize(back)).isEqualTo(text);
        assertThat(back.keys()).isEqualTo(d.keys());
    }
}
