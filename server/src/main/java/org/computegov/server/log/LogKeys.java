package org.computegov.server.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.ledger.keys.SignerKey;

/** The log's signing key: created on first start in the data directory (mode 600), read on every later start. */
public final class LogKeys {
    static final String FILE = "log.key";

    private LogKeys() {}

    public static SignerKey loadOrCreate(Path dataDirectory, String origin) throws IOException, FormatException {
        Path file = dataDirectory.resolve(FILE);
        if (Files.exists(file)) {
            SignerKey key = KeyFiles.readSignerKey(file);
            if (origin != null && !origin.equals(key.name())) {
                throw new IllegalArgumentException("the log key in " + file + " is for origin '" + key.name()
                        + "', not '" + origin + "'; a log's origin cannot change");
            }
            return key;
        }
        Files.createDirectories(dataDirectory);
        SignerKey key = SignerKey.generate(origin == null ? LogOptions.DEFAULT_ORIGIN : origin);
        KeyFiles.writeSignerKey(file, key);
        return key;
    }
}
