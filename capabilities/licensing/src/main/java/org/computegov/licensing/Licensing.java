package org.computegov.licensing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.computegov.licensing.admission.Admission;
import org.computegov.licensing.admission.AdmissionPolicy;
import org.computegov.licensing.admission.ComputeRate;
import org.computegov.licensing.admission.JobRequest;
import org.computegov.licensing.admission.LicenceSource;
import org.computegov.licensing.admission.LicenceState;
import org.computegov.licensing.service.AdmissionJson;
import org.computegov.licensing.application.LicensingRegimes;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Routes;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;

/**
 * Pre-training authorization: licences with compute budgets released in tranches, their standing, and admission of
 * jobs at authorized providers against them ({@code POST /api/v1/admission/decide}, signed by the provider).
 *
 * <p>Holds of jobs whose usage is never reported expire ({@link #expireHolds}): at start, once the registry is
 * attached, then every {@link #SWEEP_EVERY} on a daemon thread that {@link #close} stops (the registry closes its
 * capabilities before its pool).
 */
@Published
public final class Licensing implements Capability {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Licensing.class);
    /** How long after its time limit an admitted job's usage may still be reported before its hold expires. */
    public static final Duration DEFAULT_HOLD_GRACE = Duration.ofDays(7);
    /** How often holds are swept for expiry while the server runs. */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
    private final RegistryLicences licences;
    private final Admission admission;
    private final ComputeRate rate;
    private final LicensingRegimes regimes;
    private final Metering metering = new Metering();
    private final Clock clock;
    private final Duration holdGrace;
    private ScheduledExecutorService sweeper;
    private final AdmissionDecisions decisions;

    public Licensing(ComputeRate rate, AdmissionPolicy policy, Clock clock) {
        this(rate, policy, clock, LicensingRegimes.builtIn());
    }

    /** With the regulator's licensing regimes (which runs need a licence; {@code cgov serve --licensing-regimes}). */
    public Licensing(ComputeRate rate, AdmissionPolicy policy, Clock clock, LicensingRegimes regimes) {
        this(rate, policy, clock, regimes, DEFAULT_HOLD_GRACE, AdmissionDecisions.DEFAULT_RETENTION);
    }

    /**
     * With the grace after a job's time limit within which its usage must be reported ({@code cgov serve --hold-grace}:
     * a hold still open at admission + time limit + grace is settled at its whole pre-charge), and how long admission
     * decisions are kept in the decision record ({@code cgov serve --decision-retention}, default 90 days;
     * docs/LICENSING.md, "Decision record").
     */
    public Licensing(ComputeRate rate, AdmissionPolicy policy, Clock clock, LicensingRegimes regimes, Duration holdGrace,
            Duration decisionRetention) {
        if (holdGrace == null || holdGrace.isNegative()) {
            throw new IllegalArgumentException("the hold grace must be zero or more, got " + holdGrace);
        }
        this.decisions = new AdmissionDecisions(clock, decisionRetention);
        this.licences = new RegistryLicences(rate, clock);
        this.admission = new Admission(licences, rate, policy, clock);
        this.rate = rate;
        this.regimes = regimes;
        this.clock = clock;
        this.holdGrace = holdGrace;
    }

    /** The grace after a job's time limit within which its usage must be reported. */
    public Duration holdGrace() {
        return holdGrace;
    }

    /**
     * Settles, each at its whole pre-charge and marked unreported, the holds whose job reported no usage by admission +
     * time limit + {@link #holdGrace} as of this capability's clock, then records the burn-down alerts that shows (used
     * grows by what was held; available does not change). Idempotent, and safe beside usage settlements and other sweeps
     * (each licence's settlements are serialized). Runs at start and every {@link #SWEEP_EVERY}.
     *
     * @return how many holds expired now
     */
    public int expireHolds() throws LicenceSource.Unreachable, Rejection {
        RegistryLicences.UsageResult r = licences.expire(clock.instant(), holdGrace);
        for (String l : r.licences()) {
            licences.find(l).ifPresent(st -> metering.observe(attached, l, st.budget().snapshot(), clock.instant(), false));
        }
        return r.settled();
    }

    private void sweep() {
        try {
            expireHolds();
        } catch (Exception e) { // a sweep that fails is tried again at the next one
            LOG.warn("expiring admission holds failed (tried again in {}): {}", SWEEP_EVERY, e.toString());
        }
    }

    /**
     * Stops the periodic sweep, letting one in progress finish (it may be signing a settlement), then writes the
     * decisions still queued for the decision record and stops its writer. The registry calls it before its pool closes.
     */
    @Override
    public synchronized void close() {
        ScheduledExecutorService s = sweeper;
        sweeper = null;
        try {
            stop(s);
        } finally {
            decisions.close();
        }
    }

    private static void stop(ScheduledExecutorService s) {
        if (s == null) {
            return;
        }
        s.shutdown();
        try {
            if (!s.awaitTermination(30, TimeUnit.SECONDS)) {
                s.shutdownNow();
            }
        } catch (InterruptedException e) {
            s.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void startSweeping() {
        if (sweeper != null) {
            return;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "licensing-hold-expiry");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return "licensing";
    }

    @Override
    public List<StatementKind<?>> kinds() {
        List<StatementKind<?>> all = new java.util.ArrayList<>(LicenceKinds.all(licences));
        all.add(new ApplicationKinds.Apply(rate, regimes));
        all.add(new ApplicationKinds.Decide());
        all.add(new ApplicationKinds.Ack());
        all.add(new MeterKind());
        all.add(new SettlementKind());
        return all;
    }

    @Override
    public void serverWriter(org.computegov.registry.kernel.ServerWriter writer) {
        metering.writer(writer);
        licences.writer(writer);
    }

    @Override
    public String migrations() {
        return "db/licensing";
    }

    /**
     * Two licences: frontier-lab's run near its released budget (jobs at cloud-a admitted and settled in this server),
     * and bio-lab's exhausted one, suspended with the reason naming the providers told. The jobs are admitted and
     * settled as any (hold rows, licence-settlement statements), so the usage is there after a restart.
     */
    @Override
    public void demo(org.computegov.registry.kernel.DemoWorld world) throws Exception {
        var regulator = world.as("regulator");
        java.time.Instant today = world.today();
        // frontier-lab applies (1.25e26 FLOP: above the demo's 1e26 regime) and the regulator approves with conditions.
        var dev = world.as("frontier-lab");
        var app = org.computegov.registry.kernel.Json.MAPPER.createObjectNode().put("applicationId", "A-ATLAS-2")
                .put("run", "atlas-2").put("plannedFlop", "1.25e26");
        app.putObject("estimate").put("parameters", 1e12).put("tokens", 2e13);
        app.putObject("chips").put("type", "H100").put("count", 16384);
        app.putArray("clusters").add("cloud-a/*").add("cloud-b/*");
        app.putObject("schedule").put("start", today.minus(java.time.Duration.ofDays(60)).toString())
                .put("end", today.plus(java.time.Duration.ofDays(300)).toString());
        app.putObject("safetyCase").put("riskFramework", "Frontier Safety Framework v2")
                .put("evaluationPlan", "dangerous-capability evaluations at every 1e25 FLOP").put("securityLevel", "SL-3")
                .put("responsibleOfficer", "Chief Safety Officer, Frontier Lab Inc.");
        world.submit(LicensingStatements.application(dev, app.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        world.submit(LicensingStatements.decision(regulator, "frontier-lab/A-ATLAS-2", "approve", List.of(),
                List.of("monthly evaluation reports", "security level SL-3")));
        world.submit(LicensingStatements.licence(regulator, new org.computegov.licensing.admission.Licence("L-DEMO-1",
                "frontier-lab", "frontier-lab/atlas-2", List.of(
                        new org.computegov.licensing.budget.Tranche(1, new java.math.BigInteger("10000000000000000000000000"), ""),
                        new org.computegov.licensing.budget.Tranche(2, new java.math.BigInteger("115000000000000000000000000"),
                                "interim evaluation report at 1e25 FLOP accepted")),
                java.util.Set.of("cloud-a/*", "cloud-b/*"), java.util.Set.of(), today.minus(java.time.Duration.ofDays(60)),
                today.plus(java.time.Duration.ofDays(300)), List.of("monthly evaluation reports", "security level SL-3")), 1,
                "frontier-lab/A-ATLAS-2"));
        world.submit(LicensingStatements.licence(regulator, new org.computegov.licensing.admission.Licence("L-DEMO-2",
                "bio-lab", "bio-lab/protein-xl", List.of(
                        new org.computegov.licensing.budget.Tranche(1, new java.math.BigInteger("1000000000000000000000000"), "")),
                java.util.Set.of("cloud-b/*"), java.util.Set.of(), today.minus(java.time.Duration.ofDays(90)),
                today.plus(java.time.Duration.ofDays(90)), List.of("biosecurity evaluation before release")), 1));
        // The demo loads before routes give this capability its read store, so the jobs run once it has one.
        // frontier-lab: 4,096 H100 for 2,000 h held, 1,900 h used: ~8.3e24 of 1e25 released (83%).
        afterAttach.add(() -> burn("cloud-a", "L-DEMO-1", 4096, 2000, 1900));
        // bio-lab: 512 H100 for 1,900 h ran to its limit: ~1.04e24 of 1e24, exhausted (and suspended below).
        afterAttach.add(() -> burn("cloud-b", "L-DEMO-2", 512, 1900, 1900));
        // An unlicensed job far above the de-minimis, denied: the kind of decision the regulator's record is for.
        afterAttach.add(() -> {
            JobRequest unlicensed = new JobRequest("cloud-b", "c1", "acct-7731", null, "H100", 2048,
                    java.time.Duration.ofHours(720), "demo-unlicensed-1");
            decisions.record(unlicensed, admission.decide(unlicensed));
        });
        // bio-lab applies for a larger run (3e26 FLOP); the regulator has not decided yet: the console's first pending item.
        var pending = org.computegov.registry.kernel.Json.MAPPER.createObjectNode().put("applicationId", "A-PROTEIN-3")
                .put("run", "protein-3").put("plannedFlop", "3e26");
        pending.putObject("estimate").put("parameters", 1e12).put("tokens", 4e13);
        pending.putObject("chips").put("type", "H100").put("count", 32768);
        pending.putArray("clusters").add("cloud-b/*");
        pending.putObject("schedule").put("start", today.plus(java.time.Duration.ofDays(30)).toString())
                .put("end", today.plus(java.time.Duration.ofDays(240)).toString());
        pending.putObject("safetyCase").put("riskFramework", "Biosecurity Responsible Scaling Policy")
                .put("evaluationPlan", "biological-uplift evaluations by an accredited evaluator at each checkpoint")
                .put("securityLevel", "SL-4").put("responsibleOfficer", "Head of Biosafety, Bio Lab");
        world.submit(LicensingStatements.application(world.as("bio-lab"),
                pending.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        world.submit(LicensingStatements.standing(regulator, "L-DEMO-2", "suspended",
                "budget exhausted: usage reported by cloud-b exceeds the released 1e24 FLOP; notice sent to cloud-b"));
    }

    private interface Step {
        void run() throws Exception;
    }

    private final List<Step> afterAttach = new java.util.concurrent.CopyOnWriteArrayList<>();

    private void burn(String provider, String licence, int chips, int limitHours, int usedHours) throws Exception {
        JobRequest job = new JobRequest(provider, "c1", "demo", licence, "H100", chips,
                java.time.Duration.ofHours(limitHours), "demo-" + licence);
        decisions.record(job, admission.decide(job));
        // Settled whether or not it was admitted: bio-lab's job ran beyond the licence (usage without a hold, an overrun).
        long elapsed = usedHours * 3600L;
        licences.settle(List.of(new RegistryLicences.Finished(licence, new LicensingStatements.SettledJob(provider, "c1",
                "demo-" + licence, "H100", chips, elapsed, java.math.BigInteger.ZERO,
                Admission.flop(chips * (elapsed / 3600.0) * rate.flopPerChipHour("H100"))))));
        var state = licences.find(licence).orElseThrow();
        metering.observe(attached, licence, state.budget().snapshot(), clock.instant(), false);
    }

    private volatile ReadStore attached;

    @Override
    public List<org.computegov.registry.kernel.ConsolePages> consolePages(ReadStore store, java.time.Clock clock) {
        return List.of(new LicencePages(licences, store),
                new ApplicationPages(new LicensingReads(store, licences, metering, regimes, clock), store));
    }

    @Override
    public String openApi() {
        return "/openapi/licensing.json";
    }

    @Override
    public void routes(Routes routes, ReadStore store) {
        licences.attach(store);
        decisions.attach(store);
        attached = store;
        for (Step step : afterAttach) {
            try {
                step.run();
            } catch (Exception e) {
                throw new IllegalStateException("the licensing demo could not run its jobs", e);
            }
        }
        afterAttach.clear();
        // Holds that expired while the server was down are settled before it answers; then every SWEEP_EVERY.
        sweep();
        startSweeping();
        routes.post("/api/v1/admission/decide", r -> {
            r.viewer().require("admission decisions", Role.COMPUTE_PROVIDER);
            JobRequest job;
            try {
                job = AdmissionJson.request(r.body());
            } catch (AdmissionJson.BadRequest e) {
                throw new Rejection(400, "invalid-input", "Invalid input", e.getMessage(), null,
                        "Send {provider, cluster, account, licence, chip, chips, timeLimitMinutes, jobRef}.");
            }
            if (!job.provider().equals(r.viewer().id())) {
                throw Rejection.forbidden("a provider decides for its own clusters; you are " + r.viewer().id()
                        + ", the request names " + job.provider(), "Set provider to your actor id.");
            }
            String dryRun = r.query("dryRun");
            if (dryRun != null && !dryRun.equals("true") && !dryRun.equals("false")) {
                throw Rejection.badInput("dryRun must be true or false, not '" + dryRun + "'", "dryRun",
                        "POST /api/v1/admission/decide?dryRun=true decides without holding anything.");
            }
            // A dry run (Kubernetes' request.dryRun, a what-if) is decided the same way, holds nothing and is not a
            // job, so it is not recorded either.
            boolean dry = "true".equals(dryRun);
            org.computegov.licensing.admission.Decision d = admission.decide(job, dry);
            if (!dry) {
                decisions.record(job, d); // queued for the decision record, written in the background
            }
            return AdmissionJson.decision(d);
        }, "dryRun");
        routes.get("/api/v1/admission/decisions", r -> decisions.read(r.viewer(), r.query("provider"), r.query("licence"),
                r.query("decision"), r.limit("page", 1, 10_000_000), r.limit("limit", AdmissionDecisions.PAGE,
                        AdmissionDecisions.MAX_PAGE)), "provider", "licence", "decision", "page", "limit");
        LicensingReads reads = new LicensingReads(store, licences, metering, regimes, clock);
        routes.post("/api/v1/admission/usage", r -> {
            r.viewer().require("usage settlements", Role.COMPUTE_PROVIDER);
            String cluster = r.query("cluster");
            if (cluster == null || cluster.isBlank()) {
                throw Rejection.badInput("cluster is missing", "cluster", "POST /api/v1/admission/usage?cluster=NAME");
            }
            RegistryLicences.UsageResult u;
            try {
                u = licences.usage(r.viewer().id(), cluster, org.computegov.licensing.service.SacctCompletions.parse(
                        new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)));
            } catch (AdmissionJson.BadRequest e) {
                throw new Rejection(400, "invalid-input", "Invalid input", e.getMessage(), null,
                        "Send sacct --parsable2 output with JobID, Elapsed, State and WCKey columns.");
            } catch (org.computegov.licensing.admission.LicenceSource.Unreachable e) {
                throw new Rejection(503, "registry-unavailable", "Registry unavailable", e.getMessage(), null, null);
            } catch (org.computegov.knowledge.InvalidInputException e) {
                throw Rejection.badInput(e.getMessage(), "body", e.hint());
            }
            var o = AdmissionJson.mapper().createObjectNode().put("settled", u.settled()).put("alreadySettled", u.alreadySettled())
                    .put("notAdmittedHere", u.unknown());
            try {
                for (String l : u.licences()) {
                    licences.find(l).ifPresent(st -> metering.observe(store, l, st.budget().snapshot(), clock.instant(), false));
                }
            } catch (org.computegov.licensing.admission.LicenceSource.Unreachable e) {
                throw new Rejection(503, "registry-unavailable", "Registry unavailable", e.getMessage(), null, null);
            }
            return o;
        }, "cluster");
        routes.get("/api/v1/licence-applications", r -> reads.applications(r.viewer(), r.query("state")), "state");
        routes.get("/api/v1/licence-applications/{developer}/{id}", r -> reads.application(r.viewer(), r.path("developer"), r.path("id")));
        routes.get("/api/v1/licences/{id}/burn-down", r -> reads.burnDown(r.viewer(), r.path("id")));
        routes.get("/api/v1/licence-notices", r -> reads.notices(r.viewer(), r.query("overdue")), "overdue");
        routes.get("/api/v1/licensing/regimes", r -> reads.regimes());
        routes.get("/api/v1/licences/{id}", r -> {
            r.viewer().require("licences", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
            LicenceState s;
            try {
                s = licences.find(r.path("id")).orElseThrow(() -> Rejection.notFound("no licence " + r.path("id"), null));
            } catch (org.computegov.licensing.admission.LicenceSource.Unreachable e) {
                throw new Rejection(503, "registry-unavailable", "Registry unavailable", e.getMessage(), null, null);
            }
            if (!LicencePages.visible(r.viewer(), s)) {
                throw Rejection.notFound("no licence " + r.path("id"), null); // others do not learn it exists
            }
            var o = AdmissionJson.budget(s.licence().id(), s.budget().snapshot());
            o.set("terms", org.computegov.licensing.admission.LicenceJson.toJson(s.licence(), s.budget().snapshot().tranchesReleased()));
            o.put("standing", s.standing().name().toLowerCase(java.util.Locale.ROOT));
            o.put("standingReason", s.standingReason());
            // Where the current terms are in the log, for bundles (GET /api/v1/log/entries/{index} and a receipt): the
            // licence statement, or its latest amendment, whose entry carries the whole amended terms.
            long[] at = store.get(h -> h.createQuery("SELECT coalesce(terms_index, log_index), log_index, amendments FROM licence WHERE id = :id")
                    .bind("id", s.licence().id()).map((rs, c) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).one());
            o.put("logIndex", at[0]).put("issuedIndex", at[1]).put("amendments", at[2]);
            return o;
        });
        routes.get("/api/v1/licences/{id}/amendments", r -> reads.amendments(r.viewer(), r.path("id")));
    }
}
