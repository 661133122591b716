package org.computegov.licensing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.licensing.LicensingStatements.SettledJob;
import org.computegov.licensing.admission.Admission;
import org.computegov.licensing.admission.ComputeRate;
import org.computegov.licensing.admission.JobRequest;
import org.computegov.licensing.admission.LicenceJson;
import org.computegov.licensing.admission.LicenceSource;
import org.computegov.licensing.admission.LicenceState;
import org.computegov.licensing.budget.BudgetSnapshot;
import org.computegov.licensing.budget.LicenceBudget;
import org.computegov.licensing.budget.Settlement;
import org.computegov.licensing.service.SacctCompletions;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.ServerWriter;
import org.computegov.registry.statement.Rejection;

/**
 * Licences as the registry's projection has them, each with its budget. Terms, released tranches and standing are read
 * from the {@code licence} table on every decision (one indexed row). The budget is kept in memory for speed (the
 * pre-charge is decided under the budget's lock, so concurrent jobs never together exceed what is free) and is durable:
 *
 * <ul>
 *   <li>an open hold is a row of {@code licensing_local.admission_hold}, committed before admission answers "allow"
 *       ({@link #held});
 *   <li>a settlement is a {@code licence-settlement} statement the server signs ({@link SettlementKind}), projected
 *       into {@code licence_settlement}, after which the hold row is deleted; a server without the regulator's signer
 *       key settles in the hold row instead (durable, not in the log);
 *   <li>a hold whose job reports no usage within its time limit and the grace expires ({@link #expire}): it is settled
 *       the same way at its whole pre-charge, the job marked unreported.
 * </ul>
 *
 * A licence's budget is read back from those rows the first time it is needed after a start ({@link #load}).
 */
final class RegistryLicences implements LicenceSource {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RegistryLicences.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HOLDS = "licensing_local.admission_hold";
    private final Map<String, LicenceBudget> budgets = new ConcurrentHashMap<>();
    private final Map<String, Object> settling = new ConcurrentHashMap<>();
    private final ComputeRate rate;
    private final Clock clock;
    private volatile ReadStore store;
    private volatile ServerWriter writer;

    RegistryLicences(ComputeRate rate, Clock clock) {
        this.rate = rate;
        this.clock = clock;
    }

    /** Licences with a budget in this server's memory (those read since start). */
    Set<String> known() {
        return Set.copyOf(budgets.keySet());
    }

    /** The licence's budget as charged and held now (read back from the records if not read since start). */
    Optional<BudgetSnapshot> budget(String id) {
        try {
            return find(id).map(s -> s.budget().snapshot());
        } catch (Unreachable e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    void attach(ReadStore store) {
        this.store = store;
    }

    void writer(ServerWriter w) {
        this.writer = w;
    }

    /** Whether settlements are signed into the log (else they are kept in the hold rows). */
    boolean signs() {
        return writer != null;
    }

    private record Row(String terms, int released, String standing, String reason) {}

    private ReadStore store() throws Unreachable {
        ReadStore s = store;
        if (s == null) {
            throw new Unreachable("the registry is not started", null);
        }
        return s;
    }

    @Override
    public Optional<LicenceState> find(String id) throws Unreachable {
        ReadStore s = store();
        Optional<Row> row;
        try {
            row = s.get(h -> h.createQuery("SELECT terms, tranches_released, standing, standing_reason FROM licence WHERE id = :id")
                    .bind("id", id).map((rs, c) -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)))
                    .findOne());
        } catch (RuntimeException e) {
            throw new Unreachable("the registry's database did not answer: " + e.getMessage(), e);
        }
        if (row.isEmpty()) {
            return Optional.empty();
        }
        LicenceJson.Terms terms;
        try {
            terms = LicenceJson.parse(JSON.readTree(row.get().terms()));
        } catch (Exception e) {
            throw new IllegalStateException("stored licence " + id + " does not parse", e);
        }
        LicenceBudget budget;
        try {
            budget = budgets.computeIfAbsent(id, k -> load(s, k, terms, row.get().released()));
        } catch (RuntimeException e) {
            throw new Unreachable("the licence's budget could not be read: " + e.getMessage(), e);
        }
        if (!budget.tranches().equals(terms.licence().tranches())) {
            // An amendment changed the budget: the new tranches, the same holds and charges.
            budget.amend(terms.licence().tranches(), row.get().released());
        }
        for (int t = budget.snapshot().tranchesReleased() + 1; t <= row.get().released(); t++) {
            budget.release(t);
        }
        LicenceState.Standing standing = LicenceState.Standing.valueOf(row.get().standing().toUpperCase(java.util.Locale.ROOT));
        return Optional.of(new LicenceState(terms.licence(), standing, row.get().reason(), budget));
    }

