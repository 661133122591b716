package org.computegov.ledger.note;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.junit.jupiter.api.Test;

class NotesTest {
    private final Ed25519NoteSigner a = new Ed25519NoteSigner("example.com/a", Ed25519PrivateKey.generate());
    private final Ed25519NoteSigner b = new Ed25519NoteSigner("example.com/b", Ed25519PrivateKey.generate());

    @Test
    void textMayContainBlankLinesAndSignaturesFollowTheLastOne() throws Exception {
        String text = "first\n\nsecond\n\n";
        VerifiedNote n = Notes.open(Notes.sign(text, a), VerifierSet.of(a.verifier()));
        assertThat(n.text()).isEqualTo(text);
    }

    @Test
    void acceptsSixteenOrMoreSignaturesFromDistinctKeys() throws Exception {
        List<Ed25519NoteSigner> signers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            signers.add(new Ed25519NoteSigner("w" + i, Ed25519PrivateKey.generate()));
        }
        byte[] note = Notes.sign("hello\n", signers);
        VerifiedNote n = Notes.open(note, VerifierSet.of(signers.stream().map(Ed25519NoteSigner::verifier).toList()));
        assertThat(n.verified()).hasSize(20);
    }

    @Test
    void signingRejectsBadTextAsCallerMistake() {
        assertThatThrownBy(() -> Notes.sign("no newline", a)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Notes.sign("tab\there\n", a)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Notes.sign("", a)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTamperedTextFailsEvenWithAnUnknownSecondSignature() {
        String note = new String(Notes.sign("pay 10\n", a, b), UTF_8).replace("pay 10", "pay 99");
        assertThatThrownBy(() -> Notes.open(note.getBytes(UTF_8), VerifierSet.of(a.verifier())))
                .hasMessageContaining("invalid signature for key example.com/a");
    }

    @Test
    void collidingVerifiersAreAConfigurationMistake() {
        Ed25519NoteVerifier other = new Ed25519NoteVerifier("example.com/a", Ed25519PrivateKey.generate().publicKey());
        // Same name, almost surely a different key ID: allowed.
        VerifierSet.of(a.verifier(), other);
        VerifierSet same = VerifierSet.of(a.verifier(), a.verifier());
        assertThat(same.size()).isEqualTo(1);
    }

    @Test
    void parsedNoteReencodesIdentically() throws Exception {
        byte[] note = Notes.sign("x\n", a, b);
        assertThat(Note.parse(note).encode()).isEqualTo(note);
    }
}
