package org.computegov.ledger.intoto;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An in-toto Statement subject: an artifact name and a digest set (algorithm to hex value) with
 * at least one entry. Well-known hash algorithms must be lowercase hex of the right length.
 */
public record Subject(String name, Map<String, String> digest) {
    // Fixed-length standard algorithms of the in-toto DigestSet spec; all standard ones are lowercase hex.
    private static final Map<String, Integer> HEX_LENGTHS = Map.ofEntries(
            Map.entry("sha256", 64), Map.entry("sha224", 56), Map.entry("sha384", 96), Map.entry("sha512", 128),
            Map.entry("sha512_224", 56), Map.entry("sha512_256", 64), Map.entry("sha3_224", 56),
            Map.entry("sha3_256", 64), Map.entry("sha3_384", 96), Map.entry("sha3_512", 128),
            Map.entry("sha1", 40), Map.entry("md5", 32), Map.entry("ripemd160", 40), Map.entry("sm3", 64));
    private static final java.util.Set<String> VARIABLE_HEX = java.util.Set.of(
            "shake128", "shake256", "blake2b", "blake2s", "gost", "dirHash1");
    private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]*");

    public Subject {
        if (name == null) {
            throw new IllegalArgumentException("subject name must be a string (it may be empty)");
        }
        if (digest == null || digest.isEmpty()) {
            throw new IllegalArgumentException("subject '" + name + "' needs at least one digest");
        }
        for (Map.Entry<String, String> e : digest.entrySet()) {
            String alg = e.getKey();
            String value = e.getValue();
            if (alg == null || alg.isEmpty() || value == null || value.isEmpty()) {
                throw new IllegalArgumentException("subject '" + name + "' has an empty digest algorithm or value");
            }
            Integer len = HEX_LENGTHS.get(alg);
            if (len != null && (value.length() != len || !LOWER_HEX.matcher(value).matches())) {
                throw new IllegalArgumentException("subject '" + name + "' " + alg + " digest must be " + len
                        + " lowercase hex digits");
            }
            if (VARIABLE_HEX.contains(alg) && !LOWER_HEX.matcher(value).matches()) {
                throw new IllegalArgumentException("subject '" + name + "' " + alg + " digest must be lowercase hex");
            }
        }
        digest = java.util.Collections.unmodifiableMap(new TreeMap<>(digest));
    }

    /** Returns a subject with a single SHA-256 digest (lowercase hex). */
    public static Subject sha256(String name, String hex) {
        return new Subject(name, Map.of("sha256", hex));
    }
}
