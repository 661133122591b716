package org.computegov.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.computegov.knowledge.InvalidInputException;

/**
 * One server per data directory: an OS file lock on {@code <data>/server.lock}, held while the server runs and
 * released by the OS if it dies. A second server finds it held, says which process holds it, and stops before
 * touching anything else in the directory (in particular before it could take the first one's PostgreSQL for an
 * orphan and stop it).
 */
final class DataDirectoryLock implements AutoCloseable {
    static final String FILE = "server.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDirectory) throws InvalidInputException {
        Path file = dataDirectory.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDirectory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by a server in this very JVM
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new InvalidInputException("--data-dir", "The data directory " + dataDirectory
                        + " is in use by another cgov server (" + (holder.isEmpty() ? "PID unknown" : "PID " + holder)
                        + ").", "Stop that server first, or give another --data-dir.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the original error says more
                }
            }
            throw new UncheckedIOException("cannot lock the data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the data directory lock", e);
        }
    }
}
