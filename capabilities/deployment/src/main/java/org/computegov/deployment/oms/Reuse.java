package org.computegov.deployment.oms;

import java.util.List;
import java.util.Map;

/**
 * Digests from an earlier hash of the same model, for a developer re-hashing after changing a few files: a file
 * whose size and modification time (to the nanosecond) are unchanged keeps its digests. Files modified within a
 * second before that earlier hash started are always hashed again: a write in the same clock tick as the
 * recorded one would leave both the same (git's "racy" entries). Never used when verifying.
 */
@org.computegov.registry.kernel.Published
public final class Reuse {
    static final long RACY_NANOS = 1_000_000_000L;

    /** Reuses nothing. */
    public static final Reuse NONE = new Reuse(null, Map.of(), Long.MIN_VALUE);

    /** What was recorded of one file. */
    public record Entry(long size, long mtimeNanos, List<Resource> resources) {
        public Entry {
            resources = List.copyOf(resources);
        }
    }

    private final Serialization serialization;
    private final Map<String, Entry> files;
    private final long hashedAtNanos;

    /**
     * @param serialization how the earlier hash cut the files (digests are reused only for the same cut)
     * @param files what it recorded, by resource path
     * @param hashedAtNanos when it started, in nanoseconds since the epoch
     */
    public Reuse(Serialization serialization, Map<String, Entry> files, long hashedAtNanos) {
        this.serialization = serialization;
        this.files = Map.copyOf(files);
        this.hashedAtNanos = hashedAtNanos;
    }

    /** The recorded digests of {@code f} if they still hold for it under {@code s}, else null. */
    List<Resource> lookup(ModelFile f, Serialization s) {
        if (serialization == null || !sameCut(serialization, s)) {
            return null;
        }
        Entry e = files.get(f.path());
        if (e == null || e.size != f.size() || e.mtimeNanos != f.mtimeNanos()
                || e.mtimeNanos > hashedAtNanos - RACY_NANOS) {
            return null;
        }
        return e.resources;
    }

    /** Whether digests made under {@code a} are valid under {@code b}: same method and shard size. */
    static boolean sameCut(Serialization a, Serialization b) {
        if (a instanceof Serialization.Shards x && b instanceof Serialization.Shards y) {
            return x.shardSize() == y.shardSize();
        }
        return a instanceof Serialization.Files && b instanceof Serialization.Files;
    }

    /** Number of files recorded. */
    public int size() {
        return files.size();
    }
}
