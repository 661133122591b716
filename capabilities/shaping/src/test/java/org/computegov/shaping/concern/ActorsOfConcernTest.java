package org.computegov.shaping.concern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.knowledge.thresholds.RegimeFinding;
import org.junit.jupiter.api.Test;

class ActorsOfConcernTest {
    static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();
    static final RegimeCatalog REGIMES = RegimeCatalog.builtIn();
    static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    /** 10,000 A100s (312 TFLOP/s dense FP16) at 40% for 90 days: 3.12e18 × 0.4 × 7.776e6 s = 9.70e24 FLOP. */
    @Test
    void tenThousandA100sAreAboutTheEuThreshold() throws Exception {
        Accelerator a100 = CATALOG.find("A100");
        double peak = Capacity.peakTrainingFlops(a100, 10_000);
        assertThat(peak).isEqualTo(3.12e18);
        assertThat(Capacity.flopWithin(peak, 90, 0.4)).isCloseTo(9.70e24, within(0.01e24));
        assertThat(Capacity.chipsNeeded(1e25, a100, 90, 0.4)).isCloseTo(1e25 / (312e12 * 0.4 * 90 * 86_400), within(1e-6));
        assertThat(Math.ceil(Capacity.chipsNeeded(1e25, a100, 90, 0.4))).isEqualTo(10_305);
        var reach = new ActorsOfConcern(CATALOG, REGIMES).chipsToCross("A100", 90, 0.4, DAY, REGIMES);
        assertThat(reach.get("EU-AIA-51")).isCloseTo(10_304.55, within(0.01));
        assertThat(reach.get("US-CA-SB53-model")).isCloseTo(103_045.5, within(0.1));
    }

    @Test
    void assessesActorsFromHoldings() throws Exception {
        List<Holding> holdings = List.of(
                new Holding("frontier-lab", "dc-north", "US", "H100", 40_000, 400.0, "registry"),
                new Holding("frontier-lab", "dc-south", "US", "H100", 20_000, 400.0, "declared"),
                new Holding("mid-lab", "dc-east", "FR", "A100", 12_000, null, "registry"),
                new Holding("university", "campus", "DE", "A100", 100, 100.0, "registry"));
        ActorsOfConcern concern = new ActorsOfConcern(CATALOG, REGIMES);
        List<ActorAssessment> all = concern.assess(holdings, 90, 0.4, DAY, false);
        assertThat(all).extracting(ActorAssessment::owner).containsExactly("frontier-lab", "mid-lab", "university");

        ActorAssessment lab = all.get(0);
        // 60,000 × 989.4e12 FLOP/s × 0.4 × 90 d = 1.847e26: over SB 53's 1e26 and the EU's 1e25.
        assertThat(lab.achievableFlop()).isCloseTo(60_000 * 989.4e12 * 0.4 * 90 * 86_400, within(1e20));
        assertThat(lab.largestSite()).isEqualTo("dc-north");
        assertThat(lab.largestSiteFlop()).isCloseTo(lab.achievableFlop() * 2 / 3, within(1e20));
        assertThat(lab.crossable()).extracting(RegimeFinding::regime).contains("US-CA-SB53-model", "EU-AIA-51");
        // dc-north: 40,000 × 1978.9e12 op/s (FP8) = 7.9e19 < 1e20, dc-south smaller: no cluster regime is met.
        assertThat(lab.clusters()).isEmpty();

        ActorAssessment mid = all.get(1);
        assertThat(mid.achievableFlop()).isCloseTo(12_000 * 312e12 * 0.4 * 90 * 86_400, within(1e19));
        assertThat(mid.crossable()).extracting(RegimeFinding::regime).contains("EU-AIA-51")
                .doesNotContain("US-CA-SB53-model");

        assertThat(concern.assess(holdings, 90, 0.4, DAY, true)).extracting(ActorAssessment::owner)
                .containsExactly("frontier-lab", "mid-lab");
    }

    @Test
    void aLargeWellNetworkedSiteMeetsClusterThresholds() throws Exception {
        List<Holding> holdings = List.of(new Holding("hyperscaler", "colossus", "US", "H100", 100_000, 400.0, "registry"));
        ActorAssessment a = new ActorsOfConcern(CATALOG, REGIMES).assess(holdings, 30, 0.3, DAY, true).get(0);
        assertThat(a.clusters()).hasSize(1);
        assertThat(a.clusters().get(0).peakMaxOps()).isCloseTo(100_000 * 1978.9e12, within(1e12));
        // EO 14110 (>= 1e20 op/s, > 100 Gbit/s) and the BIS proposal (> 1e20 op/s, > 300 Gbit/s) are both met.
        assertThat(a.clusters().get(0).crossed()).extracting(RegimeFinding::regime)
                .contains("US-EO14110-cluster", "US-BIS-NPRM-2024-cluster");
    }

    @Test
    void badInputSaysWhich() {
        ActorsOfConcern concern = new ActorsOfConcern(CATALOG, REGIMES);
        List<Holding> h = List.of(new Holding("x", "s", "US", "H100", 1, null, "registry"));
        assertThatThrownBy(() -> concern.assess(h, 0, 0.4, DAY, false)).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("--within");
        assertThatThrownBy(() -> concern.assess(h, 30, 1.5, DAY, false))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("--utilization");
        assertThatThrownBy(() -> concern.assess(List.of(new Holding("x", "s", "US", "H1OO", 1, null, "registry")),
                30, 0.4, DAY, false)).isInstanceOf(InvalidInputException.class);
    }

    @Property(tries = 200)
    void capacityArithmeticIsLinearAndInvertible(@ForAll @DoubleRange(min = 1e12, max = 1e21) double peak,
            @ForAll @DoubleRange(min = 0.01, max = 3650) double days, @ForAll @DoubleRange(min = 0.01, max = 1) double u,
            @ForAll @IntRange(min = 2, max = 10) int k) {
        double flop = Capacity.flopWithin(peak, days, u);
        assertThat(Capacity.flopWithin(k * peak, days, u)).isCloseTo(k * flop, within(k * flop * 1e-12));
        assertThat(Capacity.flopWithin(peak, k * days, u)).isCloseTo(k * flop, within(k * flop * 1e-12));
        assertThat(Capacity.daysToReach(flop, peak, u)).isCloseTo(days, within(days * 1e-12));
    }

    /** Aggregating by owner, site or country conserves chips and peak capacity. */
    @Property(tries = 100)
    void aggregatesConserveTotals(@ForAll @LongRange(min = 1, max = 100_000) long a, @ForAll @LongRange(min = 1, max = 100_000) long b,
            @ForAll @LongRange(min = 1, max = 100_000) long c) throws Exception {
        List<Holding> holdings = new ArrayList<>(List.of(new Holding("o1", "s1", "US", "H100", a, null, "registry"),
                new Holding("o2", "s1", "US", "A100", b, null, "declared"), new Holding("o1", "s2", "CN", "H20", c, null, "registry")));
        ActorsOfConcern concern = new ActorsOfConcern(CATALOG, REGIMES);
        double expected = a * 989.4e12 + b * 312e12 + c * 148e12;
        for (var key : List.<java.util.function.Function<Holding, String>>of(Holding::owner, Holding::site, Holding::country)) {
            List<Aggregate> agg = concern.aggregate(holdings, key);
            assertThat(agg.stream().mapToLong(Aggregate::chipCount).sum()).isEqualTo(a + b + c);
            assertThat(agg.stream().mapToDouble(Aggregate::peakTrainingFlops).sum()).isCloseTo(expected, within(expected * 1e-12));
        }
    }
}
