package org.computegov.registry.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.thresholds.DueObligation;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.knowledge.thresholds.Trigger;
import org.computegov.knowledge.thresholds.Verdict;
import org.computegov.registry.runs.DataDomain;
import org.computegov.registry.runs.RunDeclaration;
import org.computegov.registry.runs.RunLineage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden cases against the built-in regimes (knowledge/src/main/resources/org/computegov/knowledge/regimes.json). */
class ThresholdMonitorTest {
    static final RegimeCatalog CATALOG = RegimeCatalog.builtIn();
    static final String EU_AI_ACT = "EU-AIA-51";
    static final String EU_GPAI = "EU-GPAI-guidelines-GPAI";
    static final String EU_MODIFIER = "EU-GPAI-guidelines-modifier";
    static final String SB53 = "US-CA-SB53-model";
    static final String KOREA = "KR-AIBasicAct";
    static final String EO14110 = "US-EO14110-model";
    static final String EO14110_BIO = "US-EO14110-bio";
    static final String BIS_NPRM = "US-BIS-NPRM-2024-model";
    static final String SB1047 = "US-CA-SB1047-covered";
    static final String SB1047_FINETUNE = "US-CA-SB1047-finetune";
    static final String NOTIFY_COMMISSION = "Notify the European Commission that the threshold is met or will be met";

    private final ThresholdMonitor monitor = new ThresholdMonitor(CATALOG, AlertPolicy.DEFAULT);

