package org.computegov.accounting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.time.temporal.ChronoUnit;
import org.computegov.registry.usage.AttributedUsage;
import java.util.Set;
import org.computegov.knowledge.thresholds.DueObligation;
import org.computegov.registry.monitoring.Alert;
import org.computegov.registry.monitoring.Assessment;
import org.computegov.registry.monitoring.ComputeHistory;
import org.computegov.registry.monitoring.ComputeIncrement;
import org.computegov.registry.monitoring.Forecast;
import org.computegov.registry.monitoring.MonitoredSubject;
import org.computegov.registry.monitoring.RegimeAssessment;
import org.computegov.registry.monitoring.ThresholdMonitor;
import org.computegov.registry.usage.UsageRecord;
import org.computegov.customers.Ownership;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.Notice;
import org.computegov.registry.monitoring.AlertPolicy;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Threshold monitoring over the projection: whenever a subject's compute changes (usage reported or corrected, an
 * account's owners changed, a run declared), its findings, obligations and alerts are recomputed from the usage
 * rows and replaced. Subjects: a training run ({@code <developer>/<run>}, counted cumulatively over its base models),
 * a beneficial owner (every account it owns at every provider: a run split across accounts or providers is seen
 * whole), and a customer account ({@code <provider>/<customer>}). Histories are hourly: an hour's compute counts at
 * the latest end time within it. Everything here is a function of the tables, so replay reproduces it.
 */
public final class Monitoring {
    public static final String RUN = "run";
    public static final String OWNER = "owner";
    public static final String CUSTOMER = "customer";
    private final ThresholdMonitor monitor;
    private final Ownership ownership;

    Monitoring(RegimeCatalog regimes, AlertPolicy alerts, Ownership ownership) {
        this.monitor = new ThresholdMonitor(regimes, alerts);
        this.ownership = ownership;
    }

    /** An alert that a change made fire (it was not there before); fraction 1 is the threshold itself, crossed. */
    public record Fired(String subjectKind, String subject, String regime, double fraction, double threshold,
            Instant reachedAt) {
        public ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("subjectKind", subjectKind).put("subject", subject).put("regime", regime).put("fraction", fraction)
                    .put("threshold", threshold).put("reachedAt", reachedAt.toString()).put("crossed", crossed());
            return o;
        }

        public boolean crossed() {
            return fraction >= 1;
        }

        /** The alert as the kernel passes it on: readable by the run's developer or the account's provider. */
        Notice notice() {
            String readableBy = subjectKind.equals(OWNER) ? null : subject.substring(0, subject.indexOf('/'));
            return new Notice(readableBy, toJson(), (crossed() ? "threshold crossed: " : "threshold alert: ") + describe());
        }

