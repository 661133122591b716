package org.computegov.deployment.oms;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hashes a model into an OMS manifest on a fixed pool of threads. Each resource (a whole file, or a shard) is one
 * task that streams its bytes with positional reads into a per-thread 1 MiB buffer, so memory stays constant for
 * files of any size and threads never share a file position. Tasks run largest first, which keeps both cores busy
 * to the end when file sizes differ.
 */
@org.computegov.registry.kernel.Published
public final class ModelHasher implements AutoCloseable {
    static final int CHUNK = 1 << 20;

    private final ExecutorService pool;
    private final int threads;
    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(CHUNK));
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(ModelHasher::sha256);

    /** A hasher on {@code threads} threads (the number of cores is right for files in the page cache). */
    public ModelHasher(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "model-hasher");
            t.setDaemon(true);
            return t;
        });
    }

    public ModelHasher() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /** Hashes every file of the model. */
    public HashedModel hash(Path model, Serialization serialization, Progress progress) throws ModelException, IOException {
        return hash(model, serialization, Reuse.NONE, progress);
    }

    /**
     * Hashes the model, taking the digests of files whose size and modification time equal those recorded in
     * {@code reuse} from there instead of reading them. Never use a reuse source when verifying: a file changed in
     * place without changing its size or time would go unnoticed.
     */
    public HashedModel hash(Path model, Serialization serialization, Reuse reuse, Progress progress)
            throws ModelException, IOException {
        List<ModelFile> files = ModelTree.list(model, serialization);
        List<Resource> resources = new ArrayList<>();
        List<Task> tasks = new ArrayList<>();
        long reused = 0;
        for (ModelFile f : files) {
            List<Resource> previous = reuse.lookup(f, serialization);
            if (previous != null) {
                resources.addAll(previous);
                reused += f.size();
                continue;
            }
            if (serialization instanceof Serialization.Shards s) {
                for (long start = 0; start < f.size(); start += s.shardSize()) {
                    long end = Math.min(f.size(), start + s.shardSize());
                    tasks.add(new Task(f, ResourceKey.shard(f.path(), start, end), start, end));
                }
            } else {
                tasks.add(new Task(f, ResourceKey.file(f.path()), 0, f.size()));
            }
        }
        tasks.sort(Comparator.comparingLong((Task t) -> t.end - t.start).reversed());
        long total = tasks.stream().mapToLong(t -> t.end - t.start).sum();
        progress.start(total);
        List<Future<Resource>> futures = new ArrayList<>(tasks.size());
        String algorithm = serialization.resourceAlgorithm();
        for (Task t : tasks) {
            futures.add(pool.submit(() -> new Resource(t.key, algorithm, digest(t, progress))));
        }
        try {
            for (Future<Resource> f : futures) {
                resources.add(f.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("hashing failed", e.getCause());
        } finally {
            progress.finish();
        }
        Manifest manifest = new Manifest(ModelTree.modelName(model), serialization, resources);
        return new HashedModel(manifest, files, total, reused);
    }

    private record Task(ModelFile file, ResourceKey key, long start, long end) {}

    private byte[] digest(Task t, Progress progress) throws IOException {
        MessageDigest md = digests.get();
        md.reset();
        ByteBuffer buf = buffers.get();
        try (FileChannel ch = FileChannel.open(t.file.source(), StandardOpenOption.READ)) {
            long pos = t.start;
            while (pos < t.end) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), t.end - pos));
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new EOFException(t.file.path() + " became shorter while it was hashed (" + pos + " of "
                            + t.end + " bytes); hash again when it is no longer being written");
                }
                md.update(buf.array(), 0, n);
                pos += n;
                progress.advance(n);
            }
            if (t.key.shard() ? false : ch.size() != t.end) {
                throw new IOException(t.file.path() + " changed size while it was hashed; hash again when it is no "
                        + "longer being written");
            }
        }
        return md.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
