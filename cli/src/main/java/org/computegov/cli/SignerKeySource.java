package org.computegov.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.keys.SignerKey;
import picocli.CommandLine.Option;

/**
 * Where a command's private signer key comes from: {@code --key FILE} or {@code --key-env VAR} (at most one; an
 * exclusive {@code @ArgGroup}), else {@code $CGOV_KEY}, else the current context's key. The secret is never echoed.
 * {@code --skey}/{@code --skey-env} are the old spellings, hidden and still accepted.
 */
final class SignerKeySource {
    @Option(names = "--key", paramLabel = "FILE", required = true,
            description = "Your private signer key file (PRIVATE+KEY+name+id+key, as 'cgov keys generate' writes it); "
                    + "default $CGOV_KEY, then the current context's key.")
    Path file;

    @Option(names = "--skey", paramLabel = "FILE", required = true, hidden = true,
            description = "Old spelling of --key.")
    Path oldFile;

    @Option(names = "--key-env", paramLabel = "VAR", required = true,
            description = "Read the private signer key itself from this environment variable instead of a file.")
    String variable;

    @Option(names = "--skey-env", paramLabel = "VAR", required = true, hidden = true,
            description = "Old spelling of --key-env.")
    String oldVariable;

    /**
     * Loads the key from the options given (null when none was), $CGOV_KEY or the current context, warning on
     * {@code err} if its file is readable by others.
     */
    static SignerKey load(SignerKeySource given, PrintWriter err) throws InvalidInputException {
        Path file = given == null ? null : given.file != null ? given.file : given.oldFile;
        String variable = given == null ? null : given.variable != null ? given.variable : given.oldVariable;
        if (variable != null) {
            String value = Env.get(variable);
            if (value == null) {
                throw new InvalidInputException("--key-env", "Environment variable " + variable + " is not set.",
                        "Export it with the signer key (PRIVATE+KEY+...), or use --key FILE.");
            }
            try {
                return SignerKey.parse(value.strip());
            } catch (FormatException e) {
                throw new InvalidInputException("--key-env", "Environment variable " + variable
                        + " does not hold a signer key: " + e.getMessage() + ".",
                        "It must hold one PRIVATE+KEY+name+id+key string, as 'cgov keys generate' writes it.", e);
            }
        }
        if (file == null) {
            file = Contexts.keyFile(null);
        }
        if (file == null) {
            throw new InvalidInputException("--key", "This command needs your signer key.",
                    "Give --key FILE (from 'cgov keys generate'), set CGOV_KEY, or save it in a context: "
                            + "cgov config set-context NAME --key FILE.");
        }
        return parse(file, err);
    }

    /** Reads a signer key file; the content is never echoed (it may be a secret in another format). */
    static SignerKey parse(Path file, PrintWriter err) throws InvalidInputException {
        String text = Inputs.readText(file, "--key", "signer key").strip();
        try {
            SignerKey key = SignerKey.parse(text);
            warnIfShared(file, err);
            return key;
        } catch (FormatException e) {
            throw new InvalidInputException("--key", "File " + file + " does not hold a signer key: " + e.getMessage()
                    + ".", "Give a file written by 'cgov keys generate' (one line: PRIVATE+KEY+name+id+key).", e);
        }
    }

    private static void warnIfShared(Path file, PrintWriter err) {
        if (err == null || Inputs.isStdio(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                err.println("cgov: warning: signer key file " + file + " is readable by other users; chmod 600 " + file);
                err.flush();
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Permissions unknown on this file system: nothing to warn about.
        }
    }

    /** The key file named by the options, or null (for commands that print where the key is). */
    static Path fileOf(SignerKeySource given) {
        return given == null ? null : given.file != null ? given.file : given.oldFile;
    }
}
