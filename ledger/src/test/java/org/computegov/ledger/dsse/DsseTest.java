package org.computegov.ledger.dsse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DSSE protocol test vector and behaviour (see vectors/dsse/README.md). */
class DsseTest {
    private static JsonNode v;
    private static DsseVerifier specKey;
    private static byte[] specEnvelope;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = DsseTest.class.getResourceAsStream("/vectors/dsse/hello-world-p256.json")) {
            v = new ObjectMapper().readTree(in);
        }
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
        ECPoint w = new ECPoint(new BigInteger(v.get("x").asText()), new BigInteger(v.get("y").asText()));
        byte[] spki = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec)).getEncoded();
        specKey = DsseVerifier.fromSpki("", spki);
        specEnvelope = new ObjectMapper().writeValueAsBytes(v.get("envelope"));
    }

    @Test
    void paeMatchesTheSpecAndCountsBytes() {
        assertThat(new String(Pae.encode("http://example.com/HelloWorld", "hello world".getBytes(UTF_8)), UTF_8))
                .isEqualTo(v.get("pae").asText());
        assertThat(Pae.encode("", new byte[0])).isEqualTo("DSSEv1 0  0 ".getBytes(UTF_8));
        // "é" is two bytes in UTF-8: lengths are byte counts, not characters.
        assertThat(new String(Pae.encode("t\u00e9", "\u00e9".getBytes(UTF_8)), UTF_8)).isEqualTo("DSSEv1 3 t\u00e9 2 \u00e9");
    }

    @Test
    void verifiesTheSpecEnvelope() throws Exception {
        VerifiedPayload p = new Dsse(List.of(specKey), 1).verify(specEnvelope, "http://example.com/HelloWorld");
        assertThat(new String(p.payload(), UTF_8)).isEqualTo("hello world");
        assertThat(p.signerKeyIds()).containsExactly("");
        assertThat(((EcdsaDsseVerifier) specKey).curve()).isEqualTo(EcdsaDsseVerifier.Curve.P256);
    }

    @Test
    void deterministicEcdsaFromTheSpecScalarReproducesTheSignatureBytes() {
        X9ECParameters curve = NISTNamedCurves.getByName("P-256");
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(new BigInteger(v.get("d").asText()),
                new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH())));
        SHA256Digest sha = new SHA256Digest();
        byte[] pae = v.get("pae").asText().getBytes(UTF_8);
        sha.update(pae, 0, pae.length);
        byte[] digest = new byte[32];
        sha.doFinal(digest, 0);
        BigInteger[] rs = signer.generateSignature(digest);
        byte[] raw = new byte[64];
        byte[] r = rs[0].toByteArray();
        byte[] s = rs[1].toByteArray();
        System.arraycopy(r, Math.max(0, r.length - 32), raw, 32 - Math.min(32, r.length), Math.min(32, r.length));
        System.arraycopy(s, Math.max(0, s.length - 32), raw, 64 - Math.min(32, s.length), Math.min(32, s.length));
        assertThat(Base64.getEncoder().encodeToString(raw)).isEqualTo(v.at("/envelope/signatures/0/sig").asText());
    }

    @Test
    void acceptsDerSignaturesAndUrlSafeUnpaddedBase64() throws Exception {
        byte[] raw = Base64.getDecoder().decode(v.at("/envelope/signatures/0/sig").asText());
        byte[] der = new DERSequence(new ASN1Integer[] {
            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 0, 32))),
            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)))}).getEncoded();
        String json = "{\"payload\":\"aGVsbG8gd29ybGQ\",\"payloadType\":\"http://example.com/HelloWorld\","
                + "\"signatures\":[{\"keyid\":\"k\",\"sig\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(der)
                + "\"}],\"extra\":1}";
        VerifiedPayload p = new Dsse(List.of(specKey), 1).verify(json.getBytes(UTF_8), "http://example.com/HelloWorld");
        assertThat(p.payload()).isEqualTo("hello world".getBytes(UTF_8));
        // Output is always standard padded base64.
        assertThat(new String(Envelope.parse(json.getBytes(UTF_8)).toJson(), UTF_8)).contains("\"aGVsbG8gd29ybGQ=\"");
    }

    @Test
    void wrongPayloadTypeOrTamperedPayloadFails() {
        Dsse policy = new Dsse(List.of(specKey), 1);
        assertThatThrownBy(() -> policy.verify(specEnvelope, "application/vnd.in-toto+json"))
                .isInstanceOf(VerificationException.class).hasMessageContaining("payload type");
        byte[] tampered = new String(specEnvelope, UTF_8).replace("aGVsbG8gd29ybGQ=", "aGFsbG8gd29ybGQ=").getBytes(UTF_8);
        assertThatThrownBy(() -> policy.verify(tampered, "http://example.com/HelloWorld"))
                .hasMessageContaining("0 distinct trusted keys, need 1");
    }

    @Test
    void ed25519SignAndThresholdOverDistinctKeys() throws Exception {
        Ed25519DsseSigner a = new Ed25519DsseSigner("a", Ed25519PrivateKey.generate());
        Ed25519DsseSigner b = new Ed25519DsseSigner("b", Ed25519PrivateKey.generate());
        Ed25519DsseSigner c = new Ed25519DsseSigner("", Ed25519PrivateKey.generate());
        byte[] payload = "{ \"b\":1,  \"a\" : [ ] }".getBytes(UTF_8);
        Envelope env = Dsse.sign("application/vnd.in-toto+json", payload, List.of(a, a, c));
        Dsse twoOfThree = new Dsse(List.of(a.verifier(), b.verifier(), c.verifier()), 2);
        VerifiedPayload p = twoOfThree.verify(env.toJson(), "application/vnd.in-toto+json");
        assertThat(p.payload()).isEqualTo(payload); // exact bytes, never re-serialized
        assertThat(p.signerKeyIds()).containsExactly("a", "");

        Envelope twiceA = Dsse.sign("application/vnd.in-toto+json", payload, List.of(a, a));
        assertThatThrownBy(() -> twoOfThree.verify(twiceA)).hasMessageContaining("1 distinct trusted keys, need 2");

        // The same key listed twice in the policy still counts once.
        Dsse sameKeyTwice = new Dsse(List.of(a.verifier(), new Ed25519DsseVerifier("a2", a.key().publicKey())), 2);
        assertThatThrownBy(() -> sameKeyTwice.verify(twiceA)).hasMessageContaining("need 2");

        // A misleading key ID hint only narrows the search; it cannot make a signature count.
        Ed25519DsseSigner liar = new Ed25519DsseSigner("b", a.key());
        Envelope hinted = Dsse.sign("t", payload, List.of(liar));
        assertThatThrownBy(() -> new Dsse(List.of(a.verifier(), b.verifier()), 1).verify(hinted))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void ed25519KeysFromSpkiInteroperateWithTheJdk() throws Exception {
        var kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        DsseVerifier key = DsseVerifier.fromSpki("jdk", kp.getPublic().getEncoded());
        assertThat(key).isInstanceOf(Ed25519DsseVerifier.class);
        assertThat(key.spki()).isEqualTo(kp.getPublic().getEncoded());
        byte[] pae = Pae.encode(IN_TOTO_TYPE, "{}".getBytes(UTF_8));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(kp.getPrivate());
        s.update(pae);
        key.verify(pae, s.sign());
    }

    private static final String IN_TOTO_TYPE = "application/vnd.in-toto+json";

    @Test
    void p384WithDerAndRaw() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        var kp = g.generateKeyPair();
        DsseVerifier key = DsseVerifier.fromSpki("p384", kp.getPublic().getEncoded());
        byte[] pae = Pae.encode("t", "x".getBytes(UTF_8));
        for (String alg : List.of("SHA384withECDSA", "SHA384withECDSAinP1363Format")) {
            Signature s = Signature.getInstance(alg);
            s.initSign(kp.getPrivate());
            s.update(pae);
            byte[] sig = s.sign();
            key.verify(pae, sig);
            sig[sig.length - 1] ^= 1;
            assertThatThrownBy(() -> key.verify(pae, sig)).isInstanceOf(VerificationException.class);
        }
        KeyPairGenerator g521 = KeyPairGenerator.getInstance("EC");
        g521.initialize(new ECGenParameterSpec("secp521r1"));
        byte[] p521 = g521.generateKeyPair().getPublic().getEncoded();
        assertThatThrownBy(() -> DsseVerifier.fromSpki("", p521)).hasMessageContaining("unsupported ECDSA curve");
    }

    @Test
    void rejectsMalformedEnvelopesClearly() {
        String ok = "\"payload\":\"aGk=\",\"payloadType\":\"t\"";
        assertMalformed("not json", "not valid JSON");
        assertMalformed("[]", "must be a JSON object");
        assertMalformed("{\"payloadType\":\"t\",\"signatures\":[]}", "'payload' is missing");
        assertMalformed("{\"payload\":\"aGk=\",\"signatures\":[]}", "'payloadType' is missing");
        assertMalformed("{" + ok + "}", "'signatures' is missing");
        assertMalformed("{" + ok + ",\"signatures\":{}}", "not an array");
        assertMalformed("{" + ok + ",\"signatures\":[{\"keyid\":\"k\"}]}", "'sig' is missing");
        assertMalformed("{" + ok + ",\"signatures\":[{\"sig\":\"a+b-\"}]}", "not valid base64");
        assertMalformed("{\"payload\":\"a b\",\"payloadType\":\"t\",\"signatures\":[]}", "not valid base64");
        assertMalformed("{\"payload\":5,\"payloadType\":\"t\",\"signatures\":[]}", "must be a string");
        assertMalformed("{" + ok + ",\"payload\":\"aGk=\",\"signatures\":[]}", "not valid JSON");
        assertMalformed("{" + ok + ",\"signatures\":[]} {}", "not valid JSON");
        assertMalformed("{" + ok + ",\"signatures\":[{\"sig\":\"aGk=\",\"keyid\":7}]}", "'keyid' must be a string");
        byte[] big = ("{" + ok + ",\"signatures\":[],\"pad\":\"" + "x".repeat(100) + "\"}").getBytes(UTF_8);
        assertThatThrownBy(() -> Envelope.parse(big, 64)).isInstanceOf(FormatException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> new Dsse(List.of(specKey), 1, 64).verify(big, "t")).hasMessageContaining("exceeds");
    }

    private static void assertMalformed(String json, String message) {
        assertThatThrownBy(() -> Envelope.parse(json.getBytes(UTF_8))).as(json).isInstanceOf(FormatException.class)
                .hasMessageContaining(message);
    }
}
