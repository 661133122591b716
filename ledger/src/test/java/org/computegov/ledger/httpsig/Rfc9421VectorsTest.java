package org.computegov.ledger.httpsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.httpsig.SignatureParameter.Created;
import org.computegov.ledger.httpsig.SignatureParameter.KeyId;
import org.computegov.ledger.httpsig.SignatureParameter.Nonce;
import org.computegov.ledger.httpsig.SignatureParameter.Tag;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.keys.Ed25519PublicKey;
import org.computegov.ledger.keys.PemKeys;
import org.junit.jupiter.api.Test;

/**
 * The examples of RFC 9421 Appendix B (and §2.3, §2.5) reproduced exactly. Values are copied from
 * the RFC text, its RFC 8792 line wrapping undone; the source checked was the IETF draft the RFC was
 * published from (httpwg/http-extensions, draft-ietf-httpbis-message-signatures.md at commit
 * 61312532f8f668502c3c74b7be5dd974d7badb74, version -19).
 */
class Rfc9421VectorsTest {
    // B.1.4 "Example Ed25519 Test Key", test-key-ed25519.
    static final String TEST_KEY_ED25519_PUBLIC = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=
            -----END PUBLIC KEY-----
            """;
    static final String TEST_KEY_ED25519_PRIVATE = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF
            -----END PRIVATE KEY-----
            """;
    // The same key as a JWK: "d" and "x", base64url.
    static final String TEST_KEY_ED25519_D = "n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU";
    static final String TEST_KEY_ED25519_X = "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs";

    // B.2.6 "Signing a Request Using ed25519".
    static final String B26_BASE = """
            "date": Tue, 20 Apr 2021 02:07:55 GMT
            "@method": POST
            "@path": /foo
            "@authority": example.com
            "content-type": application/json
            "content-length": 18
            "@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");\
            created=1618884473;keyid="test-key-ed25519\"""";
    static final String B26_SIGNATURE_INPUT = "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" "
            + "\"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";
    static final String B26_SIGNATURE =
            "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:";
    static final long B_CREATED = 1618884473L;

