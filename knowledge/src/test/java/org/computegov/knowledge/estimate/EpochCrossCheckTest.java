package org.computegov.knowledge.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.hardware.Precision;
import org.computegov.knowledge.estimate.HardwareEstimator.Utilization;
import org.junit.jupiter.api.Test;

/**
 * Our hardware method against Epoch AI's published training compute, for every notable model whose record gives a
 * catalog chip, the chip count, the training time and the measured utilization (fine-tunes excluded). Epoch sometimes used the
 * architecture method for the figure, so single models differ; the method as a whole must agree.
 */
class EpochCrossCheckTest {
    @Test
    void hardwareMethodAgreesWithEpochsFigures() throws Exception {
        HardwareCatalog catalog = HardwareCatalog.builtIn();
        List<Double> ratios = new ArrayList<>();
        try (var reader = new InputStreamReader(getClass().getResourceAsStream(
                "/org/computegov/knowledge/notable_models_epoch_2025-02-24.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                if (r.get("Hardware utilization").isEmpty() || r.get("Hardware quantity").isEmpty()
                        || r.get("Training time (hours)").isEmpty() || r.get("Training compute (FLOP)").isEmpty()
                        || !r.get("Base model").isEmpty()) {
                    // A fine-tune's recorded compute includes its base model's; its hours do not.
                    continue;
                }
                Accelerator chip;
                try {
                    chip = catalog.find(r.get("Training hardware"));
                } catch (InvalidInputException notInCatalog) {
                    continue;
                }
                ComputeEstimate e = HardwareEstimator.fromWallClock(chip, Double.parseDouble(r.get("Hardware quantity")),
                        Double.parseDouble(r.get("Training time (hours)")), Precision.FP16,
                        Utilization.measured(Double.parseDouble(r.get("Hardware utilization"))));
                ratios.add(e.flop() / Double.parseDouble(r.get("Training compute (FLOP)")));
            }
        }
        assertThat(ratios).hasSizeGreaterThanOrEqualTo(20);
        List<Double> sorted = ratios.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        long withinFifteenPercent = ratios.stream().filter(x -> x > 0.85 && x < 1.15).count();
        assertThat(median).isBetween(0.95, 1.05);
        assertThat(withinFifteenPercent).isGreaterThanOrEqualTo(Math.round(ratios.size() * 0.7));
        assertThat(sorted.get(0)).isGreaterThan(0.5);
        assertThat(sorted.get(sorted.size() - 1)).isLessThan(2.0);
    }
}
