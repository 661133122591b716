package org.computegov.ledger.note;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.keys.VerifierKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replays golang.org/x/mod/sumdb/note's tests (see vectors/note/README.md). */
class NoteGoVectorsTest {
    private static JsonNode v;
    private static String text;
    private static String peterSig;
    private static String enochSig;
    private static Ed25519NoteVerifier peter;
    private static Ed25519NoteVerifier enoch;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = NoteGoVectorsTest.class.getResourceAsStream("/vectors/note/sumdb-note.json")) {
            v = new ObjectMapper().readTree(in);
        }
        text = v.get("text").asText();
        peterSig = v.get("peterSig").asText();
        enochSig = v.get("enochSig").asText();
        peter = Ed25519NoteVerifier.parse(v.at("/peter/vkey").asText());
        enoch = Ed25519NoteVerifier.parse(v.at("/enoch/vkey").asText());
    }

    @Test
    void signReproducesTheGoNoteByteForByte() throws Exception {
        Ed25519NoteSigner signer = Ed25519NoteSigner.of(SignerKey.parse(v.at("/peter/skey").asText()));
        assertThat(signer.name()).isEqualTo("PeterNeumann");
        assertThat(signer.keyId()).isEqualTo(0xc74f20a3);
        byte[] signed = Notes.sign(text, signer);
        assertThat(new String(signed, UTF_8)).isEqualTo(v.get("signedByPeter").asText());
        assertThat(signer.verifier()).isEqualTo(peter);
        assertThat(signer.verifier().verifierKey().encode()).isEqualTo(v.at("/peter/vkey").asText());
    }

    @Test
    void signerKeyRoundTrips() throws Exception {
        String skey = v.at("/peter/skey").asText();
        SignerKey k = SignerKey.parse(skey);
        assertThat(k.encode()).isEqualTo(skey);
        assertThat(k.verifierKey().encode()).isEqualTo(v.at("/peter/vkey").asText());
        assertThat(k.toString()).doesNotContain("AYEK");
    }

    @Test
    void everyManglingOfTheVerifierKeyIsRejected() {
        String vkey = v.at("/peter/vkey").asText();
        for (int i = 0; i <= vkey.length(); i++) {
            for (int j = i + 1; j <= vkey.length(); j++) {
                if (i != 0 || j != vkey.length()) {
                    String bad = vkey.substring(i, j);
                    assertThatThrownBy(() -> Ed25519NoteVerifier.parse(bad)).as(bad).isInstanceOf(FormatException.class);
                }
            }
        }
        for (int i = 0; i < vkey.length(); i++) {
            char[] c = vkey.toCharArray();
            c[i]++;
            String bad = new String(c);
            assertThatThrownBy(() -> Ed25519NoteVerifier.parse(bad)).as(bad).isInstanceOf(FormatException.class);
        }
        for (JsonNode bad : v.get("badVkeys")) {
            assertThatThrownBy(() -> Ed25519NoteVerifier.parse(bad.asText())).isInstanceOf(FormatException.class);
        }
    }

    @Test
    void everyManglingOfTheSignerKeyIsRejected() {
        String skey = v.at("/peter/skey").asText();
        for (int i = 0; i <= skey.length(); i++) {
            for (int j = i + 1; j <= skey.length(); j++) {
                if (i != 0 || j != skey.length()) {
                    String bad = skey.substring(i, j);
                    assertThatThrownBy(() -> SignerKey.parse(bad)).isInstanceOf(FormatException.class);
                }
            }
        }
        for (int i = 0; i < skey.length(); i++) {
            char[] c = skey.toCharArray();
            c[i]++;
            String bad = new String(c);
            assertThatThrownBy(() -> SignerKey.parse(bad)).isInstanceOf(FormatException.class);
        }
    }

    @Test
    void opensWithOneKnownAndOneUnknownSignature() throws Exception {
        VerifiedNote n = Notes.open((text + "\n" + peterSig + enochSig).getBytes(UTF_8), VerifierSet.of(peter));
        assertThat(n.text()).isEqualTo(text);
        assertThat(n.verified()).extracting(NoteSignature::name).containsExactly("PeterNeumann");
        assertThat(n.unverified()).extracting(NoteSignature::name).containsExactly("EnochRoot");
        assertThat(n.unverified().get(0).keyId()).isEqualTo(0xaf0cfe78);
    }

    @Test
    void opensWithBothKnown() throws Exception {
        VerifiedNote n = Notes.open((text + "\n" + peterSig + enochSig).getBytes(UTF_8), VerifierSet.of(peter, enoch));
        assertThat(n.verified()).extracting(NoteSignature::line).containsExactly(peterSig, enochSig);
        assertThat(n.unverified()).isEmpty();
    }

    @Test
    void rejectsNoteWithoutKnownSignatures() {
        assertThatThrownBy(() -> Notes.open((text + "\n" + peterSig + enochSig).getBytes(UTF_8), VerifierSet.of()))
                .isInstanceOf(VerificationException.class).isNotInstanceOf(FormatException.class)
                .hasMessageContaining("no verifiable signatures");
    }

    @Test
    void rejectsMoreThanOneHundredSignaturesButAcceptsOneHundred() throws Exception {
        assertThatThrownBy(() -> Notes.open((text + "\n" + peterSig.repeat(101)).getBytes(UTF_8), VerifierSet.of(peter)))
                .isInstanceOf(FormatException.class);
        VerifiedNote n = Notes.open((text + "\n" + peterSig.repeat(16) + enochSig.repeat(84)).getBytes(UTF_8),
                VerifierSet.of(peter));
        assertThat(n.verified()).hasSize(1);
        assertThat(n.unverified()).hasSize(1);
    }

    @Test
    void rejectsAnInvalidSignatureFromAKnownKey() {
        String bad = text + "\n" + peterSig.substring(0, 60) + "ABCD" + peterSig.substring(60);
        assertThatThrownBy(() -> Notes.open(bad.getBytes(UTF_8), VerifierSet.of(peter)))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("invalid signature for key PeterNeumann+c74f20a3");
    }

    @Test
    void deduplicatesRepeatedSignatures() throws Exception {
        String enochAbcd = enochSig.substring(0, 60) + "ABCD" + enochSig.substring(60);
        String msg = text + "\n" + peterSig + peterSig + enochSig + enochSig + enochAbcd;
        VerifiedNote n = Notes.open(msg.getBytes(UTF_8), VerifierSet.of(peter));
        assertThat(n.verified()).hasSize(1);
        assertThat(n.unverified()).extracting(NoteSignature::line).containsExactly(enochSig, enochAbcd);
    }

    @Test
    void rejectsMalformedNotesAsTheGoTestsDo() {
        List<String> bad = List.of(
                text,
                text + "\n",
                text + "\n" + peterSig.substring(0, peterSig.length() - 1),
                "\u0001" + text + "\n" + peterSig,
                text + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
                text + "\n" + peterSig + "Unexpected line.\n");
        for (String msg : bad) {
            assertThatThrownBy(() -> Notes.open(msg.getBytes(UTF_8), VerifierSet.of(peter))).as(msg)
                    .isInstanceOf(FormatException.class).hasMessageContaining("malformed note");
        }
        byte[] invalidUtf8 = ("\u00ff" + text + "\n" + peterSig).getBytes(UTF_8);
        invalidUtf8[0] = (byte) 0xff;
        invalidUtf8[1] = (byte) 0xff;
        assertThatThrownBy(() -> Notes.open(invalidUtf8, VerifierSet.of(peter))).isInstanceOf(FormatException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void signatureUnderTheRightKeyIdButWrongNameIsIgnored() {
        String misnamed = peterSig.replace("PeterNeumann", "CarmenSandiego");
        assertThatThrownBy(() -> Notes.open((text + "\n" + misnamed).getBytes(UTF_8), VerifierSet.of(peter)))
                .hasMessageContaining("no verifiable signatures");
    }

    @Test
    void verifiesTheC2spSpecExample() throws Exception {
        Ed25519NoteVerifier foo = Ed25519NoteVerifier.parse(v.at("/c2spExample/vkey").asText());
        VerifiedNote n = Notes.open(v.at("/c2spExample/note").asText().getBytes(UTF_8), VerifierSet.of(foo));
        assertThat(n.text()).isEqualTo("This is an example message.\n");
    }

    @Test
    void verifierKeyParsingChecksTheKeyId() throws Exception {
        VerifierKey k = VerifierKey.parse(v.at("/enoch/vkey").asText());
        assertThat(k.keyId()).isEqualTo(0xaf0cfe78);
        assertThat(k.encode()).isEqualTo(v.at("/enoch/vkey").asText());
        assertThatCode(() -> VerifierKey.parse("EnochRoot+af0cfe79+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"))
                .isInstanceOf(FormatException.class);
    }
}
