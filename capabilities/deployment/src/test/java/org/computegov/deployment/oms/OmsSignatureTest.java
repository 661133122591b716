package org.computegov.deployment.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.dsse.DsseVerifier;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.dsse.Pae;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.keys.SignerKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OMS signatures: the project's P-384 signatures verify, ours (Ed25519) and P-256 ones round-trip, tampering shows. */
class OmsSignatureTest {
    private static final ModelHasher HASHER = new ModelHasher(2);

    @AfterAll
    static void close() {
        HASHER.close();
    }

    private static List<DsseVerifier> omsKey() throws Exception {
        String pem = new String(OmsFixtures.vector("signing-key-pub.pem"), StandardCharsets.US_ASCII);
        return List.of(DsseVerifier.fromSpki("", PemKeys.readSpki(pem)));
    }

    private static ModelVerification.Result check(Path model, byte[] sig, List<String> ignore) throws Exception {
        OmsPayload.Signed signed = OmsSignature.verify(sig, omsKey());
        return ModelVerification.verify(model, signed.manifest(), ignore, HASHER, Progress.NONE);
    }

    @Test
    void p384SignatureByModelSigning110VerifiesWithItsRecordedIgnorePaths(@TempDir Path tmp) throws Exception {
        Path model = OmsFixtures.vectorFolder(tmp, "v1.1.0-elliptic-key", "signme-1", "signme-2", "ignore-me", "model.sig");
        byte[] sig = Files.readAllBytes(model.resolve("model.sig"));
        OmsPayload.Signed signed = OmsSignature.verify(sig, omsKey());
        assertThat(signed.rootHex()).isEqualTo("92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4");
        assertThat(signed.manifest().serialization().ignorePaths()).contains("model.sig", "ignore-me");

        ModelVerification.Result r = check(model, sig, List.of());
        assertThat(r.matches()).isTrue();
        assertThat(r.actual().rootHex()).isEqualTo(signed.rootHex());
    }

    @Test
    void p384SignatureByModelSigning101NeedsTheVerifierToIgnoreWhatTheSignerIgnored(@TempDir Path tmp) throws Exception {
        Path model = OmsFixtures.vectorFolder(tmp, "v1.0.1-elliptic-key", "signme-1", "signme-2", "ignore-me", "model.sig");
        byte[] sig = Files.readAllBytes(model.resolve("model.sig"));
        assertThat(check(model, sig, List.of("model.sig", "ignore-me")).matches()).isTrue();
        ModelVerification.Result without = check(model, sig, List.of("model.sig"));
        assertThat(without.diff().added()).containsExactly("ignore-me");
    }

    @Test
    void singleFileModelSignedBy100(@TempDir Path tmp) throws Exception {
        Path dir = OmsFixtures.vectorFolder(tmp, "v1.0.0-elliptic-key", "signme-1", "model.sig");
        byte[] sig = Files.readAllBytes(dir.resolve("model.sig"));
        ModelVerification.Result r = check(dir.resolve("signme-1"), sig, List.of());
        assertThat(r.matches()).isTrue();
        assertThat(r.signed().resources()).extracting(Resource::name).containsExactly(".");
    }

    @Test
    void swappedAddedAndRemovedFilesAreNamed(@TempDir Path tmp) throws Exception {
        Path model = OmsFixtures.vectorFolder(tmp, "v1.1.0-elliptic-key", "signme-1", "signme-2", "ignore-me", "model.sig");
        byte[] sig = Files.readAllBytes(model.resolve("model.sig"));
        Files.writeString(model.resolve("signme-2"), "swapped!"); // same length, other bytes
        Files.delete(model.resolve("signme-1"));
        Files.writeString(model.resolve("extra.bin"), "x");
        ModelVerification.Result r = check(model, sig, List.of());
        assertThat(r.matches()).isFalse();
        assertThat(r.diff().changed()).containsExactly("signme-2");
        assertThat(r.diff().removed()).containsExactly("signme-1");
        assertThat(r.diff().added()).containsExactly("extra.bin");
        assertThat(r.diff().lines()).containsExactly("added: extra.bin", "removed: signme-1", "changed: signme-2");
    }

    @Test
    void anotherKeyOrAChangedManifestDoesNotVerify() throws Exception {
        byte[] sig = OmsFixtures.vector("v1.1.0-elliptic-key/model.sig");
        SignerKey other = SignerKey.generate("someone/else");
        List<DsseVerifier> wrong = List.of(new Ed25519DsseSigner("", other.privateKey()).verifier());
        assertThatThrownBy(() -> OmsSignature.verify(sig, wrong)).isInstanceOf(VerificationException.class);

        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var bundle = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(sig);
        var env = (com.fasterxml.jackson.databind.node.ObjectNode) bundle.get("dsseEnvelope");
        String changed = new String(Base64.getDecoder().decode(env.get("payload").asText()), StandardCharsets.UTF_8)
                .replace("bc9a717db6064a32", "bc9a717db6064a33");
        assertThat(changed).contains("bc9a717db6064a33");
        env.put("payload", Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8)));
        String forged = json.writeValueAsString(bundle);
        assertThatThrownBy(() -> OmsSignature.verify(forged.getBytes(StandardCharsets.UTF_8), omsKey()))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void ed25519SignatureRoundTripsAsAnOmsBundle(@TempDir Path tmp) throws Exception {
        Path model = OmsFixtures.model(tmp, "sample_model_folder");
        SignerKey key = SignerKey.generate("lab/release");
        Ed25519DsseSigner signer = new Ed25519DsseSigner("lab/release", key.privateKey());
        Manifest m = HASHER.hash(model, new Serialization.Shards(8, false, List.of()), Progress.NONE).manifest();
        byte[] sig = OmsSignature.sign(m, signer, signer.verifier().spki());

        assertThat(new String(sig, StandardCharsets.UTF_8)).contains(OmsSignature.BUNDLE_MEDIA_TYPE).contains("\"hint\"");
        OmsPayload.Signed signed = OmsSignature.verify(sig, List.of(signer.verifier()));
        assertThat(signed.manifest()).isEqualTo(m);
        assertThat(ModelVerification.verify(model, signed.manifest(), List.of(), HASHER, Progress.NONE).matches()).isTrue();
    }

    @Test
    void p256SignatureMadeByTheJdkVerifies(@TempDir Path tmp) throws Exception {
        Path model = OmsFixtures.model(tmp, "deep_model_folder");
        Manifest m = HASHER.hash(model, new Serialization.Files(false, List.of()), Progress.NONE).manifest();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        byte[] payload = OmsPayload.payload(m);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(kp.getPrivate());
        s.update(Pae.encode(Statement.PAYLOAD_TYPE, payload));
        String bundle = "{\"mediaType\":\"" + OmsSignature.BUNDLE_MEDIA_TYPE + "\",\"verificationMaterial\":"
                + "{\"publicKey\":{\"hint\":\"\"},\"tlogEntries\":[]},\"dsseEnvelope\":{\"payload\":\""
                + Base64.getEncoder().encodeToString(payload) + "\",\"payloadType\":\"" + Statement.PAYLOAD_TYPE
                + "\",\"signatures\":[{\"sig\":\"" + Base64.getEncoder().encodeToString(s.sign()) + "\",\"keyid\":\"\"}]}}";
        DsseVerifier p256 = DsseVerifier.fromSpki("", kp.getPublic().getEncoded());
        OmsPayload.Signed signed = OmsSignature.verify(bundle.getBytes(StandardCharsets.UTF_8), List.of(p256));
        assertThat(signed.manifest()).isEqualTo(m);
    }
}
