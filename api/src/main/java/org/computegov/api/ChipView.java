package org.computegov.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.computegov.knowledge.export.ChipFigures;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.Precision;

/**
 * An accelerator on the wire: catalog figures plus the derived TPP and performance density. Throughput keys are
 * the precision names FP64, TF32, FP16 (FP16/BF16), FP8, INT8 and FP4, in TFLOP/s or TOPS, dense.
 */
public record ChipView(
        String name,
        List<String> aliases,
        String vendor,
        Integer year,
        String formFactor,
        boolean dataCentre,
        Map<String, Double> denseTeraOps,
        Double tpp,
        String tppPrecision,
        Double performanceDensity,
        Double memoryGb,
        Double memoryBandwidthTBps,
        Double dieAreaMm2,
        Double tdpWatts,
        Double interconnectGBps,
        String notes,
        String uncertainFields,
        String sources) {

    public static ChipView of(Accelerator chip) {
        Map<String, Double> ops = new LinkedHashMap<>();
        for (Precision p : Precision.values()) {
            Double v = chip.denseTeraOps().get(p);
            if (v != null) {
                ops.put(p.name(), v);
            }
        }
        ChipFigures f = ChipFigures.of(chip);
        return new ChipView(chip.name(), chip.aliases(), chip.vendor(), chip.year(), chip.formFactor(), chip.dataCentre(),
                ops, f.tpp(), f.tppPrecision() == null ? null : f.tppPrecision().name(), f.performanceDensity(),
                chip.memoryGb(), chip.memoryBandwidthTBps(), chip.dieAreaMm2(), chip.tdpWatts(), chip.interconnectGBps(),
                chip.notes(), chip.uncertainFields(), chip.sources());
    }
}