    /**
     * A licence's budget from its durable records: settlements logged ({@code licence_settlement}) or kept locally,
     * and the open holds of jobs admitted and not settled. A hold row whose job has a logged settlement (the server
     * stopped between logging it and deleting the row) counts as settled.
     */
    private static LicenceBudget load(ReadStore s, String id, LicenceJson.Terms terms, int released) {
        return s.get(h -> {
            Map<String, Settlement> settled = new LinkedHashMap<>();
            h.createQuery("SELECT hold_id, held_flop, used_flop FROM licence_settlement WHERE licence = :l ORDER BY log_index, hold_id")
                    .bind("l", id).map((rs, c) -> Settlement.of(rs.getString(1), rs.getBigDecimal(2).toBigIntegerExact(),
                            rs.getBigDecimal(3).toBigIntegerExact())).forEach(x -> settled.put(x.holdId(), x));
            record Hold(String id, BigInteger held, BigDecimal used) {}
            List<Hold> rows = h.createQuery("SELECT hold_id, held_flop, used_flop FROM " + HOLDS
                    + " WHERE licence = :l ORDER BY admitted_at, hold_id").bind("l", id)
                    .map((rs, c) -> new Hold(rs.getString(1), rs.getBigDecimal(2).toBigIntegerExact(), rs.getBigDecimal(3))).list();
            Map<String, BigInteger> open = new LinkedHashMap<>();
            for (Hold r : rows) {
                if (settled.containsKey(r.id())) {
                    continue;
                }
                if (r.used() != null) {
                    settled.put(r.id(), Settlement.of(r.id(), r.held(), r.used().toBigIntegerExact()));
                } else {
                    open.put(r.id(), r.held());
                }
            }
            LicenceBudget b = LicenceBudget.restore(terms.licence().tranches(), released, open, settled.values());
            if (!open.isEmpty() || !settled.isEmpty()) {
                LOG.info("licence {}: budget read back: {} open hold(s), {} settlement(s)", id, open.size(), settled.size());
            }
            return b;
        });
    }

    /** Records an admitted job's hold, committed before the admission answers; false when the id is another licence's. */
    @Override
    public boolean held(LicenceState state, JobRequest job, String holdId, BigInteger flop) throws Unreachable {
        ReadStore s = store();
        String licence = state.licence().id();
        try {
            String owner = s.get(h -> {
                h.createUpdate("INSERT INTO " + HOLDS + " (hold_id, licence, provider, cluster, job_ref, chip, chips, held_flop,"
                        + " admitted_at, time_limit_seconds) VALUES (:hold, :l, :p, :c, :ref, :chip, :chips, :flop, :at, :limit)"
                        + " ON CONFLICT (hold_id) DO NOTHING")
                        .bind("hold", holdId).bind("l", licence).bind("p", job.provider()).bind("c", job.cluster())
                        .bind("ref", job.jobRef()).bind("chip", job.chip()).bind("chips", job.chips())
                        .bind("flop", new BigDecimal(flop)).bind("at", Timestamp.from(clock.instant()))
                        .bind("limit", limitSeconds(job.timeLimit())).execute();
                return h.createQuery("SELECT licence FROM " + HOLDS + " WHERE hold_id = :hold").bind("hold", holdId)
                        .mapTo(String.class).one();
            });
            return owner.equals(licence);
        } catch (RuntimeException e) {
            throw new Unreachable("the registry's database did not record the hold: " + e.getMessage(), e);
        }
    }

    /** A time limit in whole seconds, rounded up (a hold never expires before its job's limit). */
    static long limitSeconds(java.time.Duration limit) {
        return limit.getNano() == 0 ? limit.getSeconds() : limit.getSeconds() + 1;
    }

