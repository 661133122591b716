package org.computegov.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.computegov.api.KnowledgeApi;
import org.computegov.api.Lazy;
import org.computegov.api.ShapingApi;
import org.computegov.api.TrendsApi;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.dsse.DsseVerifier;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.ledger.witness.CosignatureVerifier;
import org.computegov.server.http.HttpGate;
import org.computegov.server.http.HttpLimits;
import org.computegov.server.log.CheckpointPublisher;
import org.computegov.server.log.LogKeys;
import org.computegov.server.log.LogOptions;
import org.computegov.server.log.LogRoutes;
import org.computegov.server.log.LogService;
import org.computegov.server.log.PostgresLog;
import org.computegov.server.log.Sequencer;
import java.util.Map;
import org.computegov.console.CapabilitySections;
import org.computegov.console.Console;
import org.computegov.console.ConsoleRegistry;
import org.computegov.server.console.DemoConsoleUsers;
import org.computegov.server.console.ServerConsoleLog;
import org.computegov.server.registry.DemoWorld;
import org.computegov.server.registry.RegistryKeys;
import org.computegov.server.registry.RegistryRoutes;
import org.computegov.server.registry.RequestAuthenticator;
import org.computegov.server.registry.ServerRegistryLog;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.kernel.KernelRules;
import org.computegov.registry.kernel.Registry;
import org.computegov.registry.monitoring.AlertPolicy;
import org.computegov.server.registry.CapabilityRoutes;
import org.computegov.server.registry.Composition;
import org.computegov.knowledge.export.ExportRules;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The computegov registry server: PostgreSQL (embedded or external) brought to the current schema, and the HTTP API
 * on Javalin. {@link #close()} stops the HTTP server first, then the database, so no request is cut mid-write.
 */
public final class CgovServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CgovServer.class);
    private final Database database;
    private final HikariDataSource pool;
    private final LogService log;
    private final Registry registry;
    private final String logVerifierKey;
    private final Javalin app;
    private final HttpGate gate;
    private final DataDirectoryLock lock;
    private final String scheme;
    private double demoSeconds;

    private CgovServer(Database database, HikariDataSource pool, LogService log, Registry registry,
            String logVerifierKey, Javalin app, HttpGate gate, DataDirectoryLock lock, String scheme) {
        this.gate = gate;
        this.scheme = scheme;
        this.lock = lock;
        this.database = database;
        this.pool = pool;
        this.log = log;
        this.registry = registry;
        this.logVerifierKey = logVerifierKey;
        this.app = app;
    }

    /** Starts the database and the HTTP server; fails fast (and leaves nothing running) if either cannot start. */
    public static CgovServer start(ServerOptions options, Clock clock) throws InvalidInputException {
        return start(options, WebOptions.defaults(), clock, List.of(), HttpLimits.defaults());
    }

    /** Starts a server running the standard capabilities and {@code extra} ones after them (tests add their own). */
    public static CgovServer start(ServerOptions options, Clock clock, List<Capability> extra) throws InvalidInputException {
        return start(options, WebOptions.defaults(), clock, extra, HttpLimits.defaults());
    }

    /** As {@link #start(ServerOptions, Clock)}, with what one request may cost the server set by {@code limits}. */
    public static CgovServer start(ServerOptions options, Clock clock, HttpLimits limits) throws InvalidInputException {
        return start(options, WebOptions.defaults(), clock, List.of(), limits);
    }

    /** As {@link #start(ServerOptions, Clock)}, with TLS and the console's options. */
    public static CgovServer start(ServerOptions options, WebOptions web, Clock clock) throws InvalidInputException {
        return start(options, web, clock, List.of(), HttpLimits.defaults());
    }

    /**
     * Starts a server running the standard capabilities and {@code extra} ones after them, with TLS and the console
     * as {@code web} says and what one request may cost the server set by {@code limits}.
     */
    public static CgovServer start(ServerOptions options, WebOptions web, Clock clock, List<Capability> extra,
            HttpLimits limits) throws InvalidInputException {
        // The key store lives in memory only; its password guards nothing on disk.
        char[] tlsPassword = "cgov-in-memory".toCharArray();
        java.security.KeyStore tlsKeys = web.tls() ? Tls.keyStore(web.tlsCert(), web.tlsKey(), tlsPassword) : null;
        HardwareCatalog catalog = options.catalogFile() == null ? HardwareCatalog.builtIn()
                : HardwareCatalog.builtInWith(options.catalogFile());
        RegimeCatalog regimes = options.regimesFile() == null ? RegimeCatalog.builtIn()
                : RegimeCatalog.builtIn().with(options.regimesFile());
        KnowledgeApi knowledge = new KnowledgeApi(catalog, ExportRules.builtIn(), regimes, clock);
        // Before anything else in the data directory is touched: is another server using it, is the port free?
        DataDirectoryLock lock = DataDirectoryLock.acquire(options.dataDirectory());
        Database database;
        try {
            requireFreePort(options.host(), options.port());
            database = options.databaseUrl() == null
                    ? EmbeddedDatabase.start(options.dataDirectory().resolve("postgres"),
                            options.dataDirectory().resolve("postgres.secret"))
                    : new ExternalDatabase(options.databaseUrl(), options.databaseUser(), options.databasePassword());
        } catch (InvalidInputException | RuntimeException e) {
            lock.close();
            throw e;
        }
        long[] demoNanos = {0}; // seeding time, read by cgov bench console
        HikariDataSource pool = null;
        LogService log = null;
        Registry registry = null;
        CgovServer server;
        try {
            String schema = Migrations.migrate(database.dataSource());
            LOG.info("database: {} (schema version {})", database.description(), schema);
            pool = pool(database);
            SignerKey key = LogKeys.loadOrCreate(options.dataDirectory(), options.log().origin());
            log = openLog(options, database, pool, key);
            String vkey = key.verifierKey().encode();
            LOG.info("log: origin {}, size {}, verifier key {}", key.name(), log.state().size(), vkey);
            RegistryKeys.Root root = RegistryKeys.root(options.dataDirectory(), options.registry().regulatorKey());
            List<Capability> capabilities = Composition.capabilities(catalog, regimes,
                    new AlertPolicy(options.registry().alertFractions()), options.registry().licensingRegimes() == null
                            ? org.computegov.licensing.application.LicensingRegimes.builtIn()
                            : org.computegov.licensing.application.LicensingRegimes.load(options.registry().licensingRegimes()),
                    clock, options.registry().holdGrace(), options.registry().decisionRetention(), extra);
            registry = new Registry(database.dataSource(), pool, new ServerRegistryLog(log),
                    new KernelRules(root.vkey(), options.registry().clockSkew()), clock, capabilities);
            LOG.info("registry: bootstrap regulator {} ({})", root.vkey().name(), root.where());
            serverWriter(registry, options, clock);
            if (options.demo()) {
                // Before HTTP starts: a server that answers is a server whose demo world is complete.
                long seeding = System.nanoTime();
                DemoWorld.load(registry, options.dataDirectory(), clock);
                demoNanos[0] += System.nanoTime() - seeding;
            }
            byte[] openApi = OpenApiDocument.merge(resource("/openapi.json"), capabilities);
            HttpGate gate = new HttpGate(limits, web.clients());
            TrendsApi trends = TrendsApi.builtIn();
            Console console = Console.create(web.console(), database.dataSource(), pool, knowledge, trends,
                    new ConsoleRegistry(registry), new ServerConsoleLog(log, vkey), clock, CapabilitySections.of(registry));
            long enrolling = System.nanoTime();
            Map<String, String> demoUsers = options.demo() ? DemoConsoleUsers.ensure(options.dataDirectory(),
                    console.users(), console.enrolment(), clock) : Map.of();
            demoNanos[0] += options.demo() ? System.nanoTime() - enrolling : 0;
            LogService logService = log;
            Registry registryService = registry;
            javax.sql.DataSource healthPool = pool;
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.http.defaultContentType = "application/json";
                config.http.maxRequestSize = limits.largestBody();
                gate.install(config, options.host(), options.port(),
                        tlsKeys == null ? HttpGate.PLAIN : Tls.protocols(tlsKeys, tlsPassword));
                Problems.install(config.routes);
                RequestAuthenticator auth = new RequestAuthenticator(registryService, clock);
                auth.install(config.routes);
                new HealthRoutes(healthPool, schema).install(config.routes);
                new KnowledgeRoutes(knowledge).install(config.routes);
                new TrendsRoutes(trends).install(config.routes);
                new ShapingRoutes(new ShapingApi(Lazy.loaded(catalog), Lazy.of(ExportRules::builtIn), Lazy.loaded(regimes),
                        clock)).install(config.routes);
                new LogRoutes(logService, vkey).install(config.routes);
                new RegistryRoutes(registryService, auth).install(config.routes);
                CapabilityRoutes capabilityRoutes = new CapabilityRoutes(config.routes, auth, clock);
                for (Capability c : registryService.catalogue().capabilities()) {
                    c.routes(capabilityRoutes, registryService.store());
                }
                config.routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
                console.install(config.routes);
            });
            app.start();
            String scheme = web.tls() ? "https" : "http";
            String url = baseUrl(scheme, options.host(), app.port());
            LOG.info("computegov listening on {} (console: {}/)", url, url);
            demoUsers.forEach((user, password) -> LOG.info("console demo user: {} / {}", user, password));
            server = new CgovServer(database, pool, log, registry, vkey, app, gate, lock, scheme);
            server.demoSeconds = demoNanos[0] / 1e9;
        } catch (Exception e) {
            closeQuietly(registry);
            closeQuietly(log);
            if (pool != null) {
                pool.close();
            }
            database.close();
            lock.close();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot start the server: " + e.getMessage(), e);
        }
        return server;
    }

    /** A port in use is found now, not after the database has started (which takes seconds). */
    private static void requireFreePort(String host, int port) throws InvalidInputException {
        if (port == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new InvalidInputException("--port", "Port " + port + " is already in use (" + e.getMessage() + ").",
                    "Stop what listens there, or give another --port (0 picks a free one).");
        }
    }

    /** The URL a client on this machine uses: a wildcard address is reached through loopback. */
    public static String baseUrl(String host, int port) {
        return baseUrl("http", host, port);
    }

    /** As {@link #baseUrl(String, int)}, for http or https. */
    public static String baseUrl(String scheme, String host, int port) {
        String h = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? ServerOptions.LOOPBACK : host;
        return scheme + "://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port;
    }

    /** The URL a client on this machine uses to reach this server (https when it serves TLS). */
    public String url(String host) {
        return baseUrl(scheme, host, port());
    }

    private static HikariDataSource pool(Database database) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(database.dataSource());
        config.setMaximumPoolSize(8);
        config.setPoolName("cgov");
        return new HikariDataSource(config);
    }

    private static LogService openLog(ServerOptions options, Database database, HikariDataSource pool, SignerKey key)
            throws IOException, FormatException, SQLException {
        LogOptions lo = options.log();
        List<DsseVerifier> submitters = new ArrayList<>();
        // The log's own key carries the keyid cgov signs with, so envelopes hinting another key never cost a
        // verification against it; keys from PEM files have no name and are tried for any hint.
        submitters.add(DsseVerifier.ed25519(key.name() + "+" + KeyIds.hex(key.keyId()), key.privateKey().publicKey()));
        for (Path file : lo.trustedKeys()) {
            submitters.add(DsseVerifier.fromSpki("", PemKeys.readSpki(Files.readString(file))));
        }
        List<CheckpointPublisher.WitnessEndpoint> witnesses = new ArrayList<>();
        for (String w : lo.witnesses()) {
            int at = w.indexOf('@');
            if (at < 0) {
                throw new IllegalArgumentException("a witness is VKEY@URL, got '" + w + "'");
            }
            String url = w.substring(at + 1);
            witnesses.add(new CheckpointPublisher.WitnessEndpoint(URI.create(url.endsWith("/") ? url : url + "/"),
                    CosignatureVerifier.parse(w.substring(0, at))));
        }
        PostgresLog log = PostgresLog.open(pool, database.dataSource(), key.name(), Ed25519NoteSigner.of(key));
        try {
            CheckpointPublisher publisher = new CheckpointPublisher(log, witnesses, lo.quorum(), pool);
            return new LogService(log, new Sequencer(log, 100_000), submitters, pool, publisher);
        } catch (SQLException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("while closing {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = CgovServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives capabilities the server's own writer when it holds the bootstrap regulator's signer key (created in the data
     * directory unless --regulator-key named a verifier key): what the server observes is then signed and logged.
     */
    private static void serverWriter(Registry registry, ServerOptions options, Clock clock) throws Exception {
        java.nio.file.Path file = options.dataDirectory().resolve(RegistryKeys.FILE);
        if (options.registry().regulatorKey() != null || !java.nio.file.Files.exists(file)) {
            LOG.info("registry: no regulator signer key here; capabilities keep their observations in memory");
            return;
        }
        SignerKey key = org.computegov.ledger.keys.KeyFiles.readSignerKey(file);
        String actor = key.name().contains("/") ? key.name().substring(0, key.name().indexOf('/')) : key.name();
        var writer = new org.computegov.registry.statement.StatementWriter(key, actor, clock);
        org.computegov.registry.kernel.ServerWriter w = new org.computegov.registry.kernel.ServerWriter() {
            @Override
            public org.computegov.registry.statement.StatementWriter writer() {
                return writer;
            }

            @Override
            public Registry.Accepted submit(org.computegov.registry.statement.Submission s)
                    throws org.computegov.registry.statement.Rejection {
                return registry.submit(s);
            }
        };
        for (Capability c : registry.catalogue().capabilities()) {
            c.serverWriter(w);
        }
    }

    /** How long this start spent seeding the demo world (statements and console users); 0 without --demo. */
    public double demoSeconds() {
        return demoSeconds;
    }

    public int port() {
        return app.port();
    }

    /**
     * Every HTTP route of the API, as "METHOD path" (e.g. "GET /health"); checked against the OpenAPI file. The
     * console's pages are not API and are left out.
     */
    public java.util.List<String> routes() {
        // Before/after handlers (the request authenticator's) are listed with the routes but are not routes.
        return app.unsafe.internalRouter.allHttpHandlers().stream().filter(e -> !Console.isPage(e.endpoint.path))
                .filter(e -> !e.endpoint.method.name().startsWith("BEFORE") && !e.endpoint.method.name().startsWith("AFTER"))
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    /** Bodies refused (too large, too slow, over budget) and connections closed on accept, so far. */
    public HttpGate.Refusals refusals() {
        return gate.refusals();
    }

    public LogService log() {
        return log;
    }

    public Registry registry() {
        return registry;
    }

    /** The log's verifier key (C2SP note format), which auditors and witnesses use to check its checkpoints. */
    public String logVerifierKey() {
        return logVerifierKey;
    }

    public Database database() {
        return database;
    }

    /**
     * Stops HTTP first, then the registry (which first stops its capabilities' background work), the log (its queue
     * drained), the pool, and the database.
     */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            closeQuietly(registry);
            closeQuietly(log);
            pool.close();
            try {
                database.close();
            } finally {
                lock.close();
            }
        }
    }
}
