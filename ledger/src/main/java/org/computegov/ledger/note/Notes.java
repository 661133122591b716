package org.computegov.ledger.note;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.KeyIds;

/** Signs and opens C2SP signed notes. */
public final class Notes {
    private Notes() {}

    /**
     * Signs text with each signer and returns the encoded note. Text must be non-empty and end in a
     * newline.
     */
    public static byte[] sign(String text, NoteSigner... signers) {
        return sign(text, List.of(signers));
    }

    /** Signs text with each signer and returns the encoded note. */
    public static byte[] sign(String text, List<? extends NoteSigner> signers) {
        return new Note(text, signatures(text, signers)).encode();
    }

    /** Returns the signature lines the signers make over the text, without the text. */
    public static List<NoteSignature> signatures(String text, List<? extends NoteSigner> signers) {
        Note.checkText(text);
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("need at least one signer");
        }
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<NoteSignature> sigs = new ArrayList<>();
        for (NoteSigner s : signers) {
            if (!KeyIds.isValidName(s.name())) {
                throw new IllegalArgumentException("signer has an invalid name: '" + s.name() + "'");
            }
            sigs.add(new NoteSignature(s.name(), s.keyId(), s.sign(bytes)));
        }
        return sigs;
    }

    /**
     * Parses and verifies a signed note against trusted keys.
     *
     * <p>Signatures from unknown keys are ignored (kept as unverified). Any signature that matches a
     * trusted key's name and ID must verify, or the whole note is rejected. At least one trusted
     * signature is required. Duplicate lines are reported once.
     *
     * @throws FormatException if the note is malformed
     * @throws VerificationException if a trusted key's signature fails or none is present
     */
    public static VerifiedNote open(byte[] encoded, VerifierSet verifiers) throws VerificationException {
        Note note = Note.parse(encoded);
        byte[] text = note.textBytes();
        Set<NoteSignature> verified = new LinkedHashSet<>();
        Set<NoteSignature> unverified = new LinkedHashSet<>();
        for (NoteSignature sig : note.signatures()) {
            Optional<NoteVerifier> v = verifiers.find(sig.name(), sig.keyId());
            if (v.isEmpty()) {
                unverified.add(sig);
                continue;
            }
            if (verified.contains(sig)) {
                continue;
            }
            try {
                v.get().verify(text, sig.signature());
            } catch (VerificationException e) {
                throw new VerificationException("invalid signature for key " + sig.name() + "+"
                        + KeyIds.hex(sig.keyId()) + ": " + e.getMessage(), e);
            }
            verified.add(sig);
        }
        if (verified.isEmpty()) {
            throw new VerificationException("note has no verifiable signatures (" + unverified.size()
                    + " signatures from unknown keys)");
        }
        return new VerifiedNote(note.text(), new ArrayList<>(verified), new ArrayList<>(unverified));
    }
}
