package org.computegov.knowledge.export;

import java.util.EnumMap;
import java.util.Map;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.Precision;

/**
 * The figures ECCN 3A090 decides on, derived from catalog data. TPP = 2 × MacTOPS × bit length, the highest over
 * the chip's dense precisions; since the catalog's TOPS already count a multiply-add as two operations,
 * 2 × MacTOPS is simply the TOPS figure. PD = TPP / applicable die area. Absent inputs give absent figures.
 *
 * @param tppPrecision the precision that gives the highest TPP, or null without throughput figures
 */
public record ChipFigures(Double tpp, Precision tppPrecision, Double performanceDensity, Double ioBandwidthGBps,
        Double memoryBandwidthGBps, Double dieAreaMm2, boolean dataCentre) {

    public static ChipFigures of(Accelerator chip) {
        Double tpp = null;
        Precision best = null;
        // Several precisions often tie (A100: FP16 312 × 16 = INT8 624 × 8); the narrowest format is reported.
        Precision[] narrowestFirst = Precision.values();
        for (int i = narrowestFirst.length - 1; i >= 0; i--) {
            Double teraOps = chip.denseTeraOps().get(narrowestFirst[i]);
            double candidate = teraOps == null ? -1 : teraOps * narrowestFirst[i].bitLength();
            if (teraOps != null && (tpp == null || candidate > tpp)) {
                tpp = candidate;
                best = narrowestFirst[i];
            }
        }
        Double pd = tpp != null && chip.dieAreaMm2() != null ? tpp / chip.dieAreaMm2() : null;
        Double memBw = chip.memoryBandwidthTBps() == null ? null : chip.memoryBandwidthTBps() * 1000;
        return new ChipFigures(tpp, best, pd, chip.interconnectGBps(), memBw, chip.dieAreaMm2(), chip.dataCentre());
    }

    /** The known figures by name, for evaluating bounds. */
    Map<Figure, Double> known() {
        Map<Figure, Double> m = new EnumMap<>(Figure.class);
        putIfPresent(m, Figure.TPP, tpp);
        putIfPresent(m, Figure.PERFORMANCE_DENSITY, performanceDensity);
        putIfPresent(m, Figure.IO_BANDWIDTH, ioBandwidthGBps);
        putIfPresent(m, Figure.MEMORY_BANDWIDTH, memoryBandwidthGBps);
        return m;
    }

    private static void putIfPresent(Map<Figure, Double> m, Figure f, Double v) {
        if (v != null) {
            m.put(f, v);
        }
    }
}
