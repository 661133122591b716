package org.computegov.knowledge.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalog's figures reproduce every published TPP (vectors/tpp/published_tpp.csv, with sources). */
class PublishedTppTest {
    private static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();
    private static final ExportClassifier CLASSIFIER = new ExportClassifier(ExportRules.builtIn());

    static List<CSVRecord> published() throws Exception {
        try (var reader = new InputStreamReader(PublishedTppTest.class.getResourceAsStream("/vectors/tpp/published_tpp.csv"),
                StandardCharsets.UTF_8)) {
            return new ArrayList<>(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader).getRecords());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    void reproducesThePublishedFigures(CSVRecord row) throws Exception {
        ExportClassification c = CLASSIFIER.classify(CATALOG.find(row.get("chip")), LocalDate.of(2026, 11, 25));
        double tpp = Double.parseDouble(row.get("tpp"));
        assertThat(c.figures().tpp()).isCloseTo(tpp, within(tpp * 2.5e-3));
        if (!row.get("performance_density").isEmpty()) {
            assertThat(c.figures().performanceDensity()).isCloseTo(Double.parseDouble(row.get("performance_density")),
                    within(0.005));
        }
        if (!row.get("classification").isEmpty()) {
            assertThat(c.classification()).isEqualTo(row.get("classification"));
        }
    }
}
