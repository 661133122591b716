package org.computegov.cli.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.merkle.Rfc6962;

/**
 * What an auditor remembers per log: the size, root and signed checkpoint of its last successful audit, and the log
 * key that signed it. A log is its origin AND its key: two servers left at the default origin are two logs, and a
 * checkpoint of one must never be compared with the other's (that would report a fork that is not there). One JSON
 * file per log, replaced atomically (temporary file, fsync, rename, directory fsync).
 */
public final class AuditStateStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    /** The remembered checkpoint of one origin. */
    /** The remembered checkpoint of one log; {@code logKey} is the vkey that signed it. */
    public record State(String origin, String logKey, long size, byte[] root, String checkpoint, Instant auditedAt) {}

    public AuditStateStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The default directory: $HOME/.cgov/audit ($HOME as the shell has it; Java's user.home can differ). */
    public static Path defaultDir() {
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cgov", "audit");
    }

    /** The file that holds a log's state (named by a hash of origin and key, so any origin is a safe file name). */
    public Path fileOf(String origin, String logKey) {
        return dir.resolve(Bytes.hex(Rfc6962.sha256((origin + "\n" + logKey).getBytes(StandardCharsets.UTF_8)))
                + ".json");
    }

    /** Where an earlier version kept an origin's state, keyed by origin alone. */
    Path legacyFileOf(String origin) {
        return dir.resolve(Bytes.hex(Rfc6962.sha256(origin.getBytes(StandardCharsets.UTF_8))) + ".json");
    }

    /**
     * The remembered state of the log with this origin and key, or empty on its first audit here. A state kept by an
     * earlier version (keyed by origin alone, no key recorded) counts only if {@code signedBy} says its checkpoint was
     * signed by this key; otherwise it belongs to another log of the same origin.
     */
    public Optional<State> load(String origin, String logKey, java.util.function.Predicate<String> signedBy)
            throws IOException {
        Path f = fileOf(origin, logKey);
        if (Files.exists(f)) {
            return Optional.of(read(f, origin, logKey));
        }
        Path legacy = legacyFileOf(origin);
        if (Files.exists(legacy)) {
            State old = read(legacy, origin, null);
            if (old.logKey() == null && signedBy.test(old.checkpoint())) {
                return Optional.of(new State(origin, logKey, old.size(), old.root(), old.checkpoint(), old.auditedAt()));
            }
        }
        return Optional.empty();
    }

    private static State read(Path f, String origin, String logKey) throws IOException {
        try {
            JsonNode j = JSON.readTree(Files.readAllBytes(f));
            if (!origin.equals(j.path("origin").asText(null))) {
                throw new IOException("audit state file " + f + " belongs to another origin");
            }
            String key = j.path("logKey").asText(null);
            if (logKey != null && !logKey.equals(key)) {
                throw new IOException("audit state file " + f + " belongs to another log key");
            }
            long size = j.get("size").asLong();
            byte[] root = Bytes.decodeBase64Strict(j.get("root").asText(), "root");
            if (size < 0 || root.length != Rfc6962.HASH_SIZE) {
                throw new IOException("audit state file " + f + " is corrupt (size or root)");
            }
            return new State(origin, key, size, root, j.get("checkpoint").asText(),
                    Instant.parse(j.get("auditedAt").asText()));
        } catch (FormatException | RuntimeException e) {
            throw new IOException("audit state file " + f + " is corrupt: " + e.getMessage(), e);
        }
    }

    /** Replaces the origin's state atomically and durably. */
    public Path save(State state) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
        ObjectNode j = JSON.createObjectNode();
        j.put("origin", state.origin());
        j.put("logKey", state.logKey());
        j.put("size", state.size());
        j.put("root", Bytes.base64(state.root()));
        j.put("checkpoint", state.checkpoint());
        j.put("auditedAt", state.auditedAt().toString());
        byte[] data = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(j);
        Path target = fileOf(state.origin(), state.logKey());
        org.computegov.ledger.AtomicFiles.write(target, data);
        return target;
    }
}
