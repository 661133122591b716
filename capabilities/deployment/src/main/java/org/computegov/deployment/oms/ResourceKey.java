package org.computegov.deployment.oms;

import java.util.Comparator;

/**
 * What one manifest resource covers: a whole file ({@code path}) or a shard of it ({@code path:start:end}, bytes
 * [start, end)). Keys order as OMS orders them: by path in component order, then shards by numeric offsets, so
 * {@code f:8:16} comes before {@code f:16:24} although the string "16" sorts before "8".
 */
@org.computegov.registry.kernel.Published
public record ResourceKey(String path, long start, long end, boolean shard) implements Comparable<ResourceKey> {
    private static final Comparator<ResourceKey> ORDER = Comparator.comparing(ResourceKey::path, ModelPaths.ORDER)
            .thenComparingLong(ResourceKey::start).thenComparingLong(ResourceKey::end);

    public ResourceKey {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("a resource needs a path");
        }
        if (shard && (start < 0 || end <= start)) {
            throw new IllegalArgumentException("shard [" + start + ", " + end + ") of " + path + " is empty or negative");
        }
        if (!shard && (start != 0 || end != 0)) {
            throw new IllegalArgumentException("a whole-file resource has no offsets");
        }
    }

    public static ResourceKey file(String path) {
        return new ResourceKey(path, 0, 0, false);
    }

    public static ResourceKey shard(String path, long start, long end) {
        return new ResourceKey(path, start, end, true);
    }

    /** The resource's name in a manifest: the path, or {@code path:start:end}. */
    public String name() {
        return shard ? path + ":" + start + ":" + end : path;
    }

    /**
     * Parses a manifest resource name. A shard name is split at its last two colons, so a path may itself hold ':'.
     * The path is checked: nothing absolute, no '..'.
     */
    public static ResourceKey parse(String name, boolean sharded) throws ModelException {
        if (!sharded) {
            return file(ModelPaths.checkRelative(name, "resource name"));
        }
        int second = name == null ? -1 : name.lastIndexOf(':');
        int first = second <= 0 ? -1 : name.lastIndexOf(':', second - 1);
        if (first <= 0) {
            throw new ModelException("shard resource name '" + name + "' is not path:start:end",
                    "A shard is named by its file and byte offsets, e.g. model.bin:0:1000000000.");
        }
        String path = ModelPaths.checkRelative(name.substring(0, first), "resource name");
        long start;
        long end;
        try {
            start = Long.parseLong(name.substring(first + 1, second));
            end = Long.parseLong(name.substring(second + 1));
        } catch (NumberFormatException e) {
            throw new ModelException("shard resource name '" + name + "' has offsets that are not integers",
                    "A shard is named path:start:end with decimal byte offsets.", e);
        }
        if (start < 0 || end <= start) {
            throw new ModelException("shard resource '" + name + "' covers no bytes",
                    "A shard's end offset is greater than its start.");
        }
        return shard(path, start, end);
    }

    @Override
    public int compareTo(ResourceKey o) {
        return ORDER.compare(this, o);
    }
}
