package org.computegov.shaping.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.registry.usage.ParsedUsage;
import org.computegov.registry.usage.SacctOptions;
import org.computegov.registry.usage.SacctParser;
import org.computegov.registry.usage.UsageRecord;
import org.junit.jupiter.api.Test;

/**
 * Awards drawn down by real usage records: the registry's Slurm accounting sample for cluster sol on 2025-03-03,
 * parsed by its SacctParser. By hand, lab-llm's finished H100 jobs are 32 × 12 h + 8 × 20 min + 8 × 1 h
 * + 4 × 30 min + 16 × 2 h 45 min = 384 + 2.667 + 8 + 2 + 44 = 440.667 GPU-hours (the RUNNING job is not counted).
 */
class DrawDownTest {
    static final double LAB_LLM_H100_HOURS = 384 + 8.0 / 3 + 8 + 2 + 44;
    static final Resource SOL_H100 = new Resource("sol-h100", "cloud-a", "H100", "sol", "h100");
    static final Resource SOL_A100 = new Resource("sol-a100", "cloud-a", "A100", "sol", null);
    /** 2 credits per H100-hour from 2025-01-01, 4 from 2025-03-05: after the usage, so it must not re-price it. */
    static final RateSchedule RATES = new RateSchedule(List.of(
            new ExchangeRate("sol-h100", LocalDate.of(2025, 1, 1), 2.0),
            new ExchangeRate("sol-h100", LocalDate.of(2025, 3, 5), 4.0),
            new ExchangeRate("sol-a100", LocalDate.of(2025, 1, 1), 1.0)));

    static List<UsageCharge> usage() throws Exception {
        SacctParser parser = new SacctParser(HardwareCatalog.builtIn(),
                SacctOptions.of("cloud-a", ZoneOffset.UTC).withDefaultChip("sol", "A100"));
        ParsedUsage parsed = parser.parse(Path.of("../../registry/src/test/resources/sacct/sol-2025-03-03.txt"));
        assertThat(parsed.problems()).isEmpty();
        return parsed.records().stream().map(DrawDownTest::charge).toList();
    }

    /** A usage record as a charge: the account is the provider's customer, the resource the cluster's chip. */
    static UsageCharge charge(UsageRecord r) {
        String resource = r.chip().contains("H100") ? "sol-h100" : "sol-a100";
        return new UsageCharge(r.recordId(), r.customer(), resource, r.start().atZone(ZoneOffset.UTC).toLocalDate(),
                r.chipHours());
    }

    static Award award(double credits, LocalDate start, boolean reported) {
        return new Award("award-1", "prop-1", "lab-llm", Tier.EXPLORE,
                Map.of("sol-h100", new Award.Amounts(credits * 1.2, credits, credits)), start, LocalDate.of(2025, 12, 31),
                AwardStatus.ACTIVE, reported);
    }

    @Test
    void realUsageDrawsTheAwardDownAtTheRateOfItsDay() throws Exception {
        DrawDown d = DrawDown.of(award(3000, LocalDate.of(2025, 1, 1), false), RATES, usage(), LocalDate.of(2025, 3, 10));
        assertThat(d.refused()).isEmpty();
        DrawDown.Line h100 = d.lines().get(0);
        assertThat(h100.usedGpuHours()).isCloseTo(LAB_LLM_H100_HOURS, within(1e-9));
        // Charged at 2 credits/h (in force on 2025-03-03), not at the 4 that took effect on 2025-03-05.
        assertThat(h100.usedCredits()).isCloseTo(2 * LAB_LLM_H100_HOURS, within(1e-9));
        // Half of 3000 is released before the progress report.
        assertThat(h100.released()).isEqualTo(1500);
        assertThat(h100.remainingCredits()).isCloseTo(1500 - 2 * LAB_LLM_H100_HOURS, within(1e-9));
        // What remains buys GPU-hours at today's rate, 4 credits/h.
        assertThat(h100.remainingGpuHours()).isCloseTo((1500 - 2 * LAB_LLM_H100_HOURS) / 4, within(1e-9));
        assertThat(h100.overdrawn()).isFalse();

        DrawDown reported = DrawDown.of(award(3000, LocalDate.of(2025, 1, 1), true), RATES, usage(), LocalDate.of(2025, 3, 10));
        assertThat(reported.lines().get(0).released()).isEqualTo(3000);
        // Asked before the usage happened, nothing is drawn.
        assertThat(DrawDown.of(award(3000, LocalDate.of(2025, 1, 1), false), RATES, usage(), LocalDate.of(2025, 3, 2))
                .lines().get(0).usedCredits()).isZero();
    }

