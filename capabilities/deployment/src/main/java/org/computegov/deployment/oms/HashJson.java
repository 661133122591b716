package org.computegov.deployment.oms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The JSON {@code cgov model hash --json} prints: {@code model}, {@code root} (hex), {@code serialization},
 * {@code resources} (name, algorithm, digest), and {@code files} (path, size, mtime) with {@code hashedAt}, which
 * let a later {@code --reuse} skip unchanged files.
 */
@org.computegov.registry.kernel.Published
public final class HashJson {
    private HashJson() {}

    public static ObjectNode write(HashedModel h, Instant hashedAt) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        Manifest m = h.manifest();
        o.put("model", m.modelName());
        o.put("root", m.rootHex());
        o.set("serialization", m.serialization().toJson());
        ArrayNode rs = o.putArray("resources");
        for (Resource r : m.resources()) {
            rs.addObject().put("name", r.name()).put("algorithm", r.algorithm()).put("digest", r.digestHex());
        }
        o.put("hashedAt", hashedAt.toString());
        ArrayNode fs = o.putArray("files");
        for (ModelFile file : h.files()) {
            Instant mtime = Instant.EPOCH.plusNanos(file.mtimeNanos());
            fs.addObject().put("path", file.path()).put("size", file.size()).put("mtime", mtime.toString());
        }
        return o;
    }

    /** Reads what {@link #write} wrote, as a source of digests to reuse. */
    public static Reuse readReuse(JsonNode o) throws ModelException {
        if (o == null || !o.isObject() || !o.path("resources").isArray() || !o.path("files").isArray()) {
            throw new ModelException("not the JSON 'cgov model hash --json' prints (no resources and files)",
                    "Give a file written by 'cgov model hash DIR --json > manifest.json'.");
        }
        Serialization s = Serialization.fromJson(o.get("serialization"));
        Map<String, List<Resource>> byPath = new HashMap<>();
        for (JsonNode r : o.get("resources")) {
            ResourceKey key = ResourceKey.parse(r.path("name").asText(), s.sharded());
            byte[] digest;
            try {
                digest = HexFormat.of().parseHex(r.path("digest").asText());
            } catch (IllegalArgumentException e) {
                throw new ModelException("resource " + key.name() + " has a digest that is not hex", "Hash the model again.", e);
            }
            byPath.computeIfAbsent(key.path(), k -> new ArrayList<>())
                    .add(new Resource(key, r.path("algorithm").asText(), digest));
        }
        Map<String, Reuse.Entry> files = new HashMap<>();
        try {
            for (JsonNode fl : o.get("files")) {
                String path = ModelPaths.checkRelative(fl.path("path").asText(), "file path");
                long mtime = nanos(Instant.parse(fl.path("mtime").asText()));
                long size = fl.path("size").asLong(-1);
                List<Resource> rs = byPath.getOrDefault(path, List.of());
                if (covers(s, rs, size)) { // anything else is not a record we made: hash that file again
                    files.put(path, new Reuse.Entry(size, mtime, rs));
                }
            }
            return new Reuse(s, files, nanos(Instant.parse(o.path("hashedAt").asText())));
        } catch (java.time.format.DateTimeParseException e) {
            throw new ModelException("a time in the manifest is not an ISO-8601 instant: " + e.getParsedString(),
                    "Hash the model again with 'cgov model hash --json'.", e);
        }
    }

    private static boolean covers(Serialization s, List<Resource> rs, long size) {
        if (rs.stream().anyMatch(r -> !r.algorithm().equals(s.resourceAlgorithm()))) {
            return false;
        }
        if (!s.sharded()) {
            return rs.size() == 1;
        }
        return rs.stream().mapToLong(r -> r.key().end() - r.key().start()).sum() == size;
    }

    static long nanos(Instant t) {
        return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
    }
}