    /** Equal increments, one per step, the first at start + step (each at the end of its period). */
    static ComputeHistory steady(Instant start, Duration step, int count, double flop) {
        List<ComputeIncrement> increments = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            increments.add(new ComputeIncrement(start.plus(step.multipliedBy(i)), flop));
        }
        return ComputeHistory.of(increments);
    }

    static Instant t(String text) {
        return Instant.parse(text);
    }

    @Test
    void theMonitorWatchesTrainingComputeAndModificationShareRegimesOnly() {
        assertThat(monitor.monitored()).extracting(r -> r.id()).containsExactly(EO14110, EO14110_BIO, BIS_NPRM,
                EU_AI_ACT, EU_GPAI, EU_MODIFIER, SB53, SB1047, SB1047_FINETUNE, "US-NY-RAISE-model", "US-BIS-4E091",
                KOREA, "US-CA-AB222");
    }

    @Test
    void aRunCrossing1e25GetsTheEuAiActNotificationDue14DaysAfterTheCrossingDay() {
        // 3e24 an hour from 21:00 UTC on 10 March 2026: 1.2e25 > 1e25 with the hour ending at midnight, 11 March.
        ComputeHistory h = steady(t("2026-03-10T20:00:00Z"), Duration.ofHours(1), 10, 3e24);
        Assessment a = monitor.assess(MonitoredSubject.run("lab-a/atlas-3", h));

        assertThat(a.asOf()).isEqualTo(t("2026-03-11T06:00:00Z"));
        assertThat(a.ownFlop()).isEqualTo(h.total());
        RegimeAssessment eu = a.regime(EU_AI_ACT).orElseThrow();
        assertThat(eu.crossed()).isTrue();
        assertThat(eu.crossedAt()).isEqualTo(t("2026-03-11T00:00:00Z"));
        assertThat(eu.evaluatedOn()).isEqualTo(LocalDate.parse("2026-03-11"));
        assertThat(eu.binding()).isTrue();
        assertThat(eu.finding().verdict()).isEqualTo(Verdict.CROSSED);
        assertThat(eu.finding().measured()).isEqualTo(3e24 + 3e24 + 3e24 + 3e24);
        assertThat(eu.finding().obligations()).filteredOn(o -> o.trigger() == Trigger.CROSSING).containsExactly(
                new DueObligation(NOTIFY_COMMISSION, Trigger.CROSSING, LocalDate.parse("2026-03-25"), 14, "Art. 52(1)"));
        assertThat(eu.finding().obligations()).filteredOn(o -> o.trigger() != Trigger.CROSSING)
                .allSatisfy(o -> assertThat(o.dueBy()).isNull());
        assertThat(a.dueObligations()).filteredOn(o -> o.dueBy() != null).extracting(DueObligation::what)
                .containsExactly(NOTIFY_COMMISSION);

        // The guidelines' indicative 1e23 is passed with the first hour; 1e26 is far off.
        assertThat(a.regime(EU_GPAI).orElseThrow().crossedAt()).isEqualTo(t("2026-03-10T21:00:00Z"));
        RegimeAssessment sb53 = a.regime(SB53).orElseThrow();
        assertThat(sb53.crossed()).isFalse();
        assertThat(sb53.crossedAt()).isNull();
        assertThat(sb53.measured()).isEqualTo(h.total());
        assertThat(sb53.evaluatedOn()).isEqualTo(LocalDate.parse("2026-03-11"));
        assertThat(sb53.finding().verdict()).isEqualTo(Verdict.NOT_CROSSED);
        assertThat(a.binding()).extracting(RegimeAssessment::regimeId).containsExactly(EU_AI_ACT, EU_GPAI);
    }

    @Test
    void aRunCrossing1e26IsAnSb53FrontierModelAndEveryRegimeSaysWhereItStands() {
        ComputeHistory h = steady(t("2026-04-30T00:00:00Z"), Duration.ofDays(1), 3, 4e25); // 4e25, 8e25, 1.2e26
        Assessment a = monitor.assess(MonitoredSubject.run("lab-a/atlas-4", h));

        RegimeAssessment sb53 = a.regime(SB53).orElseThrow();
        assertThat(sb53.crossedAt()).isEqualTo(t("2026-05-03T00:00:00Z"));
        assertThat(sb53.binding()).isTrue();
        assertThat(sb53.finding().state()).isEqualTo("in force (law since 2026-01-01)");
        // SB 53's duties follow deployment and incidents, not the crossing: no date comes from the crossing.
        assertThat(sb53.finding().obligations()).extracting(DueObligation::trigger)
                .containsExactly(Trigger.DEPLOYMENT, Trigger.INCIDENT, Trigger.ONGOING);
        assertThat(sb53.finding().obligations()).allSatisfy(o -> assertThat(o.dueBy()).isNull());
        assertThat(a.regime(KOREA).orElseThrow().crossedAt()).isEqualTo(t("2026-05-03T00:00:00Z"));
        assertThat(a.regime(EU_AI_ACT).orElseThrow().crossedAt()).isEqualTo(t("2026-05-01T00:00:00Z"));

        // Regimes not in force are reported as the knowledge core reports them.
        RegimeAssessment eo = a.regime(EO14110).orElseThrow();
        assertThat(eo.crossed()).isTrue();
        assertThat(eo.binding()).isFalse();
        assertThat(eo.finding().state()).isEqualTo("no longer in force (ended 2025-01-20)");
        RegimeAssessment bis = a.regime(BIS_NPRM).orElseThrow();
        assertThat(bis.crossedAt()).isEqualTo(t("2026-05-03T00:00:00Z"));
        assertThat(bis.finding().state()).isEqualTo("proposed: not in force");
        // SB 1047 also needed a cost over $100M, which this subject does not state.
        assertThat(a.regime(SB1047).orElseThrow().finding().verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(a.regime(EO14110_BIO).orElseThrow().applicable()).isFalse();
        assertThat(a.regime(EO14110_BIO).orElseThrow().finding().verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(a.regime(EU_MODIFIER).orElseThrow().applicable()).isFalse();
        assertThat(a.binding()).extracting(RegimeAssessment::regimeId).containsExactly(EU_AI_ACT, EU_GPAI, SB53, KOREA);
    }

    @Test
    void aFineTuneCountsItsBaseModelCumulativelyFromTheStart() throws InvalidInputException {
        RunDeclaration base = new RunDeclaration("atlas-3", null, 9.5e25, null, null, null, null, DataDomain.GENERAL,
                null);
        RunDeclaration tune = new RunDeclaration("atlas-3-med", "Atlas 3 medical tuning", 4e25, null, null,
                "lab-a/atlas-3", null, DataDomain.GENERAL, null);
        RunLineage lineage = RunLineage.of(Map.of("lab-a/atlas-3", RunLineage.Run.of(base, base.plannedFlop()),
                "lab-b/atlas-3-med", RunLineage.Run.of(tune, tune.plannedFlop())));
        ComputeHistory own = steady(t("2026-06-01T00:00:00Z"), Duration.ofDays(1), 4, 1e25); // 1e25 .. 4e25
        MonitoredSubject subject = MonitoredSubject.run("lab-b/atlas-3-med", tune, own,
                lineage.baseFlop("lab-b/atlas-3-med"));
        assertThat(subject.baseFlop()).isEqualTo(9.5e25);

        Assessment a = monitor.assess(subject);
        assertThat(a.cumulativeFlop()).isEqualTo(own.total() + 9.5e25);
        // SB 53 counts the original run and its fine-tuning: 9.5e25 + 1e25 > 1e26 with the first day.
        RegimeAssessment sb53 = a.regime(SB53).orElseThrow();
        assertThat(sb53.measured()).isEqualTo(4e25 + 9.5e25);
        assertThat(sb53.crossedAt()).isEqualTo(t("2026-06-02T00:00:00Z"));
        assertThat(sb53.finding().measured()).isEqualTo(1e25 + 9.5e25);
        assertThat(sb53.finding().reason()).contains("base 9.50e25 + this run 1.00e25");
        // The base alone is over 1e25: the modified model is over it from its first compute.
        assertThat(a.regime(EU_AI_ACT).orElseThrow().crossedAt()).isEqualTo(t("2026-06-02T00:00:00Z"));
        // The BIS proposal counts one training run alone: 4e25 is not over 1e26.
        assertThat(a.regime(BIS_NPRM).orElseThrow().crossed()).isFalse();
        // The EU guidelines' modifier test: own / base > 1/3, i.e. over 3.17e25 of own compute — the fourth day.
        RegimeAssessment modifier = a.regime(EU_MODIFIER).orElseThrow();
        assertThat(modifier.applicable()).isTrue();
        assertThat(modifier.measured()).isEqualTo(own.total() / 9.5e25);
        assertThat(modifier.crossedAt()).isEqualTo(t("2026-06-05T00:00:00Z"));
        assertThat(modifier.finding().verdict()).isEqualTo(Verdict.CROSSED);
        // SB 1047's fine-tune test counted the modification alone, from 3e25 inclusive (and a cost, unknown here).
        RegimeAssessment sb1047 = a.regime(SB1047_FINETUNE).orElseThrow();
        assertThat(sb1047.crossedAt()).isEqualTo(t("2026-06-04T00:00:00Z"));
        assertThat(sb1047.finding().verdict()).isEqualTo(Verdict.INDETERMINATE);
    }

    @Test
    void alertsAtHalfAndFourFifthsOfEachInForceThresholdAreDatedFromTheHistory() {
        // 3e24, 6e24, 9e24, 1.2e25: half of 1e25 reached with the second hour, 4/5 with the third.
        ComputeHistory h = steady(t("2026-03-10T00:00:00Z"), Duration.ofHours(1), 4, 3e24);
        Assessment a = monitor.assess(MonitoredSubject.run("lab-a/atlas-3", h));
        assertThat(a.alerts()).containsExactly(
                new Alert(EU_AI_ACT, 0.5, 1e25, t("2026-03-10T02:00:00Z")),
                new Alert(EU_AI_ACT, 0.8, 1e25, t("2026-03-10T03:00:00Z")),
                new Alert(EU_GPAI, 0.5, 1e23, t("2026-03-10T01:00:00Z")),
                new Alert(EU_GPAI, 0.8, 1e23, t("2026-03-10T01:00:00Z")));
        assertThat(a.alerts(EU_AI_ACT).get(1).level()).isEqualTo(0.8 * 1e25);

        // The same history assessed an hour and a half in: only what had happened by then.
        Assessment early = monitor.assess(MonitoredSubject.run("lab-a/atlas-3", h), t("2026-03-10T02:30:00Z"));
        assertThat(early.ownFlop()).isEqualTo(6e24);
        assertThat(early.alerts(EU_AI_ACT)).containsExactly(new Alert(EU_AI_ACT, 0.5, 1e25, t("2026-03-10T02:00:00Z")));
        assertThat(early.regime(EU_AI_ACT).orElseThrow().crossed()).isFalse();

        // Another policy, given in any order: SB 53's 1e26 is at 5% with the second hour, at 10% with the fourth.
        Assessment tenth = new ThresholdMonitor(CATALOG, AlertPolicy.of(0.1, 0.05)).assess(
                MonitoredSubject.run("lab-a/atlas-3", h));
        assertThat(tenth.alerts(SB53)).containsExactly(new Alert(SB53, 0.05, 1e26, t("2026-03-10T02:00:00Z")),
                new Alert(SB53, 0.1, 1e26, t("2026-03-10T04:00:00Z")));
    }

    @Test
    void aForecastAtAConstantBurnRateGivesTheExactCrossingInstant() {
        // 3.6e23 FLOP an hour is 1e20 FLOP/s. By 10:00 the run has 3.6e24; 6.4e24 more to 1e25 takes 64,000 s.
        ComputeHistory h = steady(t("2026-04-01T00:00:00Z"), Duration.ofHours(1), 10, 3.6e23);
        Forecast f = monitor.forecast(MonitoredSubject.run("lab-a/atlas-5", h), t("2026-04-01T10:00:00Z"),
                Duration.ofHours(10));
        assertThat(f.windowFlop()).isEqualTo(h.total());
        assertThat(f.flopPerSecond()).isCloseTo(1e20, org.assertj.core.data.Percentage.withPercentage(1e-12));
        assertThat(f.ownFlop()).isEqualTo(h.total());
        Forecast.Next next = f.next();
        assertThat(next.regimeId()).isEqualTo(EU_AI_ACT);
        assertThat(next.threshold()).isEqualTo(1e25);
        assertThat(next.measured()).isEqualTo(h.total());
        assertThat(next.remainingFlop()).isEqualTo(1e25 - h.total());
        assertThat(next.timeToReach()).isEqualTo(Duration.ofSeconds(64_000));
        assertThat(next.estimatedAt()).isEqualTo(t("2026-04-02T03:46:40Z"));

        // Only the last two hours: the same rate. A window with nothing in it: no crossing instant.
        Forecast recent = monitor.forecast(MonitoredSubject.run("lab-a/atlas-5", h), t("2026-04-01T10:00:00Z"),
                Duration.ofHours(2));
        assertThat(recent.next().estimatedAt()).isEqualTo(t("2026-04-02T03:46:40Z"));
        Forecast idle = monitor.forecast(MonitoredSubject.run("lab-a/atlas-5", h), t("2026-04-03T00:00:00Z"),
                Duration.ofHours(2));
        assertThat(idle.flopPerSecond()).isZero();
        assertThat(idle.next().regimeId()).isEqualTo(EU_AI_ACT);
        assertThat(idle.next().timeToReach()).isNull();
        assertThat(idle.next().estimatedAt()).isNull();
    }

    @Test
    void aForecastLooksOnlyAtRegimesInForceOnItsDay() {
        // 5e25 by December 2025: the EU AI Act is crossed, SB 53 and the Korean act are not yet in force.
        ComputeHistory h = steady(t("2025-12-01T00:00:00Z"), Duration.ofDays(1), 5, 1e25);
        MonitoredSubject run = MonitoredSubject.run("lab-a/atlas-6", h);
        assertThat(monitor.forecast(run, t("2025-12-20T00:00:00Z"), Duration.ofDays(30)).next()).isNull();
        // From 1 January 2026 SB 53's 1e26 is next: 5e25 to go at the last 31 days' 5e25.
        Forecast f = monitor.forecast(run, t("2026-01-01T00:00:00Z"), Duration.ofDays(31));
        assertThat(f.windowFlop()).isEqualTo(h.total());
        assertThat(f.next().regimeId()).isEqualTo(SB53);
        assertThat(f.next().remainingFlop()).isEqualTo(1e26 - h.total());
        assertThat(f.next().timeToReach()).isEqualTo(Duration.ofDays(31));
        assertThat(f.next().estimatedAt()).isEqualTo(t("2026-02-01T00:00:00Z"));
        // A 30-day window, (2 Dec, 1 Jan], leaves out the increment at its open start: 4e25 in 30 days.
        assertThat(monitor.forecast(run, t("2026-01-01T00:00:00Z"), Duration.ofDays(30)).windowFlop())
                .isEqualTo(1e25 + 1e25 + 1e25 + 1e25);
    }

    @Test
    void exactlyAtTheThresholdCrossesAnInclusiveRegimeButNotAStrictOne() {
        // 5e25 + 5e25 is exactly 1e26. SB 53 says "greater than"; the Korean act "at least" (per regimes.json).
        ComputeHistory h = ComputeHistory.of(new ComputeIncrement(t("2026-03-01T00:00:00Z"), 5e25),
                new ComputeIncrement(t("2026-03-02T00:00:00Z"), 5e25));
        Assessment a = monitor.assess(MonitoredSubject.run("lab-a/atlas-7", h));
        RegimeAssessment sb53 = a.regime(SB53).orElseThrow();
        assertThat(sb53.measured()).isEqualTo(1e26);
        assertThat(sb53.crossed()).isFalse();
        assertThat(sb53.finding().verdict()).isEqualTo(Verdict.NOT_CROSSED);
        assertThat(sb53.finding().reason()).contains("exactly at the threshold, which '>' excludes");
        RegimeAssessment korea = a.regime(KOREA).orElseThrow();
        assertThat(korea.crossedAt()).isEqualTo(t("2026-03-02T00:00:00Z"));
        assertThat(korea.finding().reason()).contains("exactly at the threshold, which '>=' includes");
        // A strict regime exactly at its threshold is next, with nothing left to reach it.
        Forecast f = monitor.forecast(MonitoredSubject.run("lab-a/atlas-7", h), t("2026-03-02T00:00:00Z"),
                Duration.ofDays(1));
        assertThat(f.next().regimeId()).isEqualTo(SB53);
        assertThat(f.next().remainingFlop()).isZero();
        assertThat(f.next().estimatedAt()).isEqualTo(t("2026-03-02T00:00:00Z"));
        // One more step, however small against 1e26, crosses it.
        Assessment after = monitor.assess(MonitoredSubject.run("lab-a/atlas-7",
                h.merge(ComputeHistory.of(new ComputeIncrement(t("2026-03-03T00:00:00Z"), 1e12)))));
        assertThat(after.regime(SB53).orElseThrow().crossedAt()).isEqualTo(t("2026-03-03T00:00:00Z"));
    }

    @Test
    void twoAccountsUnderTheThresholdAreOneBeneficialOwnerOverIt() {
        ComputeHistory accountA = ComputeHistory.of(new ComputeIncrement(t("2026-07-01T00:00:00Z"), 3e25),
                new ComputeIncrement(t("2026-07-03T00:00:00Z"), 3e25)); // 6e25
        ComputeHistory accountB = ComputeHistory.of(new ComputeIncrement(t("2026-07-02T00:00:00Z"), 2.5e25),
                new ComputeIncrement(t("2026-07-04T00:00:00Z"), 2.5e25)); // 5e25
        assertThat(monitor.assess(MonitoredSubject.customer("cloud-a/acct-1", accountA)).regime(SB53).orElseThrow()
                .crossed()).isFalse();
        assertThat(monitor.assess(MonitoredSubject.customer("cloud-b/acct-9", accountB)).regime(SB53).orElseThrow()
                .crossed()).isFalse();

        Assessment owner = monitor.assess(MonitoredSubject.beneficialOwner("owner-17", List.of(accountA, accountB)));
        assertThat(owner.kind()).isEqualTo(MonitoredSubject.Kind.BENEFICIAL_OWNER);
        assertThat(owner.ownFlop()).isEqualTo(3e25 + 2.5e25 + 3e25 + 2.5e25);
        RegimeAssessment sb53 = owner.regime(SB53).orElseThrow();
        assertThat(sb53.crossedAt()).isEqualTo(t("2026-07-04T00:00:00Z"));
        assertThat(sb53.binding()).isTrue();
        assertThat(owner.alerts(SB53)).containsExactly(new Alert(SB53, 0.5, 1e26, t("2026-07-02T00:00:00Z")),
                new Alert(SB53, 0.8, 1e26, t("2026-07-03T00:00:00Z")));
        // Either order of accounts, the same answer.
        assertThat(monitor.assess(MonitoredSubject.beneficialOwner("owner-17", List.of(accountB, accountA))))
                .isEqualTo(owner);
    }

    @Test
    void aCrossingBeforeARegimeBeganIsReportedAsTheRegimeThenStood() {
        // 1.2e25 by 15 July 2025; the AI Act's GPAI rules apply from 2 August 2025.
        ComputeHistory h = steady(t("2025-07-12T00:00:00Z"), Duration.ofDays(1), 4, 3e24);
        Assessment a = monitor.assess(MonitoredSubject.run("lab-a/atlas-8", h), t("2025-09-01T00:00:00Z"));
        RegimeAssessment eu = a.regime(EU_AI_ACT).orElseThrow();
        assertThat(eu.crossedAt()).isEqualTo(t("2025-07-16T00:00:00Z"));
        assertThat(eu.finding().inForce()).isFalse();
        assertThat(eu.finding().state()).isEqualTo("not yet in force (law from 2025-08-02)");
        assertThat(eu.finding().obligations()).allSatisfy(o -> assertThat(o.dueBy()).isNull());
        assertThat(eu.binding()).isFalse();
        assertThat(eu.inForceAsOf()).isTrue();
        // In force on the assessment's day, so its warnings are given.
        assertThat(a.alerts(EU_AI_ACT)).hasSize(2);
    }

    @Test
    void aBiologicalSequenceModelMeetsItsOwnLowerThreshold() {
        ComputeHistory h = steady(t("2024-06-01T00:00:00Z"), Duration.ofDays(1), 3, 6e22); // 6e22, 1.2e23, 1.8e23
        MonitoredSubject bio = MonitoredSubject.run("lab-b/protein-1", h).withBiologicalSequenceData(true);
        RegimeAssessment eo = monitor.assess(bio).regime(EO14110_BIO).orElseThrow();
        assertThat(eo.applicable()).isTrue();
        assertThat(eo.crossedAt()).isEqualTo(t("2024-06-03T00:00:00Z"));
        assertThat(eo.binding()).isTrue();
        assertThat(monitor.assess(MonitoredSubject.run("lab-b/text-1", h)).regime(EO14110_BIO).orElseThrow()
                .finding().verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }

    @Test
    void aBaseThatCrossesAloneHasNoInstantUntilTheModificationUsesCompute() {
        MonitoredSubject tune = MonitoredSubject.modification("lab-b/ft", ComputeHistory.empty(), 2e25);
        assertThatThrownBy(() -> monitor.assess(tune)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        Assessment a = monitor.assess(tune, t("2026-02-01T00:00:00Z"));
        RegimeAssessment eu = a.regime(EU_AI_ACT).orElseThrow();
        assertThat(eu.crossed()).isTrue();
        assertThat(eu.crossedAt()).isNull();
        assertThat(eu.evaluatedOn()).isEqualTo(LocalDate.parse("2026-02-01"));
        assertThat(a.alerts()).isEmpty();
    }

    @Test
    void aKnownCostUnderARegimesCostConditionRulesItOut(@TempDir Path dir) throws Exception {
        // A regulator's own regime in force, like SB 1047's: over 2e25 FLOP and over $100M.
        Path file = dir.resolve("regimes.json");
        Files.writeString(file, """
                {"regimes": [{"id": "XX-costly", "name": "costly model", "legalForce": "law",
                  "effectiveFrom": "2026-01-01", "metric": "training-compute", "threshold": 2e25,
                  "comparison": ">", "counts": "cumulative", "costOverUsd": 1e8,
                  "obligations": [{"what": "Register the model", "trigger": "crossing", "dueDays": 30}]}]}""");
        ThresholdMonitor custom = new ThresholdMonitor(CATALOG.with(file), AlertPolicy.DEFAULT);
        ComputeHistory h = steady(t("2026-03-01T00:00:00Z"), Duration.ofDays(1), 4, 6e24); // .. 1.8e25, 2.4e25

        Assessment cheap = custom.assess(MonitoredSubject.run("lab-a/r", h).withCostUsd(5e7));
        RegimeAssessment costly = cheap.regime("XX-costly").orElseThrow();
        assertThat(costly.crossedAt()).isEqualTo(t("2026-03-05T00:00:00Z"));
        assertThat(costly.finding().verdict()).isEqualTo(Verdict.NOT_CROSSED);
        assertThat(costly.finding().reason()).contains("but the cost $5.00e07 is not over $1.00e08");
        assertThat(cheap.alerts("XX-costly")).isEmpty();
        Forecast cheapEarly = custom.forecast(MonitoredSubject.run("lab-a/r", h).withCostUsd(5e7),
                t("2026-03-03T00:00:00Z"), Duration.ofDays(2));
        assertThat(cheapEarly.next().regimeId()).isEqualTo(SB53);

        Assessment dear = custom.assess(MonitoredSubject.run("lab-a/r", h).withCostUsd(2e8));
        assertThat(dear.regime("XX-costly").orElseThrow().finding().obligations()).singleElement()
                .extracting(DueObligation::dueBy).isEqualTo(LocalDate.parse("2026-04-04"));
        assertThat(dear.alerts("XX-costly")).extracting(Alert::reachedAt)
                .containsExactly(t("2026-03-03T00:00:00Z"), t("2026-03-04T00:00:00Z"));
        // Unknown cost: the regime may bind, so it is warned of and forecast; the finding is INDETERMINATE.
        MonitoredSubject unknown = MonitoredSubject.run("lab-a/r", h);
        assertThat(custom.assess(unknown).regime("XX-costly").orElseThrow().finding().verdict())
                .isEqualTo(Verdict.INDETERMINATE);
        assertThat(custom.forecast(unknown, t("2026-03-03T00:00:00Z"), Duration.ofDays(2)).next().regimeId())
                .isEqualTo("XX-costly");
    }

    @Test
    void policiesAndSubjectsAreValidated() {
        assertThat(AlertPolicy.DEFAULT.fractions()).containsExactly(0.5, 0.8);
        assertThat(AlertPolicy.of(0.9, 0.25).fractions()).containsExactly(0.25, 0.9);
        assertThatThrownBy(() -> AlertPolicy.of(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertPolicy.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertPolicy.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertPolicy.of(0.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MonitoredSubject(MonitoredSubject.Kind.CUSTOMER, "c", ComputeHistory.empty(),
                1e25, false, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MonitoredSubject.modification("r", ComputeHistory.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        RunDeclaration scratch = new RunDeclaration("r", null, null, null, null, null, null, DataDomain.GENERAL, null);
        assertThatThrownBy(() -> MonitoredSubject.run("lab/r", scratch, ComputeHistory.empty(), 1e25))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> monitor.forecast(MonitoredSubject.run("lab/r", ComputeHistory.empty()),
                t("2026-01-01T00:00:00Z"), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