    @Test
    void overdrawnAndOutOfPeriodUsage() throws Exception {
        DrawDown small = DrawDown.of(award(1000, LocalDate.of(2025, 1, 1), false), RATES, usage(), LocalDate.of(2025, 3, 10));
        assertThat(small.lines().get(0).overdrawn()).isTrue();
        assertThat(small.lines().get(0).remainingGpuHours()).isZero();
        DrawDown late = DrawDown.of(award(3000, LocalDate.of(2025, 3, 4), false), RATES, usage(), LocalDate.of(2025, 3, 10));
        assertThat(late.lines().get(0).usedCredits()).isZero();
        assertThat(late.refused()).hasSize(5).allSatisfy(r -> assertThat(r.reason()).contains("outside the award's period"));
        List<UsageCharge> twice = new java.util.ArrayList<>(usage());
        twice.add(twice.get(0));
        DrawDown dup = DrawDown.of(award(3000, LocalDate.of(2025, 1, 1), false), RATES, twice, LocalDate.of(2025, 3, 10));
        assertThat(dup.refused()).singleElement().satisfies(r -> assertThat(r.reason()).contains("counted already"));
    }

    @Test
    void awardsRespectTheirTierAndExpire() {
        assertThatThrownBy(() -> award(400_001, LocalDate.of(2025, 1, 1), false)).hasMessageContaining("EXPLORE");
        Award a = award(3000, LocalDate.of(2025, 1, 1), false);
        assertThat(a.statusOn(LocalDate.of(2025, 12, 31))).isEqualTo(AwardStatus.ACTIVE);
        assertThat(a.statusOn(LocalDate.of(2026, 1, 1))).isEqualTo(AwardStatus.EXPIRED);
        assertThat(a.withStatus(AwardStatus.REVOKED).statusOn(LocalDate.of(2025, 6, 1))).isEqualTo(AwardStatus.REVOKED);
        assertThat(Tier.DISCOVER.maxCredits()).isEqualTo(1_500_000);
        assertThat(Tier.ACCELERATE.maxCredits()).isEqualTo(3_000_000);
    }

    @Test
    void sacctmgrLoadFileCarriesUsedPlusRemainingMinutes() throws Exception {
        LocalDate asOf = LocalDate.of(2025, 3, 10);
        Award a = award(3000, LocalDate.of(2025, 1, 1), false);
        DrawDown d = DrawDown.of(a, RATES, usage(), asOf);
        var limit = SacctmgrLoadFile.limitFor(a, d, List.of(SOL_H100, SOL_A100), "sol", RATES,
                "LLM pretraining (NAIRR pilot)", "Example University", List.of("alice", "Carol"));
        long expected = (long) Math.floor(LAB_LLM_H100_HOURS * 60 + (1500 - 2 * LAB_LLM_H100_HOURS) / 4 * 60);
        assertThat(limit.grpTresMins()).containsExactly(Map.entry("gres/gpu:h100", expected));
        String file = SacctmgrLoadFile.write("sol", asOf, List.of(limit));
        assertThat(file.lines().filter(l -> !l.startsWith("#")).toList()).containsExactly(
                "Cluster - 'sol'",
                "Parent - 'root'",
                "Account - 'lab-llm':Description='LLM pretraining (NAIRR pilot)':Organization='Example University':GrpTRESMins='gres/gpu:h100=" + expected + "'",
                "Parent - 'lab-llm'",
                "User - 'alice':DefaultAccount='lab-llm'",
                "User - 'carol':DefaultAccount='lab-llm'");
        // sacctmgr(1): each line is a title, " - ", the entity, then specifications separated by colons outside quotes.
        assertThat(file.lines().filter(l -> !l.startsWith("#")))
                .allMatch(l -> l.matches("(Cluster|Parent|Account|User) - '[^':]*'(:[A-Za-z]+=('[^']*'|[^:']+))*"));

        // Revoked: the limit is what was used, so nothing more runs.
        DrawDown revoked = DrawDown.of(a.withStatus(AwardStatus.REVOKED), RATES, usage(), asOf);
        assertThat(SacctmgrLoadFile.limitFor(a, revoked, List.of(SOL_H100), "sol", RATES, "x", "y", List.of())
                .grpTresMins()).containsEntry("gres/gpu:h100", (long) Math.floor(LAB_LLM_H100_HOURS * 60));
        assertThatThrownBy(() -> SacctmgrLoadFile.write("sol", asOf, List.of(new SacctmgrLoadFile.AccountLimit(
                "lab:llm", "d", "o", List.of(), Map.of())))).hasMessageContaining("not a Slurm account name");
    }
}
