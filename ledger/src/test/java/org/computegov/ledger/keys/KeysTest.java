package org.computegov.ledger.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc8032TestVector1SignsAndVerifies() throws Exception {
        // RFC 8032 §7.1, TEST 1 (empty message).
        Ed25519PrivateKey k = Ed25519PrivateKey.fromSeed(
                HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertThat(HEX.formatHex(k.publicKey().bytes()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] sig = k.sign(new byte[0]);
        assertThat(HEX.formatHex(sig)).isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        k.publicKey().verify(new byte[0], sig);
        sig[10] ^= 1;
        byte[] bad = sig;
        assertThatThrownBy(() -> k.publicKey().verify(new byte[0], bad)).isInstanceOf(VerificationException.class);
    }

    @Test
    void rejectsMalformedPublicKeys() {
        assertThatThrownBy(() -> Ed25519PublicKey.parse(new byte[31])).isInstanceOf(FormatException.class);
        byte[] identity = new byte[32];
        identity[0] = 1; // y = 1: the neutral element, a small-order point
        assertThatThrownBy(() -> Ed25519PublicKey.parse(identity)).hasMessageContaining("not a valid curve point");
        byte[] offCurve = new byte[32];
        offCurve[0] = 2; // y = 2 has no matching x
        assertThatThrownBy(() -> Ed25519PublicKey.parse(offCurve)).hasMessageContaining("not a valid curve point");
    }

    @Test
    void signerKeyFileIsCreatedOwnerOnlyAndReadsBack(@TempDir Path dir) throws Exception {
        SignerKey key = SignerKey.generate("log.computegov.org/test");
        Path file = dir.resolve("log.key");
        KeyFiles.writeSignerKey(file, key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        SignerKey back = KeyFiles.readSignerKey(file);
        assertThat(back.encode()).isEqualTo(key.encode());
        assertThatThrownBy(() -> KeyFiles.writeSignerKey(file, key)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void signerKeyFromEnvironmentValue() throws Exception {
        SignerKey key = SignerKey.generate("w");
        assertThat(KeyFiles.signerKeyFromEnv(Map.of("LOG_KEY", key.encode() + "\n"), "LOG_KEY").verifierKey())
                .isEqualTo(key.verifierKey());
        assertThatThrownBy(() -> KeyFiles.signerKeyFromEnv(Map.of(), "LOG_KEY")).hasMessageContaining("not set");
        assertThatThrownBy(() -> KeyFiles.signerKeyFromEnv(Map.of("LOG_KEY", "PRIVATE+KEY+x+secret"), "LOG_KEY"))
                .isInstanceOf(FormatException.class).hasMessageNotContaining("secret");
    }

    @Test
    void pemRoundTripsAndInteroperatesWithTheJdk() throws Exception {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate();
        String pubPem = PemKeys.toPem(key.publicKey());
        String privPem = PemKeys.toPem(key);
        assertThat(pubPem).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(privPem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PemKeys.readEd25519PublicKey(pubPem)).isEqualTo(key.publicKey());
        assertThat(PemKeys.readEd25519PrivateKey(privPem).publicKey()).isEqualTo(key.publicKey());

        // A key made by the JDK, exported as PKCS#8 PEM, signs what we verify.
        var jdk = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String jdkPub = PemKeys.spkiToPem(jdk.getPublic().getEncoded());
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(jdk.getPrivate());
        byte[] msg = "interop".getBytes(StandardCharsets.UTF_8);
        s.update(msg);
        PemKeys.readEd25519PublicKey(jdkPub).verify(msg, s.sign());

        // And our PKCS#8 export loads in the JDK.
        byte[] der = Base64.getMimeDecoder().decode(privPem.replaceAll("-----[A-Z ]+-----", ""));
        assertThat(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der))).isNotNull();
    }

    @Test
    void pemRejectsWrongTypeAndGarbage() throws Exception {
        var ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        String ecPem = PemKeys.spkiToPem(ec.getPublic().getEncoded());
        assertThat(PemKeys.readSpki(ecPem)).isEqualTo(ec.getPublic().getEncoded());
        assertThatThrownBy(() -> PemKeys.readEd25519PublicKey(ecPem)).hasMessageContaining("not Ed25519");
        assertThatThrownBy(() -> PemKeys.readEd25519PrivateKey(ecPem)).hasMessageContaining("PRIVATE KEY");
        assertThatThrownBy(() -> PemKeys.readSpki("hello")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> PemKeys.readSpki("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void keyNamesRejectSpacesPlusAndControls() {
        assertThat(KeyIds.isValidName("example.com/log")).isTrue();
        assertThat(KeyIds.isValidName("a b")).isFalse();
        assertThat(KeyIds.isValidName("a+b")).isFalse();
        assertThat(KeyIds.isValidName("a\u00a0b")).isFalse();
        assertThat(KeyIds.isValidName("a\u2003b")).isFalse();
        assertThat(KeyIds.isValidName("")).isFalse();
        assertThat(KeyIds.isValidName("a\nb")).isFalse();
    }
}
