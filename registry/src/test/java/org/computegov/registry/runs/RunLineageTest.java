package org.computegov.registry.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.registry.runs.RunLineage.Run;
import org.junit.jupiter.api.Test;

class RunLineageTest {
    private static InvalidInputException failure(Map<String, Run> runs) {
        try {
            RunLineage.of(runs);
        } catch (InvalidInputException e) {
            return e;
        }
        throw new AssertionError("expected the lineage to be refused");
    }

    @Test
    void aFineTuneCountsItsBaseCumulatively() throws InvalidInputException {
        RunLineage lineage = RunLineage.of(Map.of(
                "lab-a/atlas-2", Run.fromScratch(8e25),
                "lab-a/atlas-2-sft", Run.modifying("lab-a/atlas-2", 1e24),
                "lab-b/atlas-2-rl", Run.modifying("lab-a/atlas-2-sft", 2e25)));
        assertThat(lineage.cumulativeFlop("lab-a/atlas-2")).isEqualTo(8e25);
        assertThat(lineage.cumulativeFlop("lab-a/atlas-2-sft")).isEqualTo(1e24 + 8e25);
        assertThat(lineage.cumulativeFlop("lab-b/atlas-2-rl")).isEqualTo(2e25 + (1e24 + 8e25));
        // SB 53 counts the original run and every modification: the RL run's model is a frontier model.
        assertThat(lineage.cumulativeFlop("lab-b/atlas-2-rl")).isGreaterThan(1e26);
        assertThat(lineage.baseFlop("lab-b/atlas-2-rl")).isEqualTo(1e24 + 8e25);
        assertThat(lineage.baseFlop("lab-a/atlas-2")).isNull();
        assertThat(lineage.chain("lab-b/atlas-2-rl")).containsExactly("lab-b/atlas-2-rl", "lab-a/atlas-2-sft",
                "lab-a/atlas-2");
        assertThat(lineage.cumulative()).containsOnlyKeys("lab-a/atlas-2", "lab-a/atlas-2-sft", "lab-b/atlas-2-rl");
    }

    @Test
    void anExternalBaseModelCountsWithItsStatedCompute() throws InvalidInputException {
        RunLineage lineage = RunLineage.of(Map.of("lab-c/ft", Run.modifyingExternal(3.8e25, 5e24),
                "lab-c/ft-2", Run.modifying("lab-c/ft", 1e23)));
        assertThat(lineage.cumulativeFlop("lab-c/ft")).isEqualTo(5e24 + 3.8e25);
        assertThat(lineage.baseFlop("lab-c/ft")).isEqualTo(3.8e25);
        assertThat(lineage.cumulativeFlop("lab-c/ft-2")).isEqualTo(1e23 + (5e24 + 3.8e25));
    }

    @Test
    void aDeclarationBecomesARunWithTheComputeToCount() throws InvalidInputException {
        RunDeclaration d = new RunDeclaration("ft", null, 2e24, null, null, null, 1e25, DataDomain.GENERAL, null);
        RunLineage lineage = RunLineage.of(Map.of("lab-c/ft", Run.of(d, d.plannedFlop())));
        assertThat(lineage.cumulativeFlop("lab-c/ft")).isEqualTo(2e24 + 1e25);
    }

    @Test
    void aRunThatIsItsOwnBaseIsRefused() {
        InvalidInputException e = failure(Map.of("lab-a/x", Run.modifying("lab-a/x", 1e24)));
        assertThat(e.field()).isEqualTo("baseRun");
        assertThat(e.getMessage()).isEqualTo("run 'lab-a/x' names itself as its base run");
    }

    @Test
    void aCycleOfBaseRunsIsRefusedAndNamed() {
        Map<String, Run> runs = new LinkedHashMap<>();
        runs.put("lab-a/root", Run.fromScratch(1e25));
        runs.put("lab-a/c", Run.modifying("lab-a/a", 1e23));
        runs.put("lab-a/a", Run.modifying("lab-a/b", 1e23));
        runs.put("lab-a/b", Run.modifying("lab-a/c", 1e23));
        runs.put("lab-a/d", Run.modifying("lab-a/a", 1e23));
        InvalidInputException e = failure(runs);
        assertThat(e.field()).isEqualTo("baseRun");
        // The walk starts from the smallest id, so the same input always names the same cycle.
        assertThat(e.getMessage()).isEqualTo("base runs form a cycle: lab-a/a → lab-a/b → lab-a/c → lab-a/a");
        assertThat(e.hint()).contains("trained from scratch");
    }

    @Test
    void anUndeclaredBaseRunIsRefused() {
        InvalidInputException e = failure(Map.of("lab-a/ft", Run.modifying("lab-z/base", 1e23)));
        assertThat(e.field()).isEqualTo("baseRun");
        assertThat(e.getMessage()).contains("'lab-z/base', which is not declared");
    }

    @Test
    void aLongChainNeedsNoDeepStack() throws InvalidInputException {
        Map<String, Run> runs = new HashMap<>();
        runs.put("r/0", Run.fromScratch(1));
        for (int i = 1; i <= 50_000; i++) {
            runs.put("r/" + i, Run.modifying("r/" + (i - 1), 1));
        }
        assertThat(RunLineage.of(runs).cumulativeFlop("r/50000")).isEqualTo(50_001);
    }

    @Test
    void runsAreValidated() {
        assertThatThrownBy(() -> new Run(-1, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Run(1, "a/b", 1e25)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Run(1, null, 0.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
