package org.computegov.knowledge.hardware;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * An AI accelerator as the catalog knows it. Throughput figures are dense (no structured sparsity) peak values in
 * TFLOP/s or TOPS, counting a multiply-add as two operations. Absent figures are absent, never zero.
 *
 * @param name canonical name, e.g. "NVIDIA H100 SXM5 80GB"
 * @param aliases other names the chip is looked up by, e.g. "H100"
 * @param denseTeraOps dense peak throughput per precision, in tera-operations per second
 * @param dataCentre whether the chip is designed or marketed for data centres (Note 2 to ECCN 3A090)
 * @param dieAreaMm2 applicable (logic) die area in mm², for performance density; may be absent
 * @param interconnectGBps scale-up interconnect, bidirectional GB/s (the 2022 rule's I/O figure); may be absent
 * @param sources where the figures come from (URLs, as the data file gives them)
 */
public record Accelerator(
        String name,
        List<String> aliases,
        String vendor,
        Integer year,
        String formFactor,
        boolean dataCentre,
        Map<Precision, Double> denseTeraOps,
        Double memoryGb,
        Double memoryBandwidthTBps,
        Double dieAreaMm2,
        Double tdpWatts,
        Double interconnectGBps,
        String notes,
        String uncertainFields,
        String sources) {

    public Accelerator {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an accelerator needs a name");
        }
        aliases = List.copyOf(aliases);
        EnumMap<Precision, Double> ops = new EnumMap<>(Precision.class);
        denseTeraOps.forEach((p, v) -> {
            if (v == null || !Double.isFinite(v) || v <= 0) {
                throw new IllegalArgumentException(name + ": " + p.label() + " throughput must be positive, got " + v);
            }
            ops.put(p, v);
        });
        denseTeraOps = Collections.unmodifiableMap(ops);
        requirePositiveOrAbsent(name, "die area", dieAreaMm2);
        requirePositiveOrAbsent(name, "interconnect", interconnectGBps);
        requirePositiveOrAbsent(name, "memory", memoryGb);
        requirePositiveOrAbsent(name, "memory bandwidth", memoryBandwidthTBps);
        requirePositiveOrAbsent(name, "TDP", tdpWatts);
    }

    private static void requirePositiveOrAbsent(String name, String what, Double value) {
        if (value != null && (!Double.isFinite(value) || value <= 0)) {
            throw new IllegalArgumentException(name + ": " + what + " must be positive when given, got " + value);
        }
    }

    /** Dense peak at a precision, in operations per second (not tera). */
    public OptionalDouble peakOpsPerSecond(Precision precision) {
        Double tera = denseTeraOps.get(precision);
        return tera == null ? OptionalDouble.empty() : OptionalDouble.of(tera * 1e12);
    }

    /** The highest dense peak over all precisions, in operations per second: a cluster's "theoretical maximum". */
    public OptionalDouble maxPeakOpsPerSecond() {
        return denseTeraOps.values().stream().mapToDouble(v -> v * 1e12).max();
    }
}
