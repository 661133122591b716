package org.computegov.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.Ed25519PrivateKey;

/** Sign/open round trips, and tamper-evidence of every single bit of a signed note. */
class NotePropertiesTest {
    private static final Ed25519NoteSigner KEY = new Ed25519NoteSigner("log.example/a", Ed25519PrivateKey.generate());

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> line = Arbitraries.strings().withChars("abcXYZ 019+/=.:\u00e9\u4e16").ofMinLength(0).ofMaxLength(20);
        return line.list().ofMinSize(1).ofMaxSize(6).map(lines -> String.join("\n", lines) + "\n");
    }

    @Property(tries = 100)
    void signedTextOpensUnchanged(@ForAll("texts") String text, @ForAll @IntRange(min = 1, max = 20) int signers)
            throws Exception {
        List<Ed25519NoteSigner> keys = new ArrayList<>();
        for (int i = 0; i < signers; i++) {
            keys.add(new Ed25519NoteSigner("w" + i, Ed25519PrivateKey.generate()));
        }
        byte[] note = Notes.sign(text, keys);
        VerifiedNote n = Notes.open(note, VerifierSet.of(keys.stream().map(Ed25519NoteSigner::verifier).toList()));
        assertThat(n.text()).isEqualTo(text);
        assertThat(n.verified()).hasSize(signers);
        assertThat(Note.parse(note).encode()).isEqualTo(note);
    }

    @Property(tries = 30)
    void flippingAnyBitOfASingleSignerNoteIsDetected(@ForAll("texts") String text) {
        byte[] note = Notes.sign(text, KEY);
        VerifierSet trusted = VerifierSet.of(KEY.verifier());
        for (int bit = 0; bit < note.length * 8; bit++) {
            byte[] bad = note.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> Notes.open(bad, trusted)).isInstanceOf(VerificationException.class);
        }
    }
}
