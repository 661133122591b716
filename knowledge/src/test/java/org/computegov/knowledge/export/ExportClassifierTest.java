package org.computegov.knowledge.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.hardware.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportClassifierTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private final ExportClassifier classifier = new ExportClassifier(ExportRules.builtIn());

    /** A synthetic chip whose TPP is exactly {@code tpp} (FP8, 8 bits) and whose die area gives PD exactly {@code pd}. */
    private static Accelerator chip(double tpp, Double pd, boolean dataCentre, Double ioGBps) {
        Map<Precision, Double> ops = new EnumMap<>(Precision.class);
        ops.put(Precision.FP8, tpp / 8);
        Double area = pd == null ? null : tpp / pd;
        return new Accelerator("test chip", List.of(), "Test", 2025, "test", dataCentre, ops, null, null, area, null,
                ioGBps, null, null, null);
    }

    private String classify(double tpp, Double pd, boolean dataCentre) {
        return classifier.classify(chip(tpp, pd, dataCentre, null), TODAY).classification();
    }

    @ParameterizedTest(name = "TPP {0}, PD {1}, data centre {2} -> {3}")
    @CsvSource({
            // 3A090.a.1 at TPP 4800, whatever the density
            "4800, 1.0, true, 3A090.a.1",
            "4799.99, 1.0, true, not covered",
            "4800, 100, true, 3A090.a.1",
            // 3A090.a.2: TPP >= 1600 and PD >= 5.92
            "1600, 5.92, true, 3A090.a.2",
            "1599.99, 5.92, true, not covered",
            "1600, 5.9199, true, 3A090.b.2",
            // 3A090.b.1: 2400 <= TPP < 4800 and 1.6 <= PD < 5.92
            "2400, 1.6, true, 3A090.b.1",
            "2399.99, 1.6, true, not covered",
            "2400, 1.5999, true, not covered",
            "4799, 5.9199, true, 3A090.b.1",
            // 3A090.b.2: TPP >= 1600 and 3.2 <= PD < 5.92
            "1600, 3.2, true, 3A090.b.2",
            "1600, 3.1999, true, not covered",
            "2399, 3.2, true, 3A090.b.2",
            // Note 2: non-data-centre chips below TPP 4800 are not covered, at 4800 they are a.1
            "4799.99, 10, false, not covered",
            "1600, 5.92, false, not covered",
            "2400, 1.6, false, not covered",
            "4800, 1.0, false, 3A090.a.1",
    })
    void everyClauseAndBoundary(double tpp, double pd, boolean dataCentre, String expected) {
        assertThat(classify(tpp, pd, dataCentre)).isEqualTo(expected);
    }

    @Test
    void note2ExclusionIsNamedAndNonDataCentreA1IsNacEligible() {
        RuleSetResult excluded = classifier.classify(chip(3000, 10.0, false, null), TODAY).inForce().orElseThrow();
        assertThat(excluded.decidedBy()).isEqualTo("Note 2 to 3A090");
        assertThat(excluded.explanation()).contains("Note 2 to 3A090 excludes it").contains("TPP 3000.0 < 4800");

        RuleSetResult nac = classifier.classify(chip(5000, 10.0, false, null), TODAY).inForce().orElseThrow();
        assertThat(nac.remarks()).anySatisfy(r -> assertThat(r).contains("NAC eligible"));
        RuleSetResult dcA1 = classifier.classify(chip(5000, 10.0, true, null), TODAY).inForce().orElseThrow();
        assertThat(dcA1.remarks()).noneSatisfy(r -> assertThat(r).contains("NAC eligible (Note 2)"));
    }

    @Test
    void explainsTheClauseAndTheNumbers() throws Exception {
        HardwareCatalog catalog = HardwareCatalog.builtIn();
        ExportClassification h100 = classifier.classify(catalog.find("H100"), TODAY);
        assertThat(h100.outcome()).isEqualTo(Outcome.CONTROLLED);
        assertThat(h100.explanation()).isEqualTo("3A090.a.1: TPP 15831.2 >= 4800");
        assertThat(h100.figures().tppPrecision()).isEqualTo(Precision.FP8);

        ExportClassification h20 = classifier.classify(catalog.find("H20"), TODAY);
        assertThat(h20.classification()).isEqualTo("not covered");
        assertThat(h20.explanation()).contains("3A090.a.1 fails: TPP 2368.0 < 4800")
                .contains("3A090.a.2 fails: PD 2.909 < 5.92").contains("3A090.b.1 fails: TPP 2368.0 < 2400")
                .contains("3A090.b.2 fails: PD 2.909 < 3.2");
    }

    @Test
    void missingDieAreaGivesIndeterminateWithTheDecidingAreas() {
        Accelerator noArea = chip(3000, null, true, null);
        ExportClassification c = classifier.classify(noArea, TODAY);
        assertThat(c.outcome()).isEqualTo(Outcome.INDETERMINATE);
        RuleSetResult r = c.inForce().orElseThrow();
        // PD cuts 1.6, 3.2, 5.92 over TPP 3000 are die areas 1875, 937.5, 506.8 mm².
        assertThat(r.scenarios()).extracting(Scenario::classification)
                .containsExactly("not covered", "3A090.b.1", "3A090.a.2");
        assertThat(r.scenarios().get(0).condition()).startsWith("die area > 1875.0 mm²");
        assertThat(r.scenarios().get(1).condition()).startsWith("506.8 < die area <= 1875.0 mm²");
        assertThat(r.scenarios().get(2).condition()).startsWith("die area <= 506.8 mm²");
        assertThat(c.explanation()).contains("needs the applicable die area")
                .contains("3A090.a.2 if die area <= 506.8 mm²");
    }

    @Test
    void highTppIsDecidedEvenWithoutDieArea() throws Exception {
        ExportClassification b200 = classifier.classify(HardwareCatalog.builtIn().find("B200"), TODAY);
        assertThat(b200.classification()).isEqualTo("3A090.a.1");
        assertThat(b200.figures().performanceDensity()).isNull();
    }

    @Test
    void lowTppIsDecidedWithoutDieArea() {
        assertThat(classifier.classify(chip(1500, null, true, null), TODAY).classification()).isEqualTo("not covered");
    }

    @Test
    void rule2022NeedsIoBandwidthAndIsReportedForComparison() throws Exception {
        HardwareCatalog catalog = HardwareCatalog.builtIn();
        ExportClassification a800 = classifier.classify(catalog.find("A800"), TODAY);
        assertThat(a800.classification()).isEqualTo("3A090.a.1");
        RuleSetResult old = a800.ruleSets().stream().filter(r -> r.ruleSet().equals("eccn-3a090-2022")).findFirst()
                .orElseThrow();
        assertThat(old.inForce()).isFalse();
        assertThat(old.classification()).isEqualTo("not covered");
        assertThat(old.explanation()).contains("I/O bandwidth 400.0 GB/s < 600");

        RuleSetResult a100Old = classifier.classify(catalog.find("A100"), TODAY).ruleSets().get(0);
        assertThat(a100Old.classification()).isEqualTo("3A090 (2022)");

        ExportClassification tpuV4 = classifier.classify(catalog.find("TPU v4"), LocalDate.of(2023, 1, 1));
        assertThat(tpuV4.outcome()).as("TPP 4400 < 4800 decides without I/O").isEqualTo(Outcome.NOT_COVERED);
        ExportClassification noIo = classifier.classify(chip(5000, 10.0, true, null), LocalDate.of(2023, 1, 1));
        assertThat(noIo.outcome()).isEqualTo(Outcome.INDETERMINATE);
        assertThat(noIo.inForce().orElseThrow().scenarios()).extracting(Scenario::condition, Scenario::classification)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("I/O bandwidth < 600 GB/s", "not covered"),
                        org.assertj.core.groups.Tuple.tuple("I/O bandwidth >= 600 GB/s", "3A090 (2022)"));
    }

    @Test
    void asOfPicksTheRuleSetInForce() throws Exception {
        Accelerator a800 = HardwareCatalog.builtIn().find("A800");
        assertThat(classifier.classify(a800, LocalDate.of(2022, 10, 6)).outcome()).isEqualTo(Outcome.NO_RULE);
        assertThat(classifier.classify(a800, LocalDate.of(2022, 10, 7)).classification()).isEqualTo("not covered");
        assertThat(classifier.classify(a800, LocalDate.of(2023, 11, 16)).classification()).isEqualTo("not covered");
        assertThat(classifier.classify(a800, LocalDate.of(2023, 11, 17)).classification()).isEqualTo("3A090.a.1");
    }

    @Test
    void licencePolicyRemarkAppliesFromItsEffectiveDate() throws Exception {
        Accelerator h200 = HardwareCatalog.builtIn().find("H200");
        assertThat(classifier.classify(h200, LocalDate.of(2026, 1, 15)).inForce().orElseThrow().remarks())
                .anySatisfy(r -> assertThat(r).contains("case-by-case licence review"));
        assertThat(classifier.classify(h200, LocalDate.of(2026, 1, 14)).inForce().orElseThrow().remarks()).isEmpty();
        Accelerator b200 = HardwareCatalog.builtIn().find("B200");
        assertThat(classifier.classify(b200, TODAY).inForce().orElseThrow().remarks())
                .noneSatisfy(r -> assertThat(r).contains("case-by-case"));
    }

    @Test
    void everyCatalogChipGetsAnAnswerUnderEveryRuleSet() {
        for (Accelerator chip : HardwareCatalog.builtIn().all()) {
            ExportClassification c = classifier.classify(chip, TODAY);
            assertThat(c.ruleSets()).hasSize(2);
            assertThat(c.explanation()).as(chip.name()).isNotBlank();
            if (c.outcome() == Outcome.INDETERMINATE) {
                assertThat(c.inForce().orElseThrow().scenarios()).as(chip.name()).isNotEmpty();
            }
        }
    }
}
