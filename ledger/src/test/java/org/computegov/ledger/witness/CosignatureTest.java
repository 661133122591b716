package org.computegov.ledger.witness;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.ledger.note.NoteSignature;
import org.computegov.ledger.note.Notes;
import org.computegov.ledger.note.VerifiedNote;
import org.computegov.ledger.note.VerifierSet;
import org.junit.jupiter.api.Test;

/** tlog-cosignature v1 (see vectors/cosignature/README.md). */
class CosignatureTest {
    static final String BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    static final Ed25519PrivateKey KEY = Ed25519PrivateKey.fromSeed(HexFormat.of().parseHex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

    @Test
    void signedMessageIsExactlyTheSpecExample() {
        String spec = "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
                + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        assertThat(new String(Cosignatures.message(1679315147L, BODY.getBytes(UTF_8)), UTF_8)).isEqualTo(spec);
    }

    @Test
    void cosignatureIsTimestampThenEd25519OverTheSpecMessageCheckedByTheJdk() throws Exception {
        CosignatureSigner signer = new CosignatureSigner("witness.example.com/w1", KEY, Clock.systemUTC());
        byte[] sig = signer.signAt(BODY.getBytes(UTF_8), 1679315147L);
        assertThat(sig).hasSize(72);
        assertThat(ByteBuffer.wrap(sig).getLong()).isEqualTo(1679315147L);

        // Independent check with the JDK's Ed25519 over the literal message.
        byte[] pub = KEY.publicKey().bytes();
        byte[] y = pub.clone();
        boolean xOdd = (y[31] & 0x80) != 0;
        y[31] &= 0x7f;
        for (int i = 0; i < 16; i++) {
            byte t = y[i];
            y[i] = y[31 - i];
            y[31 - i] = t;
        }
        var jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(
                new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, y))));
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(jdkKey);
        v.update(("cosignature/v1\ntime 1679315147\n" + BODY).getBytes(UTF_8));
        assertThat(v.verify(java.util.Arrays.copyOfRange(sig, 8, 72))).isTrue();

        signer.verifier().verify(BODY.getBytes(UTF_8), sig);
    }

    @Test
    void keyIdUsesTypeFour() throws Exception {
        VerifierKey remora = VerifierKey.parse("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
        assertThat(remora.type()).isEqualTo(KeyIds.TYPE_COSIGNATURE_V1);
        CosignatureVerifier v = CosignatureVerifier.parse(remora.encode());
        assertThat(v.keyId()).isEqualTo(0xda77ade7);

        CosignatureVerifier converted = CosignatureVerifier.parse("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6");
        assertThat(converted.keyId()).isNotEqualTo(0x7997405c);
        assertThat(converted.keyId()).isEqualTo(KeyIds.keyId("TEST", (byte) 4, converted.verifierKey().publicKey()));
    }

    @Test
    void decodesTheTimestampOfAPublishedCosignature() throws Exception {
        byte[] raw = Base64.getDecoder().decode(
                "ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==");
        NoteSignature s = new NoteSignature("w", ByteBuffer.wrap(raw).getInt(), java.util.Arrays.copyOfRange(raw, 4, raw.length));
        assertThat(s.keyId()).isEqualTo(0x646846b9);
        assertThat(Cosignatures.timestamp(s)).isEqualTo(1727964367L);
        byte[] plain = Base64.getDecoder().decode(
                "eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY=");
        assertThatThrownBy(() -> Cosignatures.timestamp(java.util.Arrays.copyOfRange(plain, 4, plain.length)))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void cosignedCheckpointOpensWithWitnessKeyAndTamperingFails() throws Exception {
        Clock fixed = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        Ed25519NoteSigner log = new Ed25519NoteSigner("example.com/behind-the-sofa", Ed25519PrivateKey.generate());
        CosignatureSigner w = new CosignatureSigner("witness.example.com/w1", KEY, fixed);
        byte[] note = Notes.sign(BODY, log, w);
        VerifiedNote n = Notes.open(note, VerifierSet.of(w.verifier()));
        assertThat(Cosignatures.timestamp(n.verified().get(0))).isEqualTo(1_700_000_000L);
        assertThat(n.unverified()).hasSize(1);

        // A plain Ed25519 verifier for the same key and name does not match the cosignature's key ID.
        Ed25519NoteSigner plain = new Ed25519NoteSigner("witness.example.com/w1", KEY);
        assertThatThrownBy(() -> Notes.open(note, VerifierSet.of(plain.verifier())))
                .hasMessageContaining("no verifiable signatures");

        byte[] sig = w.signAt(BODY.getBytes(UTF_8), 5);
        sig[7] = 6; // claim another time
        assertThatThrownBy(() -> w.verifier().verify(BODY.getBytes(UTF_8), sig)).isInstanceOf(VerificationException.class);
        byte[] future = w.signAt(BODY.getBytes(UTF_8), 5);
        future[0] = (byte) 0x80;
        assertThatThrownBy(() -> w.verifier().verify(BODY.getBytes(UTF_8), future)).hasMessageContaining("2^63");
    }
}