    /** A finished job to settle: its hold, the licence it was admitted under, and what it ran. */
    record Finished(String licence, SettledJob job) {}

    /** What a usage report did: jobs settled now, already settled before, or not admitted here; the licences touched. */
    record UsageResult(int settled, int alreadySettled, int unknown, Set<String> licences) {}

    /** Settles a provider's finished jobs at {@code cluster} (from {@code sacct}), as far as they were admitted here. */
    UsageResult usage(String provider, String cluster, List<SacctCompletions.Completion> done)
            throws Unreachable, InvalidInputException, Rejection {
        ReadStore s = store();
        Map<String, SacctCompletions.Completion> byHold = new LinkedHashMap<>();
        for (SacctCompletions.Completion c : done) {
            byHold.putIfAbsent(provider + "/" + cluster + "/" + c.ref(), c); // a job listed twice settles once
        }
        record Known(String licence, String chip, int chips) {}
        Map<String, Known> known = new LinkedHashMap<>();
        try {
            record Row(String hold, Known known) {}
            s.get(h -> h.createQuery("SELECT hold_id, licence, chip, chips FROM " + HOLDS + " WHERE hold_id = ANY(:ids)"
                    + " UNION ALL SELECT hold_id, licence, chip, chips FROM licence_settlement WHERE hold_id = ANY(:ids)")
                    .bind("ids", byHold.keySet().toArray(new String[0]))
                    .map((rs, c) -> new Row(rs.getString(1), new Known(rs.getString(2), rs.getString(3), rs.getInt(4))))
                    .list()).forEach(r -> known.putIfAbsent(r.hold(), r.known()));
        } catch (RuntimeException e) {
            throw new Unreachable("the registry's database did not answer: " + e.getMessage(), e);
        }
        List<Finished> jobs = new ArrayList<>();
        int unknown = 0;
        for (var e : byHold.entrySet()) {
            Known k = known.get(e.getKey());
            if (k == null) {
                unknown++;
                continue;
            }
            long elapsed = e.getValue().elapsedSeconds();
            jobs.add(new Finished(k.licence(), new SettledJob(provider, cluster, e.getValue().ref(), k.chip(), k.chips(), elapsed,
                    BigInteger.ZERO, Admission.flop(k.chips() * (elapsed / 3600.0) * rate.flopPerChipHour(k.chip())))));
        }
        UsageResult r = settle(jobs);
        return new UsageResult(r.settled(), r.alreadySettled(), unknown, r.licences());
    }

    /**
     * Settles finished jobs, per licence under that licence's settlement lock: jobs settled before are counted and left;
     * the others are recorded (a {@code licence-settlement} statement per licence and up to {@link SettlementKind#MAX_JOBS}
     * jobs, or the hold rows without a server writer) and only then charged in memory, so a budget in memory never
     * shows a settlement the records do not have. A job's {@code heldFlop} is filled in from its open hold.
     */
    UsageResult settle(List<Finished> finished) throws Unreachable, Rejection {
        Map<String, List<SettledJob>> byLicence = new LinkedHashMap<>();
        for (Finished f : finished) {
            byLicence.computeIfAbsent(f.licence(), k -> new ArrayList<>()).add(f.job());
        }
        int settled = 0;
        int again = 0;
        for (var e : byLicence.entrySet()) {
            String licence = e.getKey();
            synchronized (settling.computeIfAbsent(licence, k -> new Object())) {
                LicenceState st = find(licence).orElseThrow(() -> new IllegalStateException("licence " + licence
                        + " of an admitted job is not in the registry"));
                LicenceBudget b = st.budget();
                List<SettledJob> fresh = new ArrayList<>();
                List<String> stale = new ArrayList<>();
                for (SettledJob j : e.getValue()) {
                    if (b.settlement(j.holdId()) != null) {
                        again++;
                        stale.add(j.holdId());
                        continue;
                    }
                    BigInteger held = b.heldFor(j.holdId());
                    if (j.unreported()) {
                        // Charged its whole pre-charge: the hold as the budget has it (the row's figure, given here as
                        // used, when the budget in memory has none: charging it errs on the side of the budget).
                        BigInteger whole = held == null ? j.usedFlop() : held;
                        fresh.add(new SettledJob(j.provider(), j.cluster(), j.jobRef(), j.chip(), j.chips(), j.elapsedSeconds(),
                                whole, whole, true));
                        continue;
                    }
                    fresh.add(new SettledJob(j.provider(), j.cluster(), j.jobRef(), j.chip(), j.chips(), j.elapsedSeconds(),
                            held == null ? BigInteger.ZERO : held, j.usedFlop()));
                }
                record(licence, fresh);
                for (SettledJob j : fresh) {
                    b.settle(j.holdId(), j.usedFlop());
                }
                settled += fresh.size();
                if (writer != null) {
                    List<String> gone = new ArrayList<>(stale);
                    fresh.forEach(j -> gone.add(j.holdId()));
                    forget(gone);
                }
            }
        }
        return new UsageResult(settled, again, 0, byLicence.keySet());
    }

