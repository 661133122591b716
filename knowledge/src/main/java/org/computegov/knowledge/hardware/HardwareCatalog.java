package org.computegov.knowledge.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.computegov.knowledge.InvalidInputException;

/**
 * The catalog of AI accelerators: the built-in, sourced data set, optionally extended or overridden by a user's
 * file. Look-ups are by name or alias, ignoring case, spaces and punctuation; an unknown name is an error that
 * names the closest chips.
 */
public final class HardwareCatalog {
    static final String BUILT_IN = "/org/computegov/knowledge/accelerators.csv";
    private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

    private final List<Accelerator> chips;
    private final Map<String, Accelerator> byKey;

    private HardwareCatalog(List<Accelerator> chips) {
        this.chips = List.copyOf(chips);
        Map<String, Accelerator> keys = new LinkedHashMap<>();
        for (Accelerator chip : chips) {
            keys.put(key(chip.name()), chip);
        }
        // Aliases never shadow a canonical name, and the first chip to claim an alias keeps it.
        for (Accelerator chip : chips) {
            for (String alias : chip.aliases()) {
                keys.putIfAbsent(key(alias), chip);
            }
        }
        this.byKey = keys;
    }

    /** The catalog shipped with computegov (see accelerators.csv for per-row sources). */
    public static HardwareCatalog builtIn() {
        try {
            return fromRows(builtInRows(), List.of());
        } catch (InvalidInputException e) {
            throw new IllegalStateException("built-in catalog is invalid: " + e.describe(), e);
        }
    }

    /** The built-in catalog with a user's CSV or JSON file layered on top (new chips added, named columns replaced). */
    public static HardwareCatalog builtInWith(Path userFile) throws InvalidInputException {
        List<Map<String, String>> baseRows = builtInRows();
        HardwareCatalog base = fromRows(baseRows, List.of());
        return fromRows(baseRows, CatalogFile.read(userFile), base, userFile.toString());
    }

    private static List<Map<String, String>> builtInRows() {
        try (InputStream in = HardwareCatalog.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in catalog missing from the classpath: " + BUILT_IN);
            }
            return CatalogFile.readCsv(in, "built-in catalog");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("built-in catalog is invalid: " + e.describe(), e);
        }
    }

    static HardwareCatalog fromRows(List<Map<String, String>> rows, List<Map<String, String>> overrides)
            throws InvalidInputException {
        return fromRows(rows, overrides, null, "catalog");
    }

    private static HardwareCatalog fromRows(List<Map<String, String>> rows, List<Map<String, String>> overrides,
            HardwareCatalog base, String source) throws InvalidInputException {
        Map<String, Map<String, String>> merged = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            merged.put(key(row.get("name")), new LinkedHashMap<>(row));
        }
        for (Map<String, String> override : overrides) {
            String k = key(override.get("name"));
            if (!merged.containsKey(k) && base != null && base.byKey.containsKey(k)) {
                // An override may name a built-in chip by alias; it still overrides that chip.
                k = key(base.byKey.get(k).name());
                override = new LinkedHashMap<>(override);
                override.remove("name");
            }
            merged.computeIfAbsent(k, x -> new LinkedHashMap<>()).putAll(override);
        }
        List<Accelerator> chips = new ArrayList<>();
        for (Map<String, String> row : merged.values()) {
            chips.add(CatalogFile.toAccelerator(row, source));
        }
        return new HardwareCatalog(chips);
    }

    public List<Accelerator> all() {
        return chips;
    }

    /** Finds a chip by name or alias; throws with the closest names when there is no exact match. */
    public Accelerator find(String nameOrAlias) throws InvalidInputException {
        if (nameOrAlias == null || nameOrAlias.isBlank()) {
            throw new InvalidInputException("chip", "No chip name given.", "Run 'cgov chips list' to see the names.");
        }
        String k = key(nameOrAlias);
        Accelerator exact = byKey.get(k);
        if (exact == null) {
            exact = byKey.get(withoutVendor(k));
        }
        if (exact != null) {
            return exact;
        }
        List<Accelerator> containing = chips.stream().filter(c -> key(c.name()).contains(k)).toList();
        if (containing.size() == 1 && k.length() >= 2) {
            return containing.get(0);
        }
        List<String> suggestions = containing.size() > 1
                ? containing.stream().map(Accelerator::name).limit(5).toList()
                : closest(nameOrAlias, 3);
        String what = containing.size() > 1 ? "matches several chips" : "is not in the catalog";
        throw new InvalidInputException("chip", "Chip '" + nameOrAlias + "' " + what + ".",
                "Did you mean: " + String.join(", ", suggestions) + "? Run 'cgov chips list' for all names.");
    }

    /** The catalog names closest to a query (by Jaro–Winkler similarity over names and aliases). */
    public List<String> closest(String query, int limit) {
        String q = key(query);
        record Scored(String name, double score) {}
        Map<String, Double> best = new LinkedHashMap<>();
        for (Accelerator chip : chips) {
            double score = SIMILARITY.apply(q, key(chip.name()));
            for (String alias : chip.aliases()) {
                score = Math.max(score, SIMILARITY.apply(q, key(alias)));
            }
            best.merge(chip.name(), score, Math::max);
        }
        return best.entrySet().stream().map(e -> new Scored(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingDouble(Scored::score).reversed()).limit(limit).map(Scored::name).toList();
    }

    /** "nvidiaa100" → "a100", so that a vendor-qualified alias ("NVIDIA A100") finds the chip. */
    private String withoutVendor(String k) {
        for (Accelerator chip : chips) {
            String vendor = chip.vendor() == null ? "" : key(chip.vendor());
            if (!vendor.isEmpty() && k.startsWith(vendor) && k.length() > vendor.length()) {
                return k.substring(vendor.length());
            }
        }
        return k;
    }

    /** Lowercase letters and digits only, so "H100-SXM5", "h100 sxm5" and "H100SXM5" are one key. */
    static String key(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
