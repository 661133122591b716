package org.computegov.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Function;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.keys.SignerKey;
import picocli.CommandLine.Option;

/**
 * Where a command's private signer key comes from: a key file ({@code --skey}) or an environment variable
 * ({@code --skey-env}), exactly one. Used as an exclusive {@code @ArgGroup}. The secret is never echoed.
 */
final class SignerKeySource {
    /** The process environment; tests substitute their own. */
    static Function<String, String> environment = System::getenv;

    @Option(names = "--skey", paramLabel = "FILE", required = true,
            description = "Private signer key file (PRIVATE+KEY+name+id+key, as 'cgov keys generate' writes it).")
    Path file;

    @Option(names = "--skey-env", paramLabel = "VAR", required = true,
            description = "Read the private signer key from this environment variable instead of a file.")
    String variable;

    /** Loads the key, warning on {@code err} if its file is readable by others. */
    SignerKey load(PrintWriter err) throws InvalidInputException {
        if (variable != null) {
            String value = environment.apply(variable);
            if (value == null || value.isBlank()) {
                throw new InvalidInputException("--skey-env", "Environment variable " + variable + " is not set.",
                        "Export it with the signer key (PRIVATE+KEY+...), or use --skey FILE.");
            }
            try {
                return SignerKey.parse(value.strip());
            } catch (FormatException e) {
                throw new InvalidInputException("--skey-env", "Environment variable " + variable
                        + " does not hold a signer key: " + e.getMessage() + ".",
                        "It must hold one PRIVATE+KEY+name+id+key string, as 'cgov keys generate' writes it.", e);
            }
        }
        String text = Inputs.readText(file, "--skey", "signer key").strip();
        try {
            SignerKey key = SignerKey.parse(text);
            warnIfShared(err);
            return key;
        } catch (FormatException e) {
            // Never echo the content: it may be a secret in another format.
            throw new InvalidInputException("--skey", "File " + file + " does not hold a signer key: " + e.getMessage()
                    + ".", "Give a file written by 'cgov keys generate' (one line: PRIVATE+KEY+name+id+key).", e);
        }
    }

    private void warnIfShared(PrintWriter err) {
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
}