    /**
     * Settles, at their whole pre-charge, the open holds whose job reported no usage by {@code admitted_at} + its time
     * limit + {@code grace} (fail-closed: unreported usage counts at the most the job could have used, so a provider that
     * never reports cannot overrun a budget). Each goes through {@link #settle} as a job marked unreported, under its
     * licence's settlement lock: a job settled meanwhile by a usage report is left as that report settled it, and two
     * sweeps at once settle each hold once. A hold from before its time limit was recorded (migration V5) has its limit
     * derived from its pre-charge ({@link #derivedLimit}).
     *
     * @return the holds settled now (as {@code settled}) and the licences they were under
     */
    UsageResult expire(java.time.Instant now, java.time.Duration grace) throws Unreachable, Rejection {
        ReadStore s = store();
        record Open(String hold, String licence, String provider, String cluster, String chip, int chips, BigInteger held,
                java.time.Instant admitted, Long limit) {}
        List<Open> rows;
        try {
            rows = s.get(h -> h.createQuery("SELECT hold_id, licence, provider, cluster, chip, chips, held_flop, admitted_at,"
                    + " time_limit_seconds FROM " + HOLDS + " WHERE used_flop IS NULL AND admitted_at <= :cutoff AND"
                    + " (time_limit_seconds IS NULL OR admitted_at + time_limit_seconds * interval '1 second' <= :cutoff)"
                    + " ORDER BY licence, admitted_at, hold_id").bind("cutoff", Timestamp.from(now.minus(grace)))
                    .map((rs, c) -> {
                        long seconds = rs.getLong(9);
                        Long limit = rs.wasNull() ? null : seconds;
                        return new Open(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getInt(6), rs.getBigDecimal(7).toBigIntegerExact(), rs.getTimestamp(8).toInstant(), limit);
                    }).list());
        } catch (RuntimeException e) {
            throw new Unreachable("the registry's database did not answer: " + e.getMessage(), e);
        }
        List<Finished> due = new ArrayList<>();
        for (Open o : rows) {
            long limit = o.limit() != null ? o.limit() : derivedLimit(o.hold(), o.chip(), o.chips(), o.held());
            if (o.admitted().plusSeconds(limit).plus(grace).isAfter(now)) {
                continue;
            }
            // The job reference is the hold id's tail (a job admitted without one has a generated id there).
            String jobRef = o.hold().substring(o.provider().length() + o.cluster().length() + 2);
            due.add(new Finished(o.licence(), new SettledJob(o.provider(), o.cluster(), jobRef, o.chip(), o.chips(), limit,
                    o.held(), o.held(), true)));
        }
        if (due.isEmpty()) {
            return new UsageResult(0, 0, 0, Set.of());
        }
        UsageResult r = settle(due);
        if (r.settled() > 0) {
            LOG.info("{} admission hold(s) expired without a usage report (time limit + {} grace) and were charged in full,"
                    + " under licence(s) {}", r.settled(), grace, r.licences());
        }
        return r;
    }

    /**
     * The time limit of a hold recorded before limits were (migration V5), from its pre-charge: admission held chips ×
     * limit × the FLOP per chip-hour, so the limit is held ÷ (chips × that rate), exact while the hardware catalog is the
     * same (rounded up: a hold expires no earlier than its job's limit). A chip the catalog no longer has gives 0, and the
     * hold expires at admission + grace.
     */
    long derivedLimit(String hold, String chip, int chips, BigInteger held) {
        try {
            double perChipHour = rate.flopPerChipHour(chip);
            if (chips > 0 && perChipHour > 0) {
                return (long) Math.ceil(held.doubleValue() / (chips * perChipHour) * 3600.0);
            }
        } catch (InvalidInputException e) {
            // below
        }
        LOG.warn("hold {} has no recorded time limit and its chip {} is not in the catalog: it expires at admission + grace",
                hold, chip);
        return 0;
    }

