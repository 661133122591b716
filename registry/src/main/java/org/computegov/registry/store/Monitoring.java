package org.computegov.registry.store;

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
import java.util.Locale;
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
import org.jdbi.v3.core.Handle;

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

    Monitoring(RegistryRules rules) {
        this.monitor = new ThresholdMonitor(rules.regimes(), rules.alerts());
    }

    /** An alert that a change made fire (it was not there before). */
    public record Fired(String subjectKind, String subject, String regime, double fraction, double threshold,
            Instant reachedAt) {
        public ObjectNode toJson() {
            ObjectNode o = Projector.JSON.createObjectNode();
            o.put("subjectKind", subjectKind).put("subject", subject).put("regime", regime).put("fraction", fraction)
                    .put("threshold", threshold).put("reachedAt", reachedAt.toString());
            return o;
        }

        public String describe() {
            return String.format(Locale.ROOT, "%s %s reached %.0f%% of %s (%.3g) at %s", subjectKind, subject,
                    fraction * 100, regime, threshold, reachedAt);
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

    static List<String> ownersOf(Handle h, Collection<String> accounts) {
        if (accounts.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT DISTINCT owner_key FROM beneficial_owner WHERE provider || '/' || customer_id = ANY(:a) ORDER BY 1")
                .bindArray("a", String.class, accounts).mapTo(String.class).list();
    }

    /** Recomputes one subject's rows; returns the alerts that were not there before. */
    List<Fired> reassess(Handle h, String kind, String id) {
        MonitoredSubject subject = subject(h, kind, id);
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
        Assessment a = monitor.assess(subject);
        for (RegimeAssessment r : a.regimes()) {
            if (!r.applicable()) {
                continue;
            }
            h.createUpdate("""
                    INSERT INTO finding (subject_kind, subject_id, regime, verdict, in_force, measured, threshold, crossed_at)
                    VALUES (:k, :s, :r, :v, :f, :m, :t, :c)""")
                    .bind("k", kind).bind("s", id).bind("r", r.regimeId()).bind("v", r.finding().verdict().name()).bind("f", r.finding().inForce())
                    .bind("m", r.measured()).bind("t", r.threshold())
                    .bind("c", r.crossedAt() == null ? null : Timestamp.from(r.crossedAt())).execute();
            if (r.binding()) {
                for (DueObligation o : r.finding().obligations()) {
                    h.createUpdate("""
                            INSERT INTO obligation (subject_kind, subject_id, regime, what, due_by, citation)
                            VALUES (:k, :s, :r, :w, :d, :c) ON CONFLICT DO NOTHING""")
                            .bind("k", kind).bind("s", id).bind("r", r.regimeId()).bind("w", o.what())
                            .bind("d", o.dueBy() == null ? null : Date.valueOf(o.dueBy())).bind("c", o.citation()).execute();
                }
            }
        }
        List<Fired> fired = new ArrayList<>();
        for (Alert al : a.alerts()) {
            h.createUpdate("""
                    INSERT INTO alert (subject_kind, subject_id, regime, fraction, threshold, reached_at)
                    VALUES (:k, :s, :r, :f, :t, :at)""")
                    .bind("k", kind).bind("s", id).bind("r", al.regimeId()).bind("f", al.fraction())
                    .bind("t", al.threshold()).bind("at", Timestamp.from(al.reachedAt())).execute();
            if (!before.contains(al.regimeId() + "|" + al.fraction())) {
                fired.add(new Fired(kind, id, al.regimeId(), al.fraction(), al.threshold(), al.reachedAt()));
            }
        }
        return fired;
    }

    /** The subject as the monitor sees it, or null when it has no compute yet. */
    MonitoredSubject subject(Handle h, String kind, String id) {
        switch (kind) {
            case CUSTOMER -> {
                ComputeHistory history = history(h, "provider || '/' || customer_id = :id", id);
                return history.isEmpty() ? null : MonitoredSubject.customer(id, history);
            }
            case OWNER -> {
                ComputeHistory history = history(h, "(provider, customer_id) IN (SELECT provider, customer_id"
                        + " FROM beneficial_owner WHERE owner_key = :id)", id);
                return history.isEmpty() ? null : MonitoredSubject.beneficialOwner(id, List.of(history));
            }
            case RUN -> {
                ComputeHistory history = history(h, "run_id = :id", id);
                if (history.isEmpty()) {
                    return null;
                }
                RunRow run = runRow(h, id);
                Double base = run == null ? null : baseFlop(h, run, new HashSet<>());
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

    private static double ownFlop(Handle h, String run) {
        return h.createQuery("SELECT coalesce(sum(flop), 0) FROM usage_record WHERE NOT withdrawn AND run_id = :r")
                .bind("r", run).mapTo(Double.class).one();
    }

    private static ComputeHistory history(Handle h, String where, String id) {
        List<ComputeIncrement> increments = h.createQuery("SELECT max(end_at), sum(flop) FROM usage_record WHERE NOT withdrawn AND "
                + where + " GROUP BY date_trunc('hour', end_at) ORDER BY 1")
                .bind("id", id).map((rs, c) -> new ComputeIncrement(rs.getTimestamp(1).toInstant(), rs.getDouble(2))).list();
        return ComputeHistory.of(increments);
    }

    /** A run's compute for reads: its own usage, its base's cumulative compute, and how many records. */
    public record Compute(double own, Double base, long records) {}

    Compute runCompute(Handle h, String id) {
        RunRow run = runRow(h, id);
        Double base = run == null ? null : baseFlop(h, run, new HashSet<>());
        long records = h.createQuery("SELECT count(*) FROM usage_record WHERE NOT withdrawn AND run_id = :r").bind("r", id)
                .mapTo(Long.class).one();
        return new Compute(ownFlop(h, id), base, records);
    }

    /** When the subject will cross its next threshold at its recent burn rate; computed at read time (it needs now). */
    ObjectNode forecast(Handle h, String kind, String id, Instant now, Duration window) {
        MonitoredSubject s = subject(h, kind, id);
        if (s == null) {
            return null;
        }
        Forecast f = monitor.forecast(s, now, window);
        ObjectNode o = Projector.JSON.createObjectNode();
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
