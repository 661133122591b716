package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.computegov.api.Problem;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.intoto.Subject;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.tiles.EntryBundle;
import org.computegov.ledger.tiles.TilePath;
import org.computegov.registry.client.RegistryClient;
import org.computegov.registry.client.RegistryClient.Answer;
import org.computegov.registry.screening.ScreeningLists;
import org.computegov.registry.statement.Sealed;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;
import org.computegov.registry.usage.UsageCompute;
import org.computegov.registry.usage.UsageJson;
import org.computegov.registry.usage.UsageRecord;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;

/**
 * A real server (embedded PostgreSQL in a temporary directory, HTTP on a free port) and the registry's actors as
 * tests need them: each with its key, a statement writer and a {@link RegistryClient} that signs its reads. Also
 * builders for the statements of every kind and for KYC records, usage records and run declarations.
 */
final class RegistryHarness implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.systemUTC();
    static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();
    /** How the registry turns usage into FLOP (the registry's defaults: FP16, 30% utilization). */
    static final UsageCompute COMPUTE = new UsageCompute(CATALOG);
    static final UsageJson USAGE_JSON = new UsageJson(CATALOG);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path data;
    private final LogOptions logOptions;
    private final List<org.computegov.registry.kernel.Capability> extra;
    private final RegistryOptions registryOptions;
    /** The server's clock, which its actors sign with too ({@link #CLOCK} unless a test moves time: {@link MovableClock}). */
    private final Clock clock;
    private CgovServer server;
    private URI base;
    /**
     * The bootstrap regulator: the key the server wrote to {@code <data>/regulator.key}, actor {@code regulator}
     * (renewed by {@link #restart}, whose server listens on another port).
     */
    TestActor regulator;

    /** An actor of the registry as a test drives it. */
    record TestActor(String id, SignerKey key, StatementWriter writer, RegistryClient client) {
        Answer submit(Submission s) throws IOException, InterruptedException {
            return client.submit(s);
        }

        Answer get(String pathAndQuery) throws IOException, InterruptedException {
            return client.get(pathAndQuery);
        }

        Answer post(String pathAndQuery, String json) throws IOException, InterruptedException {
            return client.post(pathAndQuery, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        String keyId() {
            return StatementWriter.keyId(key);
        }
    }

    private RegistryHarness(Path data, LogOptions logOptions, List<org.computegov.registry.kernel.Capability> extra)
            throws Exception {
        this(data, logOptions, extra, RegistryOptions.defaults());
    }

    private RegistryHarness(Path data, LogOptions logOptions, List<org.computegov.registry.kernel.Capability> extra,
            RegistryOptions registryOptions) throws Exception {
        this(data, logOptions, extra, registryOptions, CLOCK);
    }

    private RegistryHarness(Path data, LogOptions logOptions, List<org.computegov.registry.kernel.Capability> extra,
            RegistryOptions registryOptions, Clock clock) throws Exception {
        this.data = data;
        this.logOptions = logOptions;
        this.extra = extra;
        this.registryOptions = registryOptions;
        this.clock = clock;
        start();
        SignerKey root = KeyFiles.readSignerKey(data.resolve(RegistryKeys.FILE));
        this.regulator = as("regulator", root);
    }

    static RegistryHarness start(Path data) throws Exception {
        return new RegistryHarness(data, LogOptions.defaults(), List.of());
    }

    /** A server running the standard capabilities and {@code extra} ones (a test's own). */
    static RegistryHarness start(Path data, org.computegov.registry.kernel.Capability... extra) throws Exception {
        return new RegistryHarness(data, LogOptions.defaults(), List.of(extra));
    }

    static RegistryHarness start(Path data, LogOptions log) throws Exception {
        return new RegistryHarness(data, log, List.of());
    }

    /**
     * A server with these registry options (e.g. {@code --regulator-key}: the bootstrap regulator's verifier key only,
     * so the server holds no signer key and signs nothing itself). The data directory must hold {@code regulator.key}
     * from an earlier start: the test's regulator signs with it.
     */
    static RegistryHarness start(Path data, RegistryOptions registry) throws Exception {
        return new RegistryHarness(data, LogOptions.defaults(), List.of(), registry);
    }

    /**
     * A server on {@code clock} (which its actors sign statements and requests with too, so all of them move together
     * when a test moves it), with these registry options; restarts keep the clock.
     */
    static RegistryHarness start(Path data, RegistryOptions registry, Clock clock) throws Exception {
        return new RegistryHarness(data, LogOptions.defaults(), List.of(), registry, clock);
    }

    /** Real time plus an offset a test moves forward: the server, its actors and their signed requests keep agreeing. */
    static final class MovableClock extends Clock {
        private final java.util.concurrent.atomic.AtomicReference<java.time.Duration> offset;
        private final java.time.ZoneId zone;

        MovableClock() {
            this(new java.util.concurrent.atomic.AtomicReference<>(java.time.Duration.ZERO), java.time.ZoneOffset.UTC);
        }

        private MovableClock(java.util.concurrent.atomic.AtomicReference<java.time.Duration> offset, java.time.ZoneId zone) {
            this.offset = offset;
            this.zone = zone;
        }

        void advance(java.time.Duration by) {
            offset.updateAndGet(o -> o.plus(by));
        }

        @Override
        public Instant instant() {
            return CLOCK.instant().plus(offset.get());
        }

        @Override
        public java.time.ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(java.time.ZoneId z) {
            return new MovableClock(offset, z); // the same time, moved together
        }
    }

    private void start() {
        try {
            // Every test actor is its own HTTP client, all from this one address: far more connections than one real
            // client holds, so the per-address limit is raised here (the default closes the 129th idle keep-alive).
            server = CgovServer.start(new ServerOptions(0, data, null, null, null, false, null, null, logOptions, registryOptions),
                    org.computegov.server.WebOptions.defaults(), clock, extra,
                    org.computegov.server.http.HttpLimits.defaults().withConnectionsPerClient(1024));
        } catch (Exception e) {
            throw new IllegalStateException("the server did not start", e);
        }
        base = URI.create("http://localhost:" + server.port());
    }

    /** Stops the server and starts it again on the same data directory (a new port). */
    void restart() {
        server.close();
        start();
        regulator = again(regulator);
    }

    CgovServer server() {
        return server;
    }

    /** An actor acting with a given key (registered or not): its writer and a client signing with that key. */
    TestActor as(String id, SignerKey key) {
        // One client per address and key: each client keeps its own connections, and the server closes a client
        // address's connections beyond its limit (HttpLimits.connectionsPerClient), which loops over every kind reach.
        RegistryClient c = clients.computeIfAbsent(base + " " + StatementWriter.keyId(key), k -> new RegistryClient(base, key, clock));
        return new TestActor(id, key, new StatementWriter(key, id, clock), c);
    }

    private final java.util.Map<String, RegistryClient> clients = new java.util.concurrent.ConcurrentHashMap<>();

    /** The actor signing statements with a clock off by {@code skew} (its reads stay on time). */
    TestActor skewed(TestActor a, java.time.Duration skew) {
        return new TestActor(a.id(), a.key(), new StatementWriter(a.key(), a.id(), Clock.offset(clock, skew)), a.client());
    }

    /** The same actor with the server's current address (after a restart the port changes). */
    TestActor again(TestActor a) {
        return as(a.id(), a.key());
    }

    /**
     * One public client per server address: each client keeps its own connections open, and the server closes a
     * client address's connections beyond its limit (HttpLimits.connectionsPerClient), so a client per call would
     * exhaust it in tests that take many snapshots.
     */
    RegistryClient publicClient() {
        if (publicClient == null || !base.equals(publicBase)) {
            publicClient = new RegistryClient(base, null, clock);
            publicBase = base;
        }
        return publicClient;
    }

    private RegistryClient publicClient;
    private URI publicBase;

    /** Registers an actor (signed by the bootstrap regulator) with one fresh key {@code <id>/main}. */
    TestActor register(String id, String jurisdiction, String... roles) throws Exception {
        return register(id, SignerKey.generate(id + "/main"), jurisdiction, roles);
    }

    /** Registers an actor with a given key (named {@code <id>/<key name>}). */
    TestActor register(String id, SignerKey key, String jurisdiction, String... roles) throws Exception {
        Answer a = regulator.submit(actorStatement(regulator, id, jurisdiction, List.of(roles), key));
        assertThat(a.status()).as("registering %s: %s", id, a.body()).isEqualTo(201);
        return as(id, key);
    }

    // ---- public outputs --------------------------------------------------------------------------------------

    /** The log's size: the second line of its checkpoint. */
    long logSize() throws Exception {
        String checkpoint = new String(getBytes("/log/checkpoint"), StandardCharsets.UTF_8);
        return Long.parseLong(checkpoint.split("\n")[1]);
    }

    JsonNode stats() throws Exception {
        Answer a = publicClient().get("/api/v1/registry/stats");
        assertThat(a.status()).isEqualTo(200);
        return a.body();
    }

    /** What a rejected statement must leave as it was. */
    record Snapshot(long logSize, JsonNode stats) {}

    Snapshot snapshot() throws Exception {
        return new Snapshot(logSize(), stats());
    }

    void assertUnchanged(Snapshot before, String why) throws Exception {
        assertThat(logSize()).as("log size after %s", why).isEqualTo(before.logSize());
        assertThat(stats()).as("registry stats after %s", why).isEqualTo(before.stats());
    }

    byte[] getBytes(String path) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
        return r.body();
    }

    HttpResponse<String> send(HttpRequest.Builder request, String pathAndQuery) throws Exception {
        return HTTP.send(request.uri(base.resolve(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI base() {
        return base;
    }

    /** Every log entry, each read by GET /api/v1/log/entries/{i}. */
    List<byte[]> logEntries() throws Exception {
        long size = logSize();
        List<byte[]> out = new ArrayList<>();
        for (long i = 0; i < size; i++) {
            out.add(getBytes("/api/v1/log/entries/" + i));
        }
        return out;
    }

    /** Every entry bundle of the log (full and the partial last one), as its raw bytes. */
    List<byte[]> entryBundles() throws Exception {
        long size = logSize();
        List<byte[]> out = new ArrayList<>();
        for (long tile = 0; tile * TilePath.FULL_WIDTH < size; tile++) {
            int width = (int) Math.min(TilePath.FULL_WIDTH, size - tile * TilePath.FULL_WIDTH);
            out.add(getBytes("/log/" + new TilePath.Entries(tile, width).path()));
        }
        return out;
    }

    /** An envelope's bytes and its decoded payload (the in-toto statement), as text to search. */
    static String envelopeText(byte[] envelope) throws Exception {
        return new String(envelope, StandardCharsets.UTF_8) + "\n"
                + new String(Envelope.parse(envelope).payload(), StandardCharsets.UTF_8);
    }

    static List<byte[]> bundleEntries(byte[] bundle) throws Exception {
        return EntryBundle.decode(bundle);
    }

    // ---- problems --------------------------------------------------------------------------------------------

    /** An RFC 9457 problem of this status and kind (the type URI's last segment). */
    static JsonNode assertProblem(Answer a, int status, String kind) {
        assertThat(a.status()).as("status of %s", a.body()).isEqualTo(status);
        JsonNode p = a.body();
        assertThat(p.path("type").asText()).as("problem type of %s", p).isEqualTo(Problem.TYPE_BASE + kind);
        assertThat(p.path("status").asInt()).as("problem status of %s", p).isEqualTo(status);
        assertThat(p.path("title").asText()).as("problem title of %s", p).isNotBlank();
        assertThat(p.path("detail").asText()).as("problem detail of %s", p).isNotBlank();
        return p;
    }

    static Answer assertAccepted(Answer a) {
        assertThat(a.status()).as("accepted? %s", a.body()).isEqualTo(201);
        return a;
    }

    // ---- statements ------------------------------------------------------------------------------------------
    // Each builder takes the predicate's common fields (statementId, issuedAt, issuer) from the caller, so a test can
    // reuse a statement id; the short forms take fresh ones from the actor's writer.

    static ObjectNode predicate(TestActor by) {
        return by.writer().predicate();
    }

    static Submission actorStatement(TestActor by, String id, String jurisdiction, List<String> roles, SignerKey key) {
        return actorStatement(by, predicate(by), id, jurisdiction, roles, key);
    }

    static Submission actorStatement(TestActor by, ObjectNode p, String id, String jurisdiction, List<String> roles,
            SignerKey key) {
        ObjectNode a = p.putObject("actor");
        a.put("id", id).put("name", "Actor " + id).put("jurisdiction", jurisdiction);
        roles.forEach(a.putArray("roles")::add);
        a.putArray("keys").add(key.verifierKey().encode());
        return by.writer().publicStatement(Kind.ACTOR.wire(), "actor:" + id, p, null, null);
    }

    static Submission addKey(TestActor by, String actor, SignerKey key) {
        return addKey(by, predicate(by), actor, key);
    }

    static Submission addKey(TestActor by, ObjectNode p, String actor, SignerKey key) {
        p.put("actor", actor).put("action", "add").put("key", key.verifierKey().encode());
        return by.writer().publicStatement(Kind.KEY.wire(), "key:" + StatementWriter.keyId(key), p, null, null);
    }

    static Submission revokeKey(TestActor by, String actor, String keyId) {
        ObjectNode p = predicate(by).put("actor", actor).put("action", "revoke").put("key", keyId);
        return by.writer().publicStatement(Kind.KEY.wire(), "key:" + keyId, p, null, null);
    }

    static byte[] syntheticList() throws IOException {
        try (InputStream in = ScreeningLists.class.getResourceAsStream(ScreeningLists.SYNTHETIC_RESOURCE)) {
            return in.readAllBytes();
        }
    }

    static Submission screeningList(TestActor by, ObjectNode p, String name) throws Exception {
        byte[] list = syntheticList();
        p.putObject("list").put("name", name).put("format", "csl").put("entries", ScreeningLists.loadCsl(list, name).size());
        return by.writer().publicStatement(Kind.SCREENING_LIST.wire(), "list:" + name, p, list, list);
    }

    static Submission customer(TestActor provider, ObjectNode record) {
        return customer(provider, predicate(provider), record);
    }

    static Submission customer(TestActor provider, ObjectNode p, ObjectNode record) {
        return provider.writer().sealedStatement(Kind.CUSTOMER.wire(), "customer:" + provider.id(), p, bytes(record));
    }

    static Submission access(TestActor provider, String customer, ArrayNode events) {
        return access(provider, predicate(provider), customer, events);
    }

    static Submission access(TestActor provider, ObjectNode p, String customer, ArrayNode events) {
        p.put("events", events.size());
        return provider.writer().sealedStatement(Kind.ACCESS.wire(), "customer:" + provider.id(), p, bytes(events));
    }

    static Submission usage(TestActor provider, ArrayNode records) {
        return usage(provider, predicate(provider), records);
    }

    static Submission usage(TestActor provider, ObjectNode p, ArrayNode records) {
        p.put("records", records.size());
        return provider.writer().sealedStatement(Kind.USAGE.wire(), "usage:" + provider.id() + "/" + p.get("statementId").asText(),
                p, bytes(records));
    }

    static Submission correction(TestActor provider, ArrayNode replace, List<String> withdraw) {
        return correction(provider, predicate(provider), replace, withdraw);
    }

    static Submission correction(TestActor provider, ObjectNode p, ArrayNode replace, List<String> withdraw) {
        ObjectNode c = JSON.createObjectNode();
        if (replace != null) {
            c.set("replace", replace);
        }
        if (withdraw != null) {
            withdraw.forEach(c.putArray("withdraw")::add);
        }
        p.put("records", (replace == null ? 0 : replace.size()) + (withdraw == null ? 0 : withdraw.size()));
        return provider.writer().sealedStatement(Kind.USAGE_CORRECTION.wire(),
                "usage:" + provider.id() + "/" + p.get("statementId").asText(), p, bytes(c));
    }

    /** A licence of {@code tranches} tranches of 1e24 FLOP (the first released) for dev's run at prov-a. */
    static ObjectNode licenceTerms(String id, int tranches) {
        ObjectNode l = JSON.createObjectNode();
        l.put("id", id).put("developer", "dev").put("run", "run-1");
        var ts = l.putArray("tranches");
        for (int i = 0; i < tranches; i++) {
            ts.addObject().put("flop", "1e24").put("condition", i == 0 ? "" : "interim evaluation " + i);
        }
        l.put("tranchesReleased", 1);
        l.putArray("clusters").add("prov-a/*");
        l.putArray("accounts");
        Instant today = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        l.put("validFrom", today.minus(java.time.Duration.ofDays(30)).toString())
                .put("validUntil", today.plus(java.time.Duration.ofDays(365)).toString());
        l.putArray("conditions").add("monthly evaluation reports");
        return l;
    }

    static Submission licence(TestActor regulator, String id, int tranches) {
        return licence(regulator, predicate(regulator), id, tranches);
    }

    static Submission licence(TestActor regulator, ObjectNode p, String id, int tranches) {
        p.set("licence", licenceTerms(id, tranches));
        return regulator.writer().publicStatement(Kind.LICENCE.wire(), "licence:" + id, p, null, null);
    }

    static Submission tranche(TestActor regulator, ObjectNode p, String id, int tranche) {
        p.putObject("release").put("licence", id).put("tranche", tranche);
        return regulator.writer().publicStatement(Kind.LICENCE_TRANCHE.wire(), "licence:" + id, p, null, null);
    }

    /** Amendment {@code number} of licence {@code id} (issued by {@link #licence}): tranche 1 raised to 2e24, with why. */
    static Submission amendment(TestActor regulator, ObjectNode p, String id, int tranches, int number) {
        ObjectNode terms = licenceTerms(id, tranches);
        ((ObjectNode) terms.withArray("tranches").get(0)).put("flop", (number + 1) + "e24");
        p.set("licence", terms);
        p.putObject("amendment").put("number", number).put("reason", "interim evaluation justifies a larger first tranche");
        return regulator.writer().publicStatement(Kind.LICENCE_AMENDMENT.wire(), "licence:" + id, p, null, null);
    }

    static Submission standing(TestActor regulator, ObjectNode p, String id, String standing, String reason) {
        p.putObject("standing").put("licence", id).put("standing", standing).put("reason", reason);
        return regulator.writer().publicStatement(Kind.LICENCE_STANDING.wire(), "licence:" + id, p, null, null);
    }

    /** A licence application (sealed) for run {@code run-<id>} of {@code flop} planned FLOP on 1,024 H100 at prov-a. */
    static ObjectNode applicationDocument(String id, String flop) {
        ObjectNode a = JSON.createObjectNode().put("applicationId", id).put("run", "run-" + id).put("plannedFlop", flop);
        a.putObject("chips").put("type", "H100").put("count", 1024);
        a.putArray("clusters").add("prov-a/*");
        a.putObject("schedule").put("start", "2027-01-01T00:00:00Z").put("end", "2027-04-01T00:00:00Z");
        a.putObject("safetyCase").put("riskFramework", "RSP v2").put("evaluationPlan", "evaluations every 1e25 FLOP")
                .put("securityLevel", "SL-3").put("responsibleOfficer", "Chief Safety Officer");
        return a;
    }

    static Submission application(TestActor developer, ObjectNode p, String id, String flop) {
        return developer.writer().sealedStatement(Kind.LICENCE_APPLICATION.wire(), "licence-application:" + developer.id(), p,
                bytes(applicationDocument(id, flop)));
    }

    static Submission decision(TestActor regulator, ObjectNode p, String application, String outcome, String reason) {
        ObjectNode d = p.putObject("decision").put("application", application).put("outcome", outcome);
        if (reason != null) {
            d.putArray("reasons").add(reason);
        }
        return regulator.writer().publicStatement(Kind.LICENCE_DECISION.wire(), "licence-application:" + application, p, null, null);
    }

    static Submission ack(TestActor provider, ObjectNode p, String licence, String notice) {
        p.putObject("ack").put("licence", licence).put("notice", notice);
        return provider.writer().publicStatement(Kind.LICENCE_NOTICE_ACK.wire(), "licence:" + licence, p, null, null);
    }

    static Submission run(TestActor developer, ObjectNode declaration) {
        return run(developer, predicate(developer), declaration);
    }

    static Submission run(TestActor developer, ObjectNode p, ObjectNode declaration) {
        return developer.writer().sealedStatement(Kind.RUN.wire(), "run:" + developer.id(), p, bytes(declaration));
    }

    /**
     * A statement signed exactly as given: subject digest, predicate (with whatever sealed member it has) and the
     * sealed payload and attachment sent beside it, for the refusals the writer would never produce.
     */
    /** A batch of chips as the chip registry takes it (sealed JSON). */
    static ObjectNode chipBatch(String batch, String chip, long count, String country) {
        return JSON.createObjectNode().put("batch", batch).put("chip", chip).put("count", count).put("site", "site-1")
                .put("country", country);
    }

    static ObjectNode chipMove(String batch, long count, String to, String toCountry) {
        return JSON.createObjectNode().put("batch", batch).put("count", count).put("to", to).put("toSite", "site-9")
                .put("toCountry", toCountry);
    }

    static Submission chipRegister(TestActor owner, ObjectNode p, ObjectNode batch) {
        return owner.writer().sealedStatement(Kind.CHIP_REGISTER.wire(), "chips:" + owner.id(), p, bytes(batch));
    }

    static Submission chipTransfer(TestActor owner, ObjectNode p, ObjectNode move) {
        return owner.writer().sealedStatement(Kind.CHIP_TRANSFER.wire(), "chips:" + owner.id(), p, bytes(move));
    }

    /** An allocation statement: the body in the predicate's {@code allocation} member, or sealed for proposals and reviews. */
    static Submission alloc(TestActor by, ObjectNode p, Kind kind, ObjectNode body) {
        String subject = "allocation:" + body.path(org.computegov.shaping.allocation.AllocationStatements.SUBJECT_FIELD
                .get(kind.wire())).asText();
        if (kind.sealed()) {
            return by.writer().sealedStatement(kind.wire(), subject, p, bytes(body));
        }
        p.set("allocation", body);
        return by.writer().publicStatement(kind.wire(), subject, p, null, null);
    }

    static Submission alloc(TestActor by, Kind kind, ObjectNode body) {
        return alloc(by, predicate(by), kind, body);
    }

    static ObjectNode allocResource(String id, String programme, String chip, String cluster, String from, double rate) {
        return JSON.createObjectNode().put("resource", id).put("programme", programme).put("chip", chip)
                .put("cluster", cluster).put("gresType", chip.toLowerCase(java.util.Locale.ROOT))
                .put("creditsPerGpuHour", rate).put("effectiveFrom", from);
    }

    static ObjectNode allocCall(String id, String programme, String resource) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        ObjectNode c = JSON.createObjectNode().put("call", id).put("programme", programme).put("title", "Call " + id)
                .put("opens", today.minusDays(1).toString()).put("closes", today.plusDays(30).toString());
        c.putArray("tiers").add("explore").add("discover").add("accelerate");
        c.putArray("resources").add(resource);
        return c;
    }

    static ObjectNode allocProposal(String id, String call, String resource, String tier, double credits) {
        ObjectNode p = JSON.createObjectNode().put("proposal", id).put("call", call).put("project", "Project " + id)
                .put("piName", "Josiah Carberry").put("piOrcid", "0000-0002-1825-0097").put("field", "psychoceramics")
                .put("tier", tier).put("justification", "Because.");
        p.putObject("requested").put(resource, credits);
        return p;
    }

    static ObjectNode allocReview(String proposal, String resource, int score, double credits) {
        ObjectNode r = JSON.createObjectNode().put("proposal", proposal).put("score", score).put("comments", "fine");
        r.putObject("recommended").put(resource, credits);
        return r;
    }

    static ObjectNode allocAward(String id, String proposal, String account, String resource, double credits,
            String start, String end) {
        ObjectNode a = JSON.createObjectNode().put("award", id).put("proposal", proposal).put("account", account)
                .put("start", start).put("end", end);
        a.putArray("users").add("alice");
        a.putObject("awarded").put(resource, credits);
        return a;
    }

    static Submission signed(TestActor by, Kind kind, String subjectName, String digest, ObjectNode predicate,
            Sealed sealed, byte[] attachment) {
        byte[] statement = new Statement(List.of(Subject.sha256(subjectName, digest)), kind.predicateType(), predicate).toJson();
        byte[] envelope = Dsse.sign(Statement.PAYLOAD_TYPE, statement,
                List.of(new Ed25519DsseSigner(by.keyId(), by.key().privateKey()))).toJson();
        return new Submission(envelope, sealed, attachment);
    }

    static byte[] bytes(JsonNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- payloads --------------------------------------------------------------------------------------------

    /** A valid KYC record of an organization (the format of the kyc package comment). */
    static ObjectNode customerRecord(String id, String legalName, String country, ObjectNode... owners) {
        ObjectNode r = JSON.createObjectNode();
        r.put("customerId", id).put("customerType", "ORGANIZATION").put("legalName", legalName);
        r.putArray("aliases");
        ObjectNode address = r.putObject("address");
        address.putArray("lines").add("1 Example Street");
        address.put("city", "Example City").put("postalCode", "12345").put("country", country);
        r.put("country", country);
        ArrayNode o = r.putArray("beneficialOwners");
        for (ObjectNode owner : owners) {
            o.add(owner);
        }
        r.putArray("paymentMeans").addObject().put("kind", "CARD").put("reference", "****4242");
        r.put("email", "kyc@" + id + ".example").put("phone", "+15555550100");
        r.putObject("verification").put("method", "DOCUMENTARY").put("evidence", "registry extract on file")
                .put("date", "2026-01-15").put("state", "VERIFIED");
        r.put("riskRating", "LOW");
        return r;
    }

    static ObjectNode owner(String name, String country, String identifier) {
        ObjectNode o = JSON.createObjectNode().put("name", name).put("country", country);
        if (identifier != null) {
            o.put("identifier", identifier);
        }
        return o;
    }

    static ObjectNode accessEvent(String customer, String ip, Instant at) {
        ObjectNode e = JSON.createObjectNode().put("customerId", customer);
        if (ip != null) {
            e.put("ipAddress", ip);
        }
        if (at != null) {
            e.put("time", at.toString());
        }
        return e.put("action", "console-login");
    }

    /** A usage record of H100s (runId may be null). */
    static ObjectNode usageRecord(String provider, String customer, int chips, Instant start, Instant end, String runId,
            String jobId) {
        ObjectNode r = JSON.createObjectNode();
        r.put("provider", provider).put("cluster", "c1").put("customer", customer).put("chip", "H100")
                .put("chipCount", chips).put("start", start.toString()).put("end", end.toString());
        if (runId != null) {
            r.put("runId", runId);
        }
        return r.put("jobId", jobId);
    }

    /** The records as the registry reads them (canonical chip names, record ids). */
    static List<UsageRecord> parse(ArrayNode records) {
        var parsed = USAGE_JSON.read(records.toString());
        assertThat(parsed.ok()).as("test records parse: %s", parsed.problems()).isTrue();
        return parsed.records();
    }

    /** The FLOP the registry attributes to these records, by the registry's own estimator. */
    static double flop(ArrayNode records) throws Exception {
        double sum = 0;
        for (UsageRecord r : parse(records)) {
            sum += COMPUTE.attribute(r).flop();
        }
        return sum;
    }

    static String recordId(ObjectNode record) {
        ArrayNode one = JSON.createArrayNode().add(record);
        return parse(one).get(0).recordId();
    }

    /** FLOP of one H100 chip-hour at the registry's defaults (≈1.07e18). */
    static double h100FlopPerChipHour() throws Exception {
        return COMPUTE.perChipHour("H100").flop();
    }

    static ObjectNode runDeclaration(String runId, double plannedFlop, String baseRun) {
        ObjectNode d = JSON.createObjectNode().put("runId", runId).put("name", "Run " + runId).put("plannedFlop", plannedFlop);
        if (baseRun != null) {
            d.put("baseRun", baseRun);
        }
        return d.put("dataDomain", "general");
    }

    @Override
    public void close() {
        server.close();
    }

    /** The declaration with the providers whose usage may name the run (issue 12's attribution link). */
    static ObjectNode trainsOn(ObjectNode declaration, String... providers) {
        ArrayNode a = declaration.putArray("providers");
        for (String p : providers) {
            a.add(p);
        }
        return declaration;
    }
}
