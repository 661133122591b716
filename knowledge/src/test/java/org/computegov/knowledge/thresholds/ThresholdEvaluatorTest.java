package org.computegov.knowledge.thresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.computegov.knowledge.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdEvaluatorTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private final ThresholdEvaluator evaluator = new ThresholdEvaluator(RegimeCatalog.builtIn());

    private RegimeFinding finding(TrainingRun run, String regime) {
        return evaluator.evaluate(run).findings().stream().filter(f -> f.regime().equals(regime)).findFirst().orElseThrow();
    }

    private static TrainingRun run(double flop) throws InvalidInputException {
        return TrainingRun.of(flop, null, false, null, null, TODAY);
    }

    @Test
    void greaterThanIsStrictExactlyAtTheThreshold() throws Exception {
        assertThat(finding(run(1e26), "US-CA-SB53-model").verdict()).isEqualTo(Verdict.NOT_CROSSED);
        assertThat(finding(run(1e26), "US-CA-SB53-model").reason()).contains("which '>' excludes");
        assertThat(finding(run(Math.nextUp(1e26)), "US-CA-SB53-model").verdict()).isEqualTo(Verdict.CROSSED);
        assertThat(finding(run(1e25), "EU-AIA-51").verdict()).isEqualTo(Verdict.NOT_CROSSED);
        assertThat(finding(run(Math.nextUp(1e25)), "EU-AIA-51").verdict()).isEqualTo(Verdict.CROSSED);
        assertThat(finding(run(1e23), "EU-GPAI-guidelines-GPAI").verdict()).isEqualTo(Verdict.NOT_CROSSED);
    }

    @Test
    void atLeastIncludesTheThreshold() throws Exception {
        assertThat(finding(run(1e26), "KR-AIBasicAct").verdict()).isEqualTo(Verdict.CROSSED);
        assertThat(finding(run(Math.nextDown(1e26)), "KR-AIBasicAct").verdict()).isEqualTo(Verdict.NOT_CROSSED);
        TrainingRun fineTune = TrainingRun.of(3e25, 2e26, false, 2e7, null, TODAY);
        assertThat(finding(fineTune, "US-CA-SB1047-finetune").verdict()).isEqualTo(Verdict.CROSSED);
        assertThat(finding(fineTune, "US-CA-SB1047-finetune").reason()).contains("which '>=' includes");
    }

    @Test
    void euNotificationIsDueFourteenDaysAfterCrossing() throws Exception {
        RegimeFinding eu = finding(TrainingRun.of(3.8e25, null, false, null, null, LocalDate.of(2026, 3, 1)), "EU-AIA-51");
        assertThat(eu.verdict()).isEqualTo(Verdict.CROSSED);
        assertThat(eu.inForce()).isTrue();
        assertThat(eu.obligations()).anySatisfy(o -> {
            assertThat(o.what()).contains("Notify the European Commission");
            assertThat(o.dueBy()).isEqualTo(LocalDate.of(2026, 3, 15));
            assertThat(o.citation()).isEqualTo("Art. 52(1)");
        });
    }

    @Test
    void cumulativeRegimesCountTheBaseModelAndRunRegimesDoNot() throws Exception {
        TrainingRun fineTune = TrainingRun.of(3e25, 8e25, false, null, null, TODAY);
        RegimeFinding sb53 = finding(fineTune, "US-CA-SB53-model");
        assertThat(sb53.verdict()).isEqualTo(Verdict.CROSSED);
        assertThat(sb53.measured()).isEqualTo(1.1e26);
        assertThat(sb53.reason()).contains("base 8.00e25 + this run 3.00e25");
        assertThat(finding(fineTune, "US-BIS-NPRM-2024-model").verdict()).isEqualTo(Verdict.NOT_CROSSED);
    }

    @Test
    void modificationOverOneThirdMakesANewProvider() throws Exception {
        RegimeFinding over = finding(TrainingRun.of(4e24, 1e25, false, null, null, TODAY), "EU-GPAI-guidelines-modifier");
        assertThat(over.verdict()).isEqualTo(Verdict.CROSSED);
        assertThat(over.measured()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
        RegimeFinding third = finding(TrainingRun.of(1e24, 3e24, false, null, null, TODAY), "EU-GPAI-guidelines-modifier");
        assertThat(third.verdict()).as("exactly one third is not greater than one third").isEqualTo(Verdict.NOT_CROSSED);
        assertThat(finding(run(1e24), "EU-GPAI-guidelines-modifier").verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }

    @Test
    void biologicalSequenceRegimeNeedsTheDomainAndItsDates() throws Exception {
        TrainingRun bio = TrainingRun.of(2e23, null, true, null, null, LocalDate.of(2024, 6, 1));
        RegimeFinding then = finding(bio, "US-EO14110-bio");
        assertThat(then.verdict()).isEqualTo(Verdict.CROSSED);
        assertThat(then.inForce()).isTrue();
        RegimeFinding now = finding(TrainingRun.of(2e23, null, true, null, null, TODAY), "US-EO14110-bio");
        assertThat(now.inForce()).isFalse();
        assertThat(now.state()).isEqualTo("no longer in force (ended 2025-01-20)");
        assertThat(finding(run(2e23), "US-EO14110-bio").verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }

    @Test
    void costConditionsAreIndeterminateUntilTheCostIsKnown() throws Exception {
        assertThat(finding(run(2e26), "US-NY-RAISE-model").verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(finding(run(2e26), "US-NY-RAISE-model").reason()).contains("give --cost-usd");
        TrainingRun cheap = TrainingRun.of(2e26, null, false, 5e7, null, TODAY);
        assertThat(finding(cheap, "US-NY-RAISE-model").verdict()).isEqualTo(Verdict.NOT_CROSSED);
        TrainingRun dear = TrainingRun.of(2e26, null, false, 2e8, null, TODAY);
        assertThat(finding(dear, "US-NY-RAISE-model").verdict()).isEqualTo(Verdict.CROSSED);
    }

    @Test
    void statesFollowLegalForceAndDates() throws Exception {
        RegimeCatalog catalog = RegimeCatalog.builtIn();
        assertThat(catalog.find("US-CA-SB1047-covered").orElseThrow().stateOn(TODAY)).startsWith("vetoed");
        assertThat(catalog.find("US-BIS-NPRM-2024-model").orElseThrow().stateOn(TODAY)).startsWith("proposed");
        Regime sb53 = catalog.find("US-CA-SB53-model").orElseThrow();
        assertThat(sb53.inForceOn(LocalDate.of(2025, 12, 31))).isFalse();
        assertThat(sb53.inForceOn(LocalDate.of(2026, 1, 1))).isTrue();
        assertThat(sb53.stateOn(LocalDate.of(2025, 12, 31))).isEqualTo("not yet in force (law from 2026-01-01)");
        Regime eo = catalog.find("US-EO14110-model").orElseThrow();
        assertThat(eo.inForceOn(LocalDate.of(2025, 1, 19))).isTrue();
        assertThat(eo.inForceOn(LocalDate.of(2025, 1, 20))).isFalse();
    }

    @Test
    void bindingListsOnlyCrossedRegimesInForce() throws Exception {
        ThresholdReport report = evaluator.evaluate(TrainingRun.of(3.79e25, null, false, null, null, TODAY));
        assertThat(report.binding()).extracting(RegimeFinding::regime)
                .containsExactlyInAnyOrder("EU-AIA-51", "EU-GPAI-guidelines-GPAI");
    }

    @Test
    void clusterCapacityAgainstClusterRegimes() throws Exception {
        ThresholdReport exact = evaluator.evaluate(Cluster.of("cluster", 1e20, 400.0), LocalDate.of(2024, 6, 1));
        assertThat(exact.findings()).extracting(RegimeFinding::regime, RegimeFinding::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("US-EO14110-cluster", Verdict.CROSSED),
                org.assertj.core.groups.Tuple.tuple("US-BIS-NPRM-2024-cluster", Verdict.NOT_CROSSED));
        ThresholdReport slowNetwork = evaluator.evaluate(Cluster.of("cluster", 2e20, 200.0), LocalDate.of(2024, 6, 1));
        assertThat(slowNetwork.findings().get(0).verdict()).isEqualTo(Verdict.CROSSED);
        assertThat(slowNetwork.findings().get(1).verdict()).isEqualTo(Verdict.NOT_CROSSED);
        assertThat(slowNetwork.findings().get(1).reason()).contains("200 Gbit/s is not over 300");
        ThresholdReport unknownNetwork = evaluator.evaluate(Cluster.of("cluster", 2e20, null), TODAY);
        assertThat(unknownNetwork.findings()).allSatisfy(f -> assertThat(f.verdict()).isEqualTo(Verdict.INDETERMINATE));
    }

    @Test
    void customRegimesLoadFromAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("licence.json"), """
                {"regimes": [{"id": "XX-licence", "name": "Pre-training licence", "jurisdiction": "Freedonia",
                  "legalForce": "law", "effectiveFrom": "2026-01-01", "metric": "training-compute",
                  "threshold": 1e26, "comparison": ">", "counts": "cumulative",
                  "obligations": [{"what": "Hold a pre-training licence before training starts", "trigger": "crossing", "dueDays": 0}]}]}
                """);
        ThresholdEvaluator custom = new ThresholdEvaluator(RegimeCatalog.builtIn().with(file));
        RegimeFinding licence = custom.evaluate(TrainingRun.of(2e26, null, false, null, null, TODAY)).findings().stream()
                .filter(f -> f.regime().equals("XX-licence")).findFirst().orElseThrow();
        assertThat(licence.verdict()).isEqualTo(Verdict.CROSSED);
        assertThat(licence.obligations().get(0).dueBy()).isEqualTo(TODAY);
    }

    @Test
    void badRegimeFilesAndRunsAreRejected(@TempDir Path dir) throws Exception {
        Path noMetric = Files.writeString(dir.resolve("a.json"), "{\"regimes\": [{\"id\": \"x\", \"threshold\": 1}]}");
        assertThatThrownBy(() -> RegimeCatalog.builtIn().with(noMetric)).hasMessageContaining("'metric' is required");
        Path badComparison = Files.writeString(dir.resolve("b.json"),
                "[{\"id\": \"x\", \"metric\": \"training-compute\", \"threshold\": 1, \"comparison\": \"<\"}]");
        assertThatThrownBy(() -> RegimeCatalog.builtIn().with(badComparison)).hasMessageContaining("comparison must be");
        Path badDate = Files.writeString(dir.resolve("c.json"),
                "[{\"id\": \"x\", \"metric\": \"training-compute\", \"threshold\": 1, \"effectiveFrom\": \"soon\"}]");
        assertThatThrownBy(() -> RegimeCatalog.builtIn().with(badDate)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TrainingRun.of(-1, null, false, null, null, TODAY)).hasMessageContaining("--flop");
        assertThatThrownBy(() -> TrainingRun.of(1, 0.0, false, null, null, TODAY)).hasMessageContaining("--base-flop");
    }
}
