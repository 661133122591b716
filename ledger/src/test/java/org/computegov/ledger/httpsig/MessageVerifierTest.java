package org.computegov.ledger.httpsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.httpsig.SignatureParameter.Algorithm;
import org.computegov.ledger.httpsig.SignatureParameter.Created;
import org.computegov.ledger.httpsig.SignatureParameter.Expires;
import org.computegov.ledger.httpsig.SignatureParameter.KeyId;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.junit.jupiter.api.Test;

/** The signer's output and every way the verifier's policy and parsing refuse a request. */
class MessageVerifierTest {
    private static final long T = 1_700_000_000L;
    private static final Ed25519PrivateKey KEY = Ed25519PrivateKey.fromSeed(new byte[32]);
    private static final Ed25519PrivateKey OTHER_KEY = Ed25519PrivateKey.fromSeed(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private static HttpRequestView request() {
        return HttpRequestView.of("POST", "https://api.example/v1/things?dry-run=1",
                Map.of("Content-Type", List.of("application/json"), "X-Trace", List.of("abc")));
    }

    private static HttpRequestView signed(HttpRequestView r, SignatureHeaders h) {
        return r.withHeader("Signature-Input", h.signatureInput()).withHeader("Signature", h.signature());
    }

    private static MessageSigner.Builder signer() {
        return MessageSigner.builder(KEY, "client-1").clock(at(T));
    }

    private static MessageVerifier.Builder verifier() {
        return MessageVerifier.builder(id -> id.equals("client-1") ? Optional.of(KEY.publicKey()) : Optional.empty())
                .clock(at(T + 10));
    }

    /** Signs exactly these parameters as sig1, for cases the builder does not produce. */
    private static HttpRequestView signedWith(SignatureParameter... params) {
        SignatureParameters p = SignatureParameters.of(MessageSigner.DEFAULT_COMPONENTS, params);
        return signed(request(), MessageSigner.sign(request(), "sig1", p, KEY));
    }

    @Test
    void defaultSignerOutputVerifies() throws Exception {
        SignatureHeaders h = signer().build().sign(request());
        assertThat(h.signatureInput()).isEqualTo(
                "sig1=(\"@method\" \"@path\" \"@query\");created=1700000000;keyid=\"client-1\";alg=\"ed25519\"");
        assertThat(h.signature()).matches("sig1=:[A-Za-z0-9+/]{86}==:");
        VerifiedSignature v = verifier().build().verify(signed(request(), h));
        assertThat(v.label()).isEqualTo("sig1");
        assertThat(v.keyId()).isEqualTo("client-1");
        assertThat(v.parameters().created()).hasValue(T);
        assertThat(v.parameters().algorithm()).contains("ed25519");
    }

    @Test
    void configuredSignerWritesParametersInItsFixedOrder() throws Exception {
        SignatureHeaders h = signer().label("api").expiresAfter(Duration.ofSeconds(90)).nonces(() -> "n-1").tag("computegov")
                .components(ComponentId.METHOD, ComponentId.AUTHORITY, ComponentId.PATH, ComponentId.QUERY,
                        ComponentId.field("Content-Type"))
                .build().sign(request());
        assertThat(h.signatureInput()).isEqualTo("api=(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-type\")"
                + ";created=1700000000;expires=1700000090;keyid=\"client-1\";alg=\"ed25519\";nonce=\"n-1\";tag=\"computegov\"");
        VerifiedSignature v = verifier().requiredTag("computegov").build().verify(signed(request(), h));
        assertThat(v.parameters().nonce()).contains("n-1");
        assertThat(v.parameters().tag()).contains("computegov");
    }

    @Test
    void signerRefusesARequestWithoutACoveredField() {
        MessageSigner s = signer().components(ComponentId.METHOD, ComponentId.field("content-digest")).build();
        assertThatThrownBy(() -> s.sign(request())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("covered field \"content-digest\" is absent");
        assertThatThrownBy(() -> signer().label("Sig1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer().components(ComponentId.METHOD, ComponentId.METHOD))
                .hasMessageContaining("covered twice");
    }

    @Test
    void unsignedRequestIsMissingASignature() {
        assertThatThrownBy(() -> verifier().build().verify(request())).isInstanceOf(MissingSignatureException.class)
                .hasMessageContaining("no Signature-Input and Signature fields");
    }

    @Test
    void oneFieldWithoutTheOtherIsMalformed() {
        SignatureHeaders h = signer().build().sign(request());
        assertThatThrownBy(() -> verifier().build().verify(request().withHeader("Signature-Input", h.signatureInput())))
                .isInstanceOf(FormatException.class).hasMessageContaining("only Signature-Input is present");
        assertThatThrownBy(() -> verifier().build().verify(request().withHeader("Signature", h.signature())))
                .isInstanceOf(FormatException.class).hasMessageContaining("only Signature is present");
    }

    @Test
    void labelSelection() throws Exception {
        HttpRequestView one = signed(request(), signer().label("client").build().sign(request()));
        assertThat(verifier().build().verify(one).label()).isEqualTo("client");
        assertThatThrownBy(() -> verifier().label("sig1").build().verify(one)).isInstanceOf(MissingSignatureException.class)
                .hasMessageContaining("no signature labelled sig1 (it has [client])");

        // A second signature, of a kind this package does not handle, under another label.
        HttpRequestView two = one.withHeader("Signature-Input", "proxy=(\"@status\");created=1700000000")
                .withHeader("Signature", "proxy=:AAAA:");
        assertThatThrownBy(() -> verifier().build().verify(two)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("several signatures [client, proxy]");
        assertThat(verifier().label("client").build().verify(two).label()).isEqualTo("client");
        assertThatThrownBy(() -> verifier().label("proxy").build().verify(two)).isInstanceOf(FormatException.class)
                .hasMessageContaining("\"@status\" applies to responses");
    }

    @Test
    void labelsMustMatchAndBeUniqueAcrossFieldLines() {
        SignatureHeaders h = signer().build().sign(request());
        HttpRequestView mismatched = request().withHeader("Signature-Input", h.signatureInput())
                .withHeader("Signature", h.signature().replace("sig1=", "sig2="));
        assertThatThrownBy(() -> verifier().build().verify(mismatched)).isInstanceOf(FormatException.class)
                .hasMessageContaining("Signature-Input has labels [sig1] but Signature has [sig2]");
        // A second field line reusing the label must not replace the first signature.
        SignatureHeaders other = MessageSigner.builder(OTHER_KEY, "client-1").clock(at(T)).build().sign(request());
        HttpRequestView repeated = signed(signed(request(), h), other);
        assertThatThrownBy(() -> verifier().build().verify(repeated)).isInstanceOf(FormatException.class)
                .hasMessageContaining("key 'sig1' occurs more than once");
    }

    @Test
    void unknownKeyIsDistinct() {
        HttpRequestView r = signed(request(), MessageSigner.builder(KEY, "stranger").clock(at(T)).build().sign(request()));
        assertThatThrownBy(() -> verifier().build().verify(r)).isInstanceOf(UnknownKeyException.class)
                .satisfies(e -> assertThat(((UnknownKeyException) e).keyId()).isEqualTo("stranger"))
                .hasMessage("unknown signing key \"stranger\"");
    }

    @Test
    void wrongKeyDoesNotVerify() {
        HttpRequestView r = signed(request(), MessageSigner.builder(OTHER_KEY, "client-1").clock(at(T)).build().sign(request()));
        assertThatThrownBy(() -> verifier().build().verify(r)).isExactlyInstanceOf(VerificationException.class)
                .hasMessage("signature sig1 by key \"client-1\" does not verify");
    }

    @Test
    void createdMustBeRecentAndNotAhead() throws Exception {
        HttpRequestView r = signed(request(), signer().build().sign(request()));
        assertThat(verifier().clock(at(T + 300)).build().verify(r)).isNotNull(); // exactly max age
        assertThatThrownBy(() -> verifier().clock(at(T + 301)).build().verify(r)).isExactlyInstanceOf(VerificationException.class)
                .hasMessageContaining("too old (created 1700000000, now 1700000301, at most 300 s accepted)");
        assertThat(verifier().clock(at(T - 60)).build().verify(r)).isNotNull(); // exactly the skew
        assertThatThrownBy(() -> verifier().clock(at(T - 61)).build().verify(r))
                .hasMessageContaining("created in the future");
        assertThatThrownBy(() -> verifier().clock(at(T + 10)).maxAge(Duration.ofSeconds(5)).build().verify(r))
                .hasMessageContaining("too old");
        assertThatThrownBy(() -> verifier().clock(at(T - 5)).clockSkew(Duration.ZERO).build().verify(r))
                .hasMessageContaining("created in the future");
    }

    @Test
    void expiresMustNotHavePassed() throws Exception {
        HttpRequestView r = signed(request(), signer().expiresAfter(Duration.ofSeconds(30)).build().sign(request()));
        assertThat(verifier().clock(at(T + 29)).build().verify(r)).isNotNull();
        assertThatThrownBy(() -> verifier().clock(at(T + 30)).build().verify(r))
                .hasMessage("signature sig1 expired at 1700000030 (now 1700000030)");
        HttpRequestView backwards = signedWith(new Created(T), new Expires(T - 1), new KeyId("client-1"));
        assertThatThrownBy(() -> verifier().clock(at(T - 5)).build().verify(backwards))
                .hasMessageContaining("expires (1699999999) before it was created (1700000000)");
    }

    @Test
    void createdAndKeyIdAreRequired() {
        assertThatThrownBy(() -> verifier().build().verify(signedWith(new KeyId("client-1"))))
                .hasMessage("signature sig1 has no created time, which this server requires");
        assertThatThrownBy(() -> verifier().build().verify(signedWith(new Created(T))))
                .hasMessage("signature sig1 names no key (keyid)");
    }

    @Test
    void onlyEd25519IsAccepted() {
        HttpRequestView r = signedWith(new Created(T), new KeyId("client-1"), new Algorithm("rsa-pss-sha512"));
        assertThatThrownBy(() -> verifier().build().verify(r))
                .hasMessage("signature sig1 uses algorithm \"rsa-pss-sha512\"; only \"ed25519\" is accepted");
    }

    @Test
    void requiredComponentsMustBeCovered() {
        HttpRequestView r = signed(request(), signer().components(ComponentId.METHOD).build().sign(request()));
        assertThatThrownBy(() -> verifier().build().verify(r))
                .hasMessage("signature sig1 does not cover [\"@path\", \"@query\"], which this server requires");
        HttpRequestView r2 = signed(request(), signer().build().sign(request()));
        assertThatThrownBy(() -> verifier().requiredComponents(ComponentId.METHOD, ComponentId.field("content-type"))
                .build().verify(r2)).hasMessageContaining("does not cover [\"content-type\"]");
    }

    @Test
    void requiredTagMustMatch() {
        HttpRequestView untagged = signed(request(), signer().build().sign(request()));
        assertThatThrownBy(() -> verifier().requiredTag("computegov").build().verify(untagged))
                .hasMessage("signature sig1 has tag none; this server requires \"computegov\"");
        HttpRequestView other = signed(request(), signer().tag("other-app").build().sign(request()));
        assertThatThrownBy(() -> verifier().requiredTag("computegov").build().verify(other))
                .hasMessageContaining("has tag \"other-app\"");
    }

    @Test
    void malformedFieldsSayWhatIsWrong() {
        String input = "sig1=(\"@method\" \"@path\" \"@query\");created=1700000000;keyid=\"client-1\"";
        String sig = "sig1=:" + "A".repeat(86) + "==:";
        assertThatThrownBy(() -> verify("sig1=(\"@method\" \"@path\"", sig))
                .isInstanceOf(FormatException.class)
                .hasMessage("Signature-Input is not a valid structured field: inner list is not closed at offset 23");
        assertThatThrownBy(() -> verify(input, "sig1=abc")).isInstanceOf(FormatException.class)
                .hasMessage("Signature sig1 must be a byte sequence (:base64:), found abc");
        assertThatThrownBy(() -> verify("sig1=\"@method\"", sig)).isInstanceOf(FormatException.class)
                .hasMessage("Signature-Input sig1 must be an inner list of components, found \"@method\"");
        assertThatThrownBy(() -> verify(input + ";foo=1", sig)).isInstanceOf(FormatException.class)
                .hasMessageContaining("unknown signature parameter foo");
        assertThatThrownBy(() -> verify(input.replace("keyid=\"client-1\"", "keyid=client-1"), sig))
                .isInstanceOf(FormatException.class).hasMessage("Signature-Input sig1: parameter keyid must be a string, found client-1");
        assertThatThrownBy(() -> verify(input.replace("created=1700000000", "created=\"1700000000\""), sig))
                .isInstanceOf(FormatException.class).hasMessageContaining("parameter created must be an integer");
        assertThatThrownBy(() -> verify(input.replace("(\"@method\"", "(date"), sig))
                .isInstanceOf(FormatException.class).hasMessageContaining("covered components must be strings, found date");
        assertThatThrownBy(() -> verify(input.replace("\"@query\"", "\"@query\" \"@method\""), sig))
                .isInstanceOf(FormatException.class).hasMessageContaining("component \"@method\" is covered twice");
        assertThatThrownBy(() -> verify(input + ";created=1", sig))
                .isInstanceOf(FormatException.class).hasMessageContaining("parameter 'created' occurs more than once");
        assertThatThrownBy(() -> verify(input, "sig1=:AAAA:")).isInstanceOf(FormatException.class)
                .hasMessage("signature sig1 is 3 bytes; an Ed25519 signature is 64");
        assertThatThrownBy(() -> verify("", "")).isInstanceOf(FormatException.class)
                .hasMessage("Signature-Input is empty");
        assertThatThrownBy(() -> verify(input + " ".repeat(9000), sig)).isInstanceOf(FormatException.class)
                .hasMessageContaining("over the limit of 8192");
    }

    private static void verify(String input, String sig) throws VerificationException {
        verifier().build().verify(request().withHeader("Signature-Input", input).withHeader("Signature", sig));
    }

    @Test
    void signatureParamsAreRebuiltCanonicallyFromTheParsedFields() throws Exception {
        // §3.2 step 7: the base uses the re-serialized value, so optional whitespace on the wire is harmless.
        SignatureHeaders h = signer().build().sign(request());
        String spaced = h.signatureInput().replace("(", "(  ").replace(")", " )").replace(";", "; ");
        assertThat(spaced).isNotEqualTo(h.signatureInput());
        HttpRequestView r = request().withHeader("Signature-Input", "  " + spaced + "  ")
                .withHeader("Signature", " " + h.signature());
        assertThat(verifier().build().verify(r).label()).isEqualTo("sig1");
    }

    @Test
    void uncoveredFieldsMayChange() throws Exception {
        SignatureHeaders h = signer().build().sign(request());
        HttpRequestView changed = HttpRequestView.of("POST", "https://elsewhere.example/v1/things?dry-run=1",
                Map.of("Content-Type", List.of("text/plain"), "X-Trace", List.of("xyz")));
        assertThat(verifier().build().verify(signed(changed, h))).isNotNull(); // @authority was not covered
    }
}
