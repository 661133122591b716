package org.computegov.deployment.oms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How a model was cut into resources, recorded in the manifest so a verifier hashes the same way: whole files, or
 * shards of a fixed size. OMS v1.0's {@code predicate.serialization}. Only SHA-256 is supported (OMS's default;
 * its BLAKE2/BLAKE3 options are refused with a message).
 */
@org.computegov.registry.kernel.Published
public sealed interface Serialization permits Serialization.Files, Serialization.Shards {
    /** The one hash this implementation computes. */
    String SHA256 = "sha256";
    /** The files OMS leaves out by default, for models kept in git. */
    List<String> GIT_PATHS = List.of(".git", ".gitattributes", ".github", ".gitignore");

    boolean allowSymlinks();

    /** Paths relative to the model folder that are not part of the model (a folder ignores everything in it). */
    List<String> ignorePaths();

    /** Whether resources are shards ({@code path:start:end}). */
    default boolean sharded() {
        return this instanceof Shards;
    }

    /** The {@code algorithm} every resource of this serialization carries. */
    String resourceAlgorithm();

    /** The same serialization ignoring these paths as well. */
    Serialization ignoring(List<String> more);

    /** Serialization by whole files: one resource per file, its SHA-256. */
    record Files(boolean allowSymlinks, List<String> ignorePaths) implements Serialization {
        public Files {
            ignorePaths = List.copyOf(ignorePaths);
        }

        @Override
        public String resourceAlgorithm() {
            return SHA256;
        }

        @Override
        public Serialization ignoring(List<String> more) {
            return new Files(allowSymlinks, union(ignorePaths, more));
        }
    }

    /**
     * Serialization by shards: every non-empty file cut into {@code shardSize}-byte pieces (the last may be shorter),
     * each hashed on its own, so one large file hashes on every core. Empty files have no shards.
     */
    record Shards(long shardSize, boolean allowSymlinks, List<String> ignorePaths) implements Serialization {
        /** OMS's default shard size: 1 GB (decimal). */
        public static final long DEFAULT_SIZE = 1_000_000_000L;

        public Shards {
            if (shardSize < 1) {
                throw new IllegalArgumentException("shard size must be positive: " + shardSize);
            }
            ignorePaths = List.copyOf(ignorePaths);
        }

        @Override
        public String resourceAlgorithm() {
            return SHA256 + "-sharded-" + shardSize;
        }

        @Override
        public Serialization ignoring(List<String> more) {
            return new Shards(shardSize, allowSymlinks, union(ignorePaths, more));
        }
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        for (String p : b) {
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** OMS's JSON form: {@code {"method", "hash_type", ["shard_size"], "allow_symlinks", ["ignore_paths"]}}. */
    default ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("method", sharded() ? "shards" : "files");
        o.put("hash_type", SHA256);
        if (this instanceof Shards s) {
            o.put("shard_size", s.shardSize());
        }
        o.put("allow_symlinks", allowSymlinks());
        if (!ignorePaths().isEmpty()) {
            ignorePaths().forEach(o.putArray("ignore_paths")::add);
        }
        return o;
    }

    /**
     * Reads OMS's JSON form. Numbers may be written as floats ({@code 8.0}: OMS writes through protobuf's Struct,
     * where every number is a double). Ignore paths are checked like any path in a model.
     */
    static Serialization fromJson(JsonNode o) throws ModelException {
        if (o == null || !o.isObject()) {
            throw new ModelException("the manifest has no 'serialization' object", "Give an OMS v1.0 signature.");
        }
        String method = text(o, "method");
        String hash = text(o, "hash_type");
        if (!SHA256.equals(hash)) {
            throw new ModelException("the manifest was hashed with '" + hash + "'; only sha256 is supported",
                    "Ask the signer for a SHA-256 signature (model_signing's default).");
        }
        JsonNode symlinks = o.get("allow_symlinks");
        if (symlinks == null || !symlinks.isBoolean()) {
            throw new ModelException("serialization 'allow_symlinks' is missing or not a boolean", "Give an OMS v1.0 signature.");
        }
        List<String> ignore = new ArrayList<>();
        JsonNode paths = o.get("ignore_paths");
        if (paths != null && !paths.isNull()) {
            if (!paths.isArray()) {
                throw new ModelException("serialization 'ignore_paths' is not a list", "Give an OMS v1.0 signature.");
            }
            for (JsonNode p : paths) {
                if (!p.isTextual()) {
                    throw new ModelException("an ignore path is not a string", "Give an OMS v1.0 signature.");
                }
                String path = ModelPaths.checkRelative(p.textValue(), "ignore path");
                if (!ignore.contains(path)) {
                    ignore.add(path);
                }
            }
        }
        switch (method) {
            case "files":
                return new Files(symlinks.booleanValue(), ignore);
            case "shards":
                JsonNode size = o.get("shard_size");
                if (size == null || !size.isNumber() || size.doubleValue() < 1 || size.doubleValue() > 1L << 53
                        || size.doubleValue() != Math.rint(size.doubleValue())) {
                    throw new ModelException("serialization 'shard_size' is missing or not a positive integer",
                            "Give an OMS v1.0 signature.");
                }
                return new Shards(size.longValue(), symlinks.booleanValue(), ignore);
            default:
                throw new ModelException("unknown serialization method '" + method + "'",
                        "OMS v1.0 serializes by 'files' or 'shards'.");
        }
    }

    private static String text(JsonNode o, String field) throws ModelException {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new ModelException("serialization '" + field + "' is missing or not a string", "Give an OMS v1.0 signature.");
        }
        return n.textValue();
    }
}
