package org.computegov.registry.usage;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an sacct file does not say and the provider must: who is reporting, which time zone sacct printed its
 * time stamps in, which chip untyped GPUs are on each cluster, and what site-specific GRES type names mean.
 *
 * @param provider the compute provider the records are reported by
 * @param zone the time zone sacct ran in (its TZ); UTC when it ran with {@code TZ=UTC}, as Open XDMoD does
 * @param defaultChips cluster name → chip (catalog name or alias) for GPUs that AllocTRES counts without a type
 *     ({@code gres/gpu=8}); cluster names match ignoring case
 * @param gpuTypes GRES type → chip (catalog name or alias), for types the catalog does not know
 *     ({@code gres/gpu:big=4}); consulted before the catalog, matched ignoring case
 */
public record SacctOptions(String provider, ZoneId zone, Map<String, String> defaultChips,
        Map<String, String> gpuTypes) {

    public SacctOptions {
        UsageRecord.requireText("provider", provider);
        Objects.requireNonNull(zone, "zone");
        defaultChips = normalized(defaultChips);
        gpuTypes = normalized(gpuTypes);
    }

    /** Options with no default chips and no GRES type names of the provider's own. */
    public static SacctOptions of(String provider, ZoneId zone) {
        return new SacctOptions(provider, zone, Map.of(), Map.of());
    }

    /** These options, with untyped GPUs on {@code cluster} taken to be {@code chip}. */
    public SacctOptions withDefaultChip(String cluster, String chip) {
        Map<String, String> m = new LinkedHashMap<>(defaultChips);
        m.put(ChipResolver.key(cluster), chip);
        return new SacctOptions(provider, zone, m, gpuTypes);
    }

    /** These options, with the GRES type {@code gresType} ({@code gres/gpu:TYPE=N}) taken to be {@code chip}. */
    public SacctOptions withGpuType(String gresType, String chip) {
        Map<String, String> m = new LinkedHashMap<>(gpuTypes);
        m.put(ChipResolver.key(gresType), chip);
        return new SacctOptions(provider, zone, defaultChips, m);
    }

    private static Map<String, String> normalized(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            UsageRecord.requireText("name", k);
            UsageRecord.requireText("chip", v);
            out.put(ChipResolver.key(k), v.strip());
        });
        return Map.copyOf(out);
    }
}
