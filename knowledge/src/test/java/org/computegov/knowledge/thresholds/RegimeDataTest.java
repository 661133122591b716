package org.computegov.knowledge.thresholds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** regimes.json restates compute_thresholds.csv (the sourced reference data) in structured form; they must agree. */
class RegimeDataTest {
    @Test
    void everyStructuredRegimeMatchesItsSourceRow() throws Exception {
        Map<String, CSVRecord> source = new HashMap<>();
        try (var reader = new InputStreamReader(getClass().getResourceAsStream(
                "/org/computegov/knowledge/compute_thresholds.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                source.put(r.get("id"), r);
            }
        }
        for (Regime regime : RegimeCatalog.builtIn().all()) {
            CSVRecord row = source.get(regime.id());
            assertThat(row).as("source row for " + regime.id()).isNotNull();
            assertThat(regime.threshold()).as(regime.id()).isEqualTo(Double.parseDouble(row.get("threshold")), org.assertj.core.api.Assertions.within(1e-4));
            assertThat(row.get("comparison")).as(regime.id()).startsWith(regime.comparison().symbol());
            assertThat(regime.source()).as(regime.id()).isEqualTo(row.get("source"));
        }
        // Every source row with a threshold is represented.
        source.values().stream().filter(r -> !r.get("threshold").isBlank())
                .forEach(r -> assertThat(RegimeCatalog.builtIn().find(r.get("id"))).as(r.get("id")).isPresent());
    }
}
