package org.computegov.server.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.keys.VerifierKey;

/**
 * The registry's trust root: the bootstrap regulator's key. Given as a verifier key file, or created on first start
 * as {@code regulator.key} (mode 600) in the data directory, like the log's key, so that a fresh server can be
 * administered at once with {@code cgov … --key data/regulator.key}.
 */
public final class RegistryKeys {
    public static final String FILE = "regulator.key";
    public static final String DEFAULT_NAME = "regulator/root";

    private RegistryKeys() {}

    /** The root's verifier key, and where it came from (for the start-up log line). */
    public record Root(VerifierKey vkey, String where) {}

    public static Root root(Path dataDirectory, Path vkeyFile) throws IOException, FormatException {
        if (vkeyFile != null) {
            VerifierKey vkey = VerifierKey.parse(Files.readString(vkeyFile).strip());
            vkey.ed25519Key();
            return new Root(vkey, "verifier key from " + vkeyFile);
        }
        Path file = dataDirectory.resolve(FILE);
        SignerKey key;
        if (Files.exists(file)) {
            key = KeyFiles.readSignerKey(file);
        } else {
            Files.createDirectories(dataDirectory);
            key = SignerKey.generate(DEFAULT_NAME);
            KeyFiles.writeSignerKey(file, key);
        }
        return new Root(key.verifierKey(), "signer key in " + file);
    }
}
