package org.computegov.ledger.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.computegov.ledger.FormatException;

/** Loads and saves signer keys: files readable only by their owner, and environment variables. */
public final class KeyFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeyFiles() {}

    /**
     * Writes a signer key to a new file created with permissions 600, so the secret is never
     * readable by others, not even briefly. Refuses to overwrite an existing file.
     */
    public static void writeSignerKey(Path file, SignerKey key) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite a key file");
        }
        byte[] text = (key.encode() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            throw new IOException("file system of " + file + " cannot restrict permissions; not writing a secret key", e);
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY); // the umask may have removed bits: make it exactly 0600
        Files.write(file, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
    }

    /** Reads a signer key file (one line, surrounding whitespace ignored). */
    public static SignerKey readSignerKey(Path file) throws IOException, FormatException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        return SignerKey.parse(text);
    }

    /** Reads a signer key from the named environment variable. */
    public static SignerKey signerKeyFromEnv(String variable) throws FormatException {
        return signerKeyFromEnv(System.getenv(), variable);
    }

    /** Reads a signer key from the named variable of the given environment (testable form). */
    public static SignerKey signerKeyFromEnv(Map<String, String> env, String variable) throws FormatException {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new FormatException("environment variable " + variable + " is not set");
        }
        try {
            return SignerKey.parse(value.strip());
        } catch (FormatException e) {
            // Never echo the value: it is a secret.
            throw new FormatException("environment variable " + variable + " does not hold a signer key: "
                    + e.getMessage(), e);
        }
    }
}