    /** What a licence was charged for jobs whose usage was never reported (settled at their whole pre-charge). */
    record Unreported(BigInteger flop, int jobs) {}

    /** Unreported jobs' charges: logged settlements, and those settled in hold rows by a server without a signer key. */
    static Unreported unreported(org.jdbi.v3.core.Handle h, String licence) {
        return h.createQuery("SELECT coalesce(sum(used_flop), 0), count(*) FROM (SELECT used_flop FROM licence_settlement"
                + " WHERE licence = :l AND unreported UNION ALL SELECT a.used_flop FROM " + HOLDS + " a WHERE a.licence = :l"
                + " AND a.unreported AND a.used_flop IS NOT NULL AND NOT EXISTS (SELECT 1 FROM licence_settlement s"
                + " WHERE s.hold_id = a.hold_id)) u").bind("l", licence)
                .map((rs, c) -> new Unreported(rs.getBigDecimal(1).toBigIntegerExact(), rs.getInt(2))).one();
    }

    /** A read that may refuse, run under a licence's settlement lock. */
    interface LockedRead<T> {
        T read() throws Rejection;
    }

    /**
     * Runs {@code read} under the licence's settlement lock, so that its budget in memory and its settlement records
     * read together agree (no settlement is between being recorded and being charged).
     */
    <T> T whileSettled(String licence, LockedRead<T> read) throws Rejection {
        synchronized (settling.computeIfAbsent(licence, k -> new Object())) {
            return read.read();
        }
    }

    private void record(String licence, List<SettledJob> jobs) throws Unreachable, Rejection {
        if (jobs.isEmpty()) {
            return;
        }
        ReadStore s = store();
        ServerWriter w = writer;
        if (w != null) {
            for (int from = 0; from < jobs.size(); from += SettlementKind.MAX_JOBS) {
                w.submit(LicensingStatements.settlement(w.writer(), licence,
                        jobs.subList(from, Math.min(jobs.size(), from + SettlementKind.MAX_JOBS))));
            }
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        try {
            s.get(h -> {
                for (SettledJob j : jobs) {
                    // Usage without a hold (a job admitted elsewhere, the demo's overrun) gets a row of its own.
                    h.createUpdate("INSERT INTO " + HOLDS + " (hold_id, licence, provider, cluster, job_ref, chip, chips,"
                            + " held_flop, admitted_at, used_flop, settled_at, elapsed_seconds, unreported) VALUES (:hold, :l, :p,"
                            + " :c, :ref, :chip, :chips, 0, :at, :used, :at, :e, :u) ON CONFLICT (hold_id) DO UPDATE SET"
                            + " used_flop = :used, settled_at = :at, elapsed_seconds = :e, unreported = :u WHERE " + HOLDS
                            + ".used_flop IS NULL")
                            .bind("hold", j.holdId()).bind("l", licence).bind("p", j.provider()).bind("c", j.cluster())
                            .bind("ref", j.jobRef()).bind("chip", j.chip()).bind("chips", j.chips()).bind("at", now)
                            .bind("used", new BigDecimal(j.usedFlop())).bind("e", j.elapsedSeconds())
                            .bind("u", j.unreported()).execute();
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw new Unreachable("the registry's database did not record the settlement: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes open hold rows whose settlement is in the log (a failure only leaves rows that a restart reads as settled);
     * rows settled locally (by a server without a signer key) are the only record of their settlement and stay.
     */
    private void forget(List<String> holds) {
        if (holds.isEmpty()) {
            return;
        }
        try {
            store.get(h -> h.createUpdate("DELETE FROM " + HOLDS + " WHERE hold_id = ANY(:ids) AND used_flop IS NULL")
                    .bind("ids", holds.toArray(new String[0])).execute());
        } catch (RuntimeException e) {
            LOG.warn("settled holds stay recorded until the next settlement: {}", e.getMessage());
        }
    }
}
