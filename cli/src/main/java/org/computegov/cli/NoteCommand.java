package org.computegov.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.ledger.note.Note;
import org.computegov.ledger.note.NoteSignature;
import org.computegov.ledger.note.NoteVerifier;
import org.computegov.ledger.note.Notes;
import org.computegov.ledger.note.VerifiedNote;
import org.computegov.ledger.note.VerifierSet;
import org.computegov.ledger.witness.CosignatureVerifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cgov note}: C2SP signed notes (subcommands registered by {@link Cgov}). */
@Command(name = "note", mixinStandardHelpOptions = true,
        description = "Sign and verify C2SP signed notes (the format of checkpoints and cosignatures).")
final class NoteCommand {

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = {"Sign a note and print the signed note.",
                    "NOTE is a file holding the note text (lines ending in a newline), or an already signed note, to "
                            + "which this key's signature is added."})
    static final class Sign implements Callable<Integer> {
        @Spec CommandSpec spec;
        @ArgGroup(exclusive = true, multiplicity = "0..1") SignerKeySource skey;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "NOTE", description = "File with the note text, or a signed note ('-': standard input).")
        Path file;

        @Override
        public Integer call() throws Exception {
            SignerKey key = SignerKeySource.load(skey, spec.commandLine().getErr());
            byte[] bytes = Inputs.read(file, "NOTE", "note");
            String content = new String(bytes, StandardCharsets.UTF_8);
            Note signed = parseSigned(bytes);
            String text = signed != null ? signed.text() : content;
            checkText(text);
            NoteSignature mine = Notes.signatures(text, List.of(Ed25519NoteSigner.of(key))).get(0);
            List<NoteSignature> all = new ArrayList<>(signed != null ? signed.signatures() : List.of());
            if (all.contains(mine)) {
                spec.commandLine().getErr().println("cgov: the note already carries this key's signature; unchanged");
            } else {
                all.add(mine);
            }
            PrintWriter out = spec.commandLine().getOut();
            String note = new String(new Note(text, all).encode(), StandardCharsets.UTF_8);
            if (json.printed(out, Map.of("note", note, "signers", all.stream()
                    .map(sig -> sig.name() + "+" + KeyIds.hex(sig.keyId())).distinct().toList()))) {
                return 0;
            }
            out.print(note);
            out.flush();
            return 0;
        }

        /** The note if the file is already a signed note, else null (the file is the text to sign). */
        private static Note parseSigned(byte[] bytes) {
            try {
                return Note.parse(bytes);
            } catch (FormatException e) {
                return null;
            }
        }

        private void checkText(String text) throws InvalidInputException {
            if (text.isEmpty()) {
                throw new InvalidInputException("NOTE", "Note file " + file + " is empty.", "Write the note text into it.");
            }
            if (!text.endsWith("\n")) {
                throw new InvalidInputException("NOTE", "Note text in " + file + " does not end with a newline; a note's "
                        + "text is lines, each ending in a newline.", "Add a final newline (e.g. echo >> " + file + ").");
            }
            if (text.endsWith("\n\n")) {
                throw new InvalidInputException("NOTE", "Note text in " + file + " ends with an empty line, which would "
                        + "make the signatures ambiguous.", "Remove the trailing empty line.");
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 && c != '\n') {
                    throw new InvalidInputException("NOTE", "Note text in " + file + " contains control character 0x"
                            + Integer.toHexString(c) + " at offset " + i + " (e.g. a \\r of Windows line endings).",
                            "Use plain text with \\n line endings.");
                }
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify a signed note against one or more verifier keys and report who signed it.",
                    "Every signature by a given key must verify, and at least one must be present; signatures by "
                            + "other keys are ignored. Exit 1 if the note does not verify. The verified text is "
                            + "written with --text-out (with '-' it goes to standard output and the report to "
                            + "standard error)."})
    static final class Verify implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin JsonOption json;

        @Option(names = "--vkey", required = true, paramLabel = "VKEY",
                description = "A trusted verifier key (name+id+key, or a file holding it); repeatable. "
                        + "Ed25519 and cosignature/v1 (witness) keys are accepted.")
        List<String> vkeys;

        @Option(names = "--text-out", paramLabel = "FILE",
                description = "Write the verified note text to FILE ('-': standard output).")
        Path textOut;

        @Parameters(paramLabel = "NOTE", description = "File holding the signed note ('-': standard input).")
        Path file;

        @Override
        public Integer call() throws Exception {
            List<NoteVerifier> verifiers = new ArrayList<>();
            for (String v : vkeys) {
                verifiers.add(Inputs.noteVerifier(v, "--vkey"));
            }
            VerifierSet set;
            try {
                set = VerifierSet.of(verifiers);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--vkey", "Two different --vkey keys share a name and key ID.",
                        "Give each key once.", e);
            }
            byte[] bytes = Inputs.read(file, "NOTE", "signed note");
            VerifiedNote note;
            try {
                note = Notes.open(bytes, set);
            } catch (FormatException e) {
                throw new InvalidInputException("NOTE", "File " + file + " is not a well-formed signed note: "
                        + e.getMessage() + ".", "A signed note is the text, an empty line, then lines '— name signature'.", e);
            } catch (VerificationException e) {
                throw new CheckFailed("The note in " + file + " does not verify: " + e.getMessage() + ".",
                        "Check that it was signed by one of the --vkey keys and not changed since.", e);
            }
            boolean textToStdout = Inputs.isStdio(textOut);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter report = textToStdout ? spec.commandLine().getErr() : out;
            if (textOut != null) {
                Outputs.write(textOut, note.text().getBytes(StandardCharsets.UTF_8), "--text-out", out);
            }
            List<Map<String, Object>> signers = new ArrayList<>();
            for (NoteSignature s : note.verified()) {
                NoteVerifier v = set.find(s.name(), s.keyId()).orElseThrow();
                signers.add(Map.of("key", s.name() + "+" + KeyIds.hex(s.keyId()), "cosignature", v instanceof CosignatureVerifier));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("verified", true);
            result.put("signers", signers);
            result.put("unchecked", note.unverified().size());
            if (!textToStdout) {
                result.put("text", note.text());
            }
            if (json.printed(report, result)) {
                return 0;
            }
            for (Map<String, Object> m : signers) {
                report.println("verified: signed by " + m.get("key") + (Boolean.TRUE.equals(m.get("cosignature"))
                        ? " (witness cosignature)" : ""));
            }
            if (!note.unverified().isEmpty()) {
                report.println(note.unverified().size() + " signature(s) by keys not given with --vkey were not checked");
            }
            report.flush();
            return 0;
        }
    }
}