    /** B.2 "test-request" (its body is not a component; Host is given as the target URI's authority). */
    static HttpRequestView testRequest() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Host", List.of("example.com"));
        h.put("Date", List.of("Tue, 20 Apr 2021 02:07:55 GMT"));
        h.put("Content-Type", List.of("application/json"));
        h.put("Content-Digest",
                List.of("sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:"));
        h.put("Content-Length", List.of("18"));
        return HttpRequestView.of("POST", "https://example.com/foo?param=Value&Pet=dog", h);
    }

    static Ed25519PrivateKey testKey() throws FormatException {
        return PemKeys.readEd25519PrivateKey(TEST_KEY_ED25519_PRIVATE);
    }

    static SignatureParameters b26Parameters() {
        return SignatureParameters.of(
                List.of(ComponentId.field("date"), ComponentId.METHOD, ComponentId.PATH, ComponentId.AUTHORITY,
                        ComponentId.field("content-type"), ComponentId.field("content-length")),
                new Created(B_CREATED), new KeyId("test-key-ed25519"));
    }

    @Test
    void testKeyPemAndJwkFormsAreTheSameKey() throws Exception {
        Ed25519PrivateKey key = testKey();
        Ed25519PublicKey pub = PemKeys.readEd25519PublicKey(TEST_KEY_ED25519_PUBLIC);
        assertThat(key.publicKey()).isEqualTo(pub);
        assertThat(key.seed()).isEqualTo(Base64.getUrlDecoder().decode(TEST_KEY_ED25519_D));
        assertThat(pub.bytes()).isEqualTo(Base64.getUrlDecoder().decode(TEST_KEY_ED25519_X));
    }

    @Test
    void b26SignatureBaseIsExact() throws Exception {
        assertThat(SignatureBase.of(testRequest(), b26Parameters())).isEqualTo(B26_BASE);
        assertThat(B26_BASE).doesNotEndWith("\n");
    }

    @Test
    void b26SigningReproducesTheRfcFieldsExactly() throws Exception {
        // Ed25519 is deterministic, so the RFC's signature is the only right answer.
        SignatureHeaders h = MessageSigner.sign(testRequest(), "sig-b26", b26Parameters(), testKey());
        assertThat(h.signatureInput()).isEqualTo(B26_SIGNATURE_INPUT);
        assertThat(h.signature()).isEqualTo(B26_SIGNATURE);
    }

    @Test
    void b26RfcSignatureVerifies() throws Exception {
        Ed25519PublicKey pub = PemKeys.readEd25519PublicKey(TEST_KEY_ED25519_PUBLIC);
        HttpRequestView signed = testRequest()
                .withHeader("Signature-Input", B26_SIGNATURE_INPUT)
                .withHeader("Signature", B26_SIGNATURE);
        MessageVerifier verifier = MessageVerifier.builder(id -> id.equals("test-key-ed25519") ? Optional.of(pub) : Optional.empty())
                .clock(Clock.fixed(Instant.ofEpochSecond(B_CREATED + 30), ZoneOffset.UTC))
                .requiredComponents(ComponentId.METHOD, ComponentId.PATH, ComponentId.AUTHORITY)
                .build();
        VerifiedSignature v = verifier.verify(signed);
        assertThat(v.label()).isEqualTo("sig-b26");
        assertThat(v.keyId()).isEqualTo("test-key-ed25519");
        assertThat(v.parameters()).isEqualTo(b26Parameters());
        assertThat(v.parameters().algorithm()).isEmpty(); // B.2.6 leaves alg to the key

        // The same signature over a request with another path does not verify.
        HttpRequestView moved = HttpRequestView.of("POST", "https://example.com/bar?param=Value&Pet=dog", signed.headers());
        assertThatThrownBy(() -> verifier.verify(moved)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void b26RfcSignatureRawEd25519Check() throws Exception {
        // Independent of the verifier: the RFC's bytes verify over the RFC's base with the RFC's key.
        byte[] sig = Base64.getDecoder().decode(B26_SIGNATURE.substring("sig-b26=:".length(), B26_SIGNATURE.length() - 1));
        PemKeys.readEd25519PublicKey(TEST_KEY_ED25519_PUBLIC).verify(B26_BASE.getBytes(java.nio.charset.StandardCharsets.US_ASCII), sig);
    }

    @Test
    void section25ExampleSignatureBase() throws Exception {
        SignatureParameters p = SignatureParameters.of(
                List.of(ComponentId.METHOD, ComponentId.AUTHORITY, ComponentId.PATH, ComponentId.field("content-digest"),
                        ComponentId.field("content-length"), ComponentId.field("content-type")),
                new Created(B_CREATED), new KeyId("test-key-rsa-pss"));
        assertThat(SignatureBase.of(testRequest(), p)).isEqualTo("""
                "@method": POST
                "@authority": example.com
                "@path": /foo
                "content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
                "content-length": 18
                "content-type": application/json
                "@signature-params": ("@method" "@authority" "@path" "content-digest" "content-length" "content-type");\
                created=1618884473;keyid="test-key-rsa-pss\"""");
    }

    @Test
    void b21MinimalSignatureBaseCoversNoComponents() throws Exception {
        String input = "sig-b21=();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"";
        SignatureParameters p = new SignatureHeaders(input, "sig-b21=:AA==:").signature("sig-b21").orElseThrow().parameters();
        assertThat(p).isEqualTo(SignatureParameters.of(List.of(), new Created(B_CREATED), new KeyId("test-key-rsa-pss"),
                new Nonce("b3k2pp5k7z-50gnwp.yemd")));
        assertThat(SignatureBase.of(testRequest(), p)).isEqualTo(
                "\"@signature-params\": ();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"");
        assertThat(SignatureHeaders.of(new MessageSignature("sig-b21", p, new byte[] {0})).signatureInput()).isEqualTo(input);
    }

    @Test
    void b22QueryParamIsRefusedClearly() {
        String input = "sig-b22=(\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\");created=1618884473"
                + ";keyid=\"test-key-rsa-pss\";tag=\"header-example\"";
        assertThatThrownBy(() -> new SignatureHeaders(input, "sig-b22=:AA==:").signatures())
                .isInstanceOf(FormatException.class).hasMessageContaining("component parameters are not supported");
        String unparameterized = input.replace(";name=\"Pet\"", "");
        assertThatThrownBy(() -> new SignatureHeaders(unparameterized, "sig-b22=:AA==:").signatures())
                .isInstanceOf(FormatException.class).hasMessageContaining("\"@query-param\" is not supported");
    }

    @Test
    void b23FullCoverageSignatureBase() throws Exception {
        String input = "sig-b23=(\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" "
                + "\"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"";
        SignatureParameters p = new SignatureHeaders(input, "sig-b23=:AA==:").signature("sig-b23").orElseThrow().parameters();
        assertThat(SignatureBase.of(testRequest(), p)).isEqualTo("""
                "date": Tue, 20 Apr 2021 02:07:55 GMT
                "@method": POST
                "@path": /foo
                "@query": ?param=Value&Pet=dog
                "@authority": example.com
                "content-type": application/json
                "content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
                "content-length": 18
                "@signature-params": ("date" "@method" "@path" "@query" "@authority" "content-type" "content-digest" \
                "content-length");created=1618884473;keyid="test-key-rsa-pss\"""");
    }

    @Test
    void b24ResponseStatusIsRefusedClearly() {
        String input = "sig-b24=(\"@status\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473"
                + ";keyid=\"test-key-ecc-p256\"";
        assertThatThrownBy(() -> new SignatureHeaders(input, "sig-b24=:AA==:").signatures())
                .isInstanceOf(FormatException.class).hasMessageContaining("\"@status\" applies to responses");
    }

    @Test
    void b25SignatureBase() throws Exception {
        SignatureParameters p = SignatureParameters.of(
                List.of(ComponentId.field("date"), ComponentId.AUTHORITY, ComponentId.field("content-type")),
                new Created(B_CREATED), new KeyId("test-shared-secret"));
        assertThat(SignatureBase.of(testRequest(), p)).isEqualTo("""
                "date": Tue, 20 Apr 2021 02:07:55 GMT
                "@authority": example.com
                "content-type": application/json
                "@signature-params": ("date" "@authority" "content-type");created=1618884473;keyid="test-shared-secret\"""");
        assertThat(SignatureHeaders.of(new MessageSignature("sig-b25", p,
                Base64.getDecoder().decode("pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8="))))
                .isEqualTo(new SignatureHeaders(
                        "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"",
                        "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:"));
    }

    @Test
    void section23ParametersExampleKeepsItsOrder() throws Exception {
        String value = "(\"@target-uri\" \"@authority\" \"date\" \"cache-control\");keyid=\"test-key-rsa-pss\""
                + ";alg=\"rsa-pss-sha512\";created=1618884475;expires=1618884775";
        SignatureParameters p = new SignatureHeaders("sig1=" + value, "sig1=:AA==:").signature("sig1").orElseThrow().parameters();
        assertThat(p.serialize()).isEqualTo(value);
        assertThat(p.keyId()).contains("test-key-rsa-pss");
        assertThat(p.algorithm()).contains("rsa-pss-sha512");
        assertThat(p.created()).hasValue(1618884475L);
        assertThat(p.expires()).hasValue(1618884775L);
        assertThat(p.tag()).isEmpty();
    }

    @Test
    void section41And42ExampleFieldsParse() throws Exception {
        // §4.1's Signature-Input and §4.2's Signature (same label, RSA: parsed, not verified here).
        String input = "sig1=(\"@method\" \"@target-uri\" \"@authority\" \"content-digest\" \"cache-control\");"
                + "created=1618884475;keyid=\"test-key-rsa-pss\"";
        String signature = "sig1=:P0wLUszWQjoi54udOtydf9IWTfNhy+r53jGFj9XZuP4uKwxyJo1RSHi+oEF1FuX6O29d+lbxwwBao1BAgadijW+7O/"
                + "PyezlTnqAOVPWx9GlyntiCiHzC87qmSQjvu1CFyFuWSjdGa3qLYYlNm7pVaJFalQiKWnUaqfT4LyttaXyoyZW84jS8gyarxAiWI97mP"
                + "XU+OVM64+HVBHmnEsS+lTeIsEQo36T3NFf2CujWARPQg53r58RmpZ+J9eKR2CD6IJQvacn5A4Ix5BUAVGqlyp8JYm+S/CWJi31PNUjR"
                + "RCusCVRj05NrxABNFv3r5S9IXf2fYJK+eyW4AiGVMvMcOg==:";
        SignatureHeaders h = new SignatureHeaders(input, signature);
        MessageSignature sig = h.signatures().get(0);
        assertThat(sig.signature()).hasSize(256); // RSA 2048
        assertThat(sig.parameters().components()).containsExactly(ComponentId.METHOD, ComponentId.TARGET_URI,
                ComponentId.AUTHORITY, ComponentId.field("content-digest"), ComponentId.field("cache-control"));
        assertThat(SignatureHeaders.of(sig)).isEqualTo(h);
    }

    @Test
    void tagParameterRoundTrips() throws Exception {
        SignatureParameters p = SignatureParameters.of(List.of(ComponentId.AUTHORITY), new Created(B_CREATED),
                new KeyId("test-key-rsa-pss"), new Tag("header-example"));
        assertThat(p.serialize()).isEqualTo(
                "(\"@authority\");created=1618884473;keyid=\"test-key-rsa-pss\";tag=\"header-example\"");
        assertThat(new SignatureHeaders("x=" + p.serialize(), "x=:AA==:").signature("x").orElseThrow().parameters())
                .isEqualTo(p);
    }
}
