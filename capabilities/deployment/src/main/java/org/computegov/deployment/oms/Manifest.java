package org.computegov.deployment.oms;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.computegov.ledger.Bytes;

/**
 * A model's manifest: its name (informative only: renaming a model folder must not change its identity), how it
 * was serialized, and its resources in OMS order. The root digest, the model's fingerprint, is SHA-256 over the
 * resources' raw digests in that order.
 */
@org.computegov.registry.kernel.Published
public record Manifest(String modelName, Serialization serialization, List<Resource> resources) {
    public Manifest {
        if (modelName == null || serialization == null || resources == null) {
            throw new IllegalArgumentException("a manifest needs a name, a serialization and resources");
        }
        List<Resource> sorted = new ArrayList<>(resources);
        sorted.sort((a, b) -> a.key().compareTo(b.key()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).key().equals(sorted.get(i - 1).key())) {
                throw new IllegalArgumentException("resource " + sorted.get(i).name() + " appears twice");
            }
        }
        resources = List.copyOf(sorted);
    }

    /** SHA-256 over the concatenated resource digests, in order: the fingerprint OMS puts in the subject. */
    public byte[] rootDigest() {
        return rootOf(resources);
    }

    public String rootHex() {
        return Bytes.hex(rootDigest());
    }

    /** The root over resources in the order given (a signed manifest's order is the signer's, checked as is). */
    static byte[] rootOf(List<Resource> inOrder) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (Resource r : inOrder) {
            md.update(r.digest());
        }
        return md.digest();
    }

    /** Resources by name. */
    public Map<String, Resource> byName() {
        Map<String, Resource> m = new LinkedHashMap<>();
        resources.forEach(r -> m.put(r.name(), r));
        return m;
    }

    /**
     * What differs between this (expected, e.g. signed) manifest and {@code actual} (hashed from disk), by file:
     * files only on disk are added, files only here removed, files in both whose resources differ changed.
     * Model names and ignore lists do not count, as in OMS.
     */
    public ManifestDiff diff(Manifest actual) {
        Map<String, Map<ResourceKey, Resource>> want = byFile(resources);
        Map<String, Map<ResourceKey, Resource>> have = byFile(actual.resources);
        TreeSet<String> added = new TreeSet<>(ModelPaths.ORDER);
        TreeSet<String> removed = new TreeSet<>(ModelPaths.ORDER);
        TreeSet<String> changed = new TreeSet<>(ModelPaths.ORDER);
        for (String path : have.keySet()) {
            if (!want.containsKey(path)) {
                added.add(path);
            }
        }
        for (Map.Entry<String, Map<ResourceKey, Resource>> e : want.entrySet()) {
            Map<ResourceKey, Resource> got = have.get(e.getKey());
            if (got == null) {
                removed.add(e.getKey());
            } else if (!sameResources(e.getValue(), got)) {
                changed.add(e.getKey());
            }
        }
        return new ManifestDiff(List.copyOf(added), List.copyOf(removed), List.copyOf(changed));
    }

    private static boolean sameResources(Map<ResourceKey, Resource> a, Map<ResourceKey, Resource> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<ResourceKey, Resource> e : a.entrySet()) {
            if (!e.getValue().sameDigest(b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Map<ResourceKey, Resource>> byFile(List<Resource> rs) {
        Map<String, Map<ResourceKey, Resource>> m = new TreeMap<>(ModelPaths.ORDER);
        for (Resource r : rs) {
            m.computeIfAbsent(r.key().path(), k -> new HashMap<>()).put(r.key(), r);
        }
        return m;
    }
}
