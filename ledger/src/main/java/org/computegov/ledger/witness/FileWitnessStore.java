package org.computegov.ledger.witness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.merkle.Rfc6962;

/**
 * A {@link WitnessStore} keeping one small JSON file per origin in a directory.
 *
 * <p>Updates are atomic and durable: the new state is written to a temporary file, fsynced, moved
 * over the old one with an atomic rename, and the directory is fsynced. Compare-and-set holds a
 * lock file, so several processes may share the directory.
 */
public final class FileWitnessStore implements WitnessStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    // FileLock is per process: two stores on one directory in the same JVM must also exclude each
    // other here, or lock() would throw OverlappingFileLockException.
    private static final ConcurrentHashMap<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();
    private final Path dir;
    private final Object jvmLock;

    public FileWitnessStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir).toRealPath();
        this.jvmLock = JVM_LOCKS.computeIfAbsent(this.dir, k -> new Object());
    }

    @Override
    public Optional<LogState> latest(String origin) throws IOException {
        Path f = fileOf(origin);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        JsonNode j = JSON.readTree(Files.readAllBytes(f));
        if (!origin.equals(j.path("origin").asText(null))) {
            throw new IOException("state file " + f + " belongs to another origin");
        }
        try {
            return Optional.of(new LogState(j.get("size").asLong(), Base64.getDecoder().decode(j.get("root").asText()),
                    Base64.getDecoder().decode(j.get("checkpoint").asText())));
        } catch (RuntimeException e) {
            throw new IOException("state file " + f + " is corrupt", e);
        }
    }

    @Override
    public boolean compareAndSet(String origin, Optional<LogState> expected, LogState next) throws IOException {
        synchronized (jvmLock) {
            return lockedCompareAndSet(origin, expected, next);
        }
    }

    private boolean lockedCompareAndSet(String origin, Optional<LogState> expected, LogState next) throws IOException {
        try (FileChannel lockChannel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = lockChannel.lock(); // excludes other processes
            try {
                Optional<LogState> current = latest(origin);
                boolean matches = expected.isEmpty() ? current.isEmpty()
                        : current.isPresent() && expected.get().sameTree(current.get());
                if (!matches) {
                    return false;
                }
                write(origin, next);
                return true;
            } finally {
                lock.release();
            }
        }
    }

    private void write(String origin, LogState state) throws IOException {
        ObjectNode j = JSON.createObjectNode();
        j.put("origin", origin);
        j.put("size", state.size());
        j.put("root", Bytes.base64(state.rootHash()));
        j.put("checkpoint", Bytes.base64(state.cosignedCheckpoint()));
        byte[] data = JSON.writeValueAsBytes(j);
        Path target = fileOf(origin);
        org.computegov.ledger.AtomicFiles.write(target, data);
    }

    private Path fileOf(String origin) {
        // Hashing keeps arbitrary origin strings out of file names.
        return dir.resolve(Bytes.hex(Rfc6962.sha256(origin.getBytes(StandardCharsets.UTF_8))) + ".json");
    }
}
