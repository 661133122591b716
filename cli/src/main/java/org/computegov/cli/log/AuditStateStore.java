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
 * What an auditor remembers per log origin: the size, root and signed checkpoint of its last successful audit, one
 * JSON file per origin, replaced atomically (temporary file, fsync, rename, directory fsync).
 */
public final class AuditStateStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    /** The remembered checkpoint of one origin. */
    public record State(String origin, long size, byte[] root, String checkpoint, Instant auditedAt) {}

    public AuditStateStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The file that holds an origin's state (named by the origin's hash, so any origin is a safe file name). */
    public Path fileOf(String origin) {
        return dir.resolve(Bytes.hex(Rfc6962.sha256(origin.getBytes(StandardCharsets.UTF_8))) + ".json");
    }

    /** The remembered state, or empty on the first audit of this origin. */
    public Optional<State> load(String origin) throws IOException {
        Path f = fileOf(origin);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            JsonNode j = JSON.readTree(Files.readAllBytes(f));
            if (!origin.equals(j.path("origin").asText(null))) {
                throw new IOException("audit state file " + f + " belongs to another origin");
            }
            long size = j.get("size").asLong();
            byte[] root = Bytes.decodeBase64Strict(j.get("root").asText(), "root");
            if (size < 0 || root.length != Rfc6962.HASH_SIZE) {
                throw new IOException("audit state file " + f + " is corrupt (size or root)");
            }
            return Optional.of(new State(origin, size, root, j.get("checkpoint").asText(),
                    Instant.parse(j.get("auditedAt").asText())));
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
        j.put("size", state.size());
        j.put("root", Bytes.base64(state.root()));
        j.put("checkpoint", state.checkpoint());
        j.put("auditedAt", state.auditedAt().toString());
        byte[] data = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(j);
        Path target = fileOf(state.origin());
        org.computegov.ledger.AtomicFiles.write(target, data);
        return target;
    }
}