        public String describe() {
            if (crossed()) {
                return String.format(Locale.ROOT, "%s %s crossed %s (%.3g) at %s", subjectKind, subject, regime, threshold,
                        reachedAt);
            }
            return String.format(Locale.ROOT, "%s %s reached %.0f%% of %s (%.3g) at %s", subjectKind, subject,
                    fraction * 100, regime, threshold, reachedAt);
        }
    }

    /**
     * Adds new usage to the hourly buckets of its account and its run. Sums are formed in the batch's order and added
     * to the stored bucket, the same operations in the same order on replay, so the doubles come out identical.
     */
    static void addToBuckets(Handle h, Collection<AttributedUsage> usage) {
        record Key(String kind, String id, Instant hour) {}
        Map<Key, double[]> sums = new LinkedHashMap<>(); // flop, records, last end (epoch seconds)
        for (AttributedUsage a : usage) {
            UsageRecord r = a.record();
            Instant hour = r.end().truncatedTo(ChronoUnit.HOURS);
            List<Key> keys = new ArrayList<>(List.of(new Key(CUSTOMER, r.provider() + "/" + r.customer(), hour)));
            r.runId().ifPresent(run -> keys.add(new Key(RUN, run, hour)));
            for (Key k : keys) {
                double[] v = sums.computeIfAbsent(k, x -> new double[] {0, 0, Long.MIN_VALUE});
                v[0] += a.flop();
                v[1]++;
                v[2] = Math.max(v[2], r.end().getEpochSecond());
            }
        }
        PreparedBatch up = h.prepareBatch("""
                INSERT INTO compute_hour (subject_kind, subject_id, hour, last_end, flop, records) VALUES (:k, :s, :h, :e, :f, :n)
                ON CONFLICT (subject_kind, subject_id, hour) DO UPDATE SET flop = compute_hour.flop + EXCLUDED.flop,
                    records = compute_hour.records + EXCLUDED.records, last_end = greatest(compute_hour.last_end, EXCLUDED.last_end)""");
        for (var e : sums.entrySet()) {
            up.bind("k", e.getKey().kind()).bind("s", e.getKey().id()).bind("h", Timestamp.from(e.getKey().hour()))
                    .bind("e", Timestamp.from(Instant.ofEpochSecond((long) e.getValue()[2]))).bind("f", e.getValue()[0])
                    .bind("n", (int) e.getValue()[1]).add();
        }
        if (up.size() > 0) {
            up.execute();
        }
        AccountTotals.add(h, usage);
    }

    /**
     * Rebuilds the buckets of the accounts and runs a correction touched from their usage rows (in record-id order,
     * so the sums are reproducible): a withdrawn record's compute cannot simply be subtracted from a latest-end.
     */
    static void rebuildBuckets(Handle h, Collection<UsageRecord> touched) {
        AccountTotals.rebuild(h, touched);
        Set<String> accounts = new LinkedHashSet<>();
        Set<String> runs = new LinkedHashSet<>();
        for (UsageRecord r : touched) {
            accounts.add(r.provider() + "/" + r.customer());
            r.runId().ifPresent(runs::add);
        }
        for (String a : accounts) {
            h.createUpdate("DELETE FROM compute_hour WHERE subject_kind = 'customer' AND subject_id = :s").bind("s", a).execute();
            h.createUpdate("""
                    INSERT INTO compute_hour (subject_kind, subject_id, hour, last_end, flop, records)
                    SELECT 'customer', :s, date_trunc('hour', end_at), max(end_at), sum(flop ORDER BY record_id), count(*)
                    FROM usage_record WHERE NOT withdrawn AND provider = :p AND customer_id = :c GROUP BY 3""")
                    .bind("s", a).bind("p", a.substring(0, a.indexOf('/'))).bind("c", a.substring(a.indexOf('/') + 1)).execute();
        }
        for (String run : runs) {
            h.createUpdate("DELETE FROM compute_hour WHERE subject_kind = 'run' AND subject_id = :s").bind("s", run).execute();
            h.createUpdate("""
                    INSERT INTO compute_hour (subject_kind, subject_id, hour, last_end, flop, records)
                    SELECT 'run', :s, date_trunc('hour', end_at), max(end_at), sum(flop ORDER BY record_id), count(*)
                    FROM usage_record WHERE NOT withdrawn AND run_id = :s GROUP BY 3""").bind("s", run).execute();
        }
    }

    List<Fired> afterUsage(Handle h, Collection<UsageRecord> records) {
        Set<String> customers = new LinkedHashSet<>();
        Set<String> runs = new LinkedHashSet<>();
        for (UsageRecord r : records) {
            customers.add(r.provider() + "/" + r.customer());
            r.runId().ifPresent(runs::add);
        }
        List<Fired> fired = new ArrayList<>();
        for (String c : customers) {
            fired.addAll(reassess(h, CUSTOMER, c));
        }
        for (String o : ownersOf(h, customers)) {
            fired.addAll(reassess(h, OWNER, o));
        }
        for (String run : runs) {
            fired.addAll(afterRun(h, run));
        }
        return fired;
    }

    List<Fired> afterCustomer(Handle h, String provider, String customer, Collection<String> ownersBefore) {
        List<Fired> fired = new ArrayList<>(reassess(h, CUSTOMER, provider + "/" + customer));
        Set<String> owners = new LinkedHashSet<>(ownersBefore);
        owners.addAll(ownersOf(h, List.of(provider + "/" + customer)));
        for (String o : owners) {
            fired.addAll(reassess(h, OWNER, o));
        }
        return fired;
    }

    /** A run and every run built on it: their cumulative compute includes this one's. */
    List<Fired> afterRun(Handle h, String run) {
        List<Fired> fired = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(run));
        while (!todo.isEmpty()) {
            String r = todo.remove(todo.size() - 1);
            if (!seen.add(r)) {
                continue;
            }
            fired.addAll(reassess(h, RUN, r));
            todo.addAll(h.createQuery("SELECT developer || '/' || run_id FROM run WHERE base_run = :r").bind("r", r)
                    .mapTo(String.class).list());
        }
        return fired;
    }

    List<String> ownersOf(Handle h, Collection<String> accounts) {
        return ownership.ownersOf(h, accounts);
    }

    /** Recomputes one subject's rows; returns the alerts and the crossings that were not there before. */
    List<Fired> reassess(Handle h, String kind, String id) {
        MonitoredSubject subject = subject(h, kind, id);
        Set<String> crossedBefore = new HashSet<>(h.createQuery(
                "SELECT regime FROM finding WHERE subject_kind = :k AND subject_id = :s AND verdict = 'CROSSED'")
                .bind("k", kind).bind("s", id).mapTo(String.class).list());
        Set<String> before = new HashSet<>(h.createQuery(
                "SELECT regime, fraction FROM alert WHERE subject_kind = :k AND subject_id = :s")
                .bind("k", kind).bind("s", id).map((rs, c) -> rs.getString(1) + "|" + rs.getDouble(2)).list());
        for (String table : List.of("finding", "obligation", "alert")) {
            h.createUpdate("DELETE FROM " + table + " WHERE subject_kind = :k AND subject_id = :s").bind("k", kind)
                    .bind("s", id).execute();
        }
        if (subject == null) {
            return List.of();
        }
        // A run with no usage yet but a base model's compute is assessed as of its declaration: a fine-tune of a
        // model that crossed shows its findings at once (the time is the signed statement's, so replay agrees).
        Instant declaredAt = subject.history().isEmpty() ? declaredAt(h, id) : null;
        Assessment a = declaredAt != null ? monitor.assess(subject, declaredAt) : monitor.assess(subject);
        // One batch per table: a usage statement touches tens of subjects, each with rows for every regime.
        PreparedBatch findings = h.prepareBatch("""
                INSERT INTO finding (subject_kind, subject_id, regime, verdict, in_force, measured, threshold, crossed_at)
                VALUES (:k, :s, :r, :v, :f, :m, :t, :c)""");
        PreparedBatch obligations = h.prepareBatch("""
                INSERT INTO obligation (subject_kind, subject_id, regime, what, due_by, citation)
                VALUES (:k, :s, :r, :w, :d, :c) ON CONFLICT DO NOTHING""");
        for (RegimeAssessment r : a.regimes()) {
            if (!r.applicable()) {
                continue;
            }
            findings.bind("k", kind).bind("s", id).bind("r", r.regimeId()).bind("v", r.finding().verdict().name())
                    .bind("f", r.finding().inForce()).bind("m", r.measured()).bind("t", r.threshold())
                    .bind("c", r.crossedAt() == null ? null : Timestamp.from(r.crossedAt())).add();
            if (r.binding()) {
                for (DueObligation o : r.finding().obligations()) {
                    obligations.bind("k", kind).bind("s", id).bind("r", r.regimeId()).bind("w", o.what())
                            .bind("d", o.dueBy() == null ? null : Date.valueOf(o.dueBy())).bind("c", o.citation()).add();
                }
            }
        }
        PreparedBatch alerts = h.prepareBatch("""
                INSERT INTO alert (subject_kind, subject_id, regime, fraction, threshold, reached_at)
                VALUES (:k, :s, :r, :f, :t, :at)""");
        List<Fired> fired = new ArrayList<>();
        for (RegimeAssessment r : a.regimes()) {
            // A threshold crossed by this change, said as plainly as its alerts (fraction 1: the threshold itself).
            Instant at = r.crossedAt() != null ? r.crossedAt() : declaredAt;
            if (r.applicable() && r.finding().verdict() == org.computegov.knowledge.thresholds.Verdict.CROSSED
                    && at != null && !crossedBefore.contains(r.regimeId())) {
                fired.add(new Fired(kind, id, r.regimeId(), 1.0, r.threshold(), at));
            }
        }
        for (Alert al : a.alerts()) {
            alerts.bind("k", kind).bind("s", id).bind("r", al.regimeId()).bind("f", al.fraction())
                    .bind("t", al.threshold()).bind("at", Timestamp.from(al.reachedAt())).add();
            if (!before.contains(al.regimeId() + "|" + al.fraction())) {
                fired.add(new Fired(kind, id, al.regimeId(), al.fraction(), al.threshold(), al.reachedAt()));
            }
        }
        for (PreparedBatch b : List.of(findings, obligations, alerts)) {
            if (b.size() > 0) {
                b.execute();
            }
        }
        return fired;
    }

    /** The subject as the monitor sees it, or null when it has no compute yet. */
    MonitoredSubject subject(Handle h, String kind, String id) {
        switch (kind) {
            case CUSTOMER -> {
                ComputeHistory history = history(h, CUSTOMER, id);
                return history.isEmpty() ? null : MonitoredSubject.customer(id, history);
            }
            case OWNER -> {
                List<ComputeHistory> accounts = new ArrayList<>();
                for (String account : ownership.accountsOf(h, id)) {
                    accounts.add(history(h, CUSTOMER, account));
                }
                ComputeHistory merged = ComputeHistory.merge(accounts);
                return merged.isEmpty() ? null : MonitoredSubject.beneficialOwner(id, accounts);
            }
            case RUN -> {
                ComputeHistory history = history(h, RUN, id);
                RunRow run = runRow(h, id);
                Double base = run == null ? null : baseFlop(h, run, new HashSet<>());
                if (base != null && !(base > 0)) {
                    base = null; // a declared base run without usage yet: nothing to count before this run
                }
                if (history.isEmpty() && base == null) {
                    return null;
                }
                MonitoredSubject s = base == null ? MonitoredSubject.run(id, history)
                        : MonitoredSubject.modification(id, history, base);
                if (run != null) {
                    s = s.withBiologicalSequenceData(run.bio()).withCostUsd(run.costUsd());
                }
                return s;
            }
            default -> throw new IllegalArgumentException("unknown subject kind " + kind);
        }
    }

    /** When the run's current declaration was signed (the statement that wrote its row). */
    private static Instant declaredAt(Handle h, String id) {
        return h.createQuery("""
                SELECT s.issued_at FROM run r JOIN statement s ON s.log_index = r.log_index
                WHERE r.developer || '/' || r.run_id = :id""")
                .bind("id", id).map((rs, c) -> rs.getTimestamp(1).toInstant()).findFirst().orElse(null);
    }

    record RunRow(String id, String baseRun, Double baseModelFlop, boolean bio, Double costUsd) {}

    private static RunRow runRow(Handle h, String id) {
        return h.createQuery("SELECT base_run, base_model_flop, data_domain, cost_usd FROM run WHERE developer || '/' || run_id = :id")
                .bind("id", id).map((rs, c) -> new RunRow(id, rs.getString(1), (Double) rs.getObject(2),
                        "biological-sequence".equals(rs.getString(3)), (Double) rs.getObject(4)))
                .findFirst().orElse(null);
    }

    /** The cumulative compute of a run's base: the base run's own usage plus its base, down the chain. */
    private static Double baseFlop(Handle h, RunRow run, Set<String> seen) {
        if (run.baseModelFlop() != null) {
            return run.baseModelFlop();
        }
        if (run.baseRun() == null || !seen.add(run.id())) {
            return null;
        }
        double own = ownFlop(h, run.baseRun());
        RunRow base = runRow(h, run.baseRun());
        Double below = base == null ? null : baseFlop(h, base, seen);
        return own + (below == null ? 0 : below);
    }

    /** A run's own compute: its buckets summed in hour order (the order replay uses too). */
    private static double ownFlop(Handle h, String run) {
        double sum = 0;
        for (ComputeIncrement i : history(h, RUN, run).increments()) {
            sum += i.flop();
        }
        return sum;
    }

    private static ComputeHistory history(Handle h, String kind, String id) {
        return ComputeHistory.of(h.createQuery("SELECT last_end, flop FROM compute_hour WHERE subject_kind = :k AND subject_id = :s ORDER BY hour")
                .bind("k", kind).bind("s", id).map((rs, c) -> new ComputeIncrement(rs.getTimestamp(1).toInstant(), rs.getDouble(2))).list());
    }

    /** A run's compute for reads: its own usage, its base's cumulative compute, and how many records. */
    public record Compute(double own, Double base, long records) {}

    Compute runCompute(Handle h, String id) {
        RunRow run = runRow(h, id);
        Double base = run == null ? null : baseFlop(h, run, new HashSet<>());
        long records = h.createQuery("SELECT coalesce(sum(records), 0) FROM compute_hour WHERE subject_kind = 'run' AND subject_id = :r")
                .bind("r", id).mapTo(Long.class).one();
        return new Compute(ownFlop(h, id), base, records);
    }

    /** When the subject will cross its next threshold at its recent burn rate; computed at read time (it needs now). */
    ObjectNode forecast(Handle h, String kind, String id, Instant now, Duration window) {
        MonitoredSubject s = subject(h, kind, id);
        if (s == null) {
            return null;
        }
        Forecast f = monitor.forecast(s, now, window);
        ObjectNode o = Json.object();
        o.put("now", f.now().toString());
        o.put("windowDays", f.window().toDays());
        o.put("windowFlop", f.windowFlop());
        o.put("flopPerSecond", f.flopPerSecond());
        if (f.next() != null) {
            ObjectNode n = o.putObject("next");
            n.put("regime", f.next().regimeId());
            n.put("name", f.next().name());
            n.put("threshold", f.next().threshold());
            n.put("measured", f.next().measured());
            n.put("remainingFlop", f.next().remainingFlop());
            if (f.next().estimatedAt() != null) {
                n.put("estimatedAt", f.next().estimatedAt().toString());
                n.put("daysToReach", f.next().timeToReach().toSeconds() / 86400.0);
            }
        }
        return o;
    }
}
