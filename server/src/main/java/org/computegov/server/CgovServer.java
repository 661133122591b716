package org.computegov.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.computegov.api.KnowledgeApi;
import org.computegov.knowledge.InvalidInputException;
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
    private final Javalin app;

    private CgovServer(Database database, Javalin app) {
        this.database = database;
        this.app = app;
    }

    /** Starts the database and the HTTP server; fails fast (and leaves nothing running) if either cannot start. */
    public static CgovServer start(ServerOptions options, Clock clock) throws InvalidInputException {
        KnowledgeApi knowledge = knowledge(options, clock);
        Database database = options.databaseUrl() == null
                ? EmbeddedDatabase.start(options.dataDirectory())
                : new ExternalDatabase(options.databaseUrl(), options.databaseUser(), options.databasePassword());
        try {
            String schema = Migrations.migrate(database.dataSource());
            LOG.info("database: {} (schema version {})", database.description(), schema);
            byte[] openApi = resource("/openapi.json");
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.http.defaultContentType = "application/json";
                Problems.install(config.routes);
                new HealthRoutes(database, schema).install(config.routes);
                new KnowledgeRoutes(knowledge).install(config.routes);
                config.routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            });
            app.start(options.port());
            if (options.demo()) {
                LOG.info("demo world: the knowledge core needs no data; the registry's demo actors arrive with it");
            }
            LOG.info("computegov listening on http://localhost:{}", app.port());
            return new CgovServer(database, app);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static KnowledgeApi knowledge(ServerOptions options, Clock clock) throws InvalidInputException {
        HardwareCatalog catalog = options.catalogFile() == null ? HardwareCatalog.builtIn()
                : HardwareCatalog.builtInWith(options.catalogFile());
        RegimeCatalog regimes = options.regimesFile() == null ? RegimeCatalog.builtIn()
                : RegimeCatalog.builtIn().with(options.regimesFile());
        return new KnowledgeApi(catalog, ExportRules.builtIn(), regimes, clock);
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

    public int port() {
        return app.port();
    }

    /** Every HTTP route the server answers, as "METHOD path" (e.g. "GET /health"); checked against the OpenAPI file. */
    public java.util.List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            database.close();
        }
    }
}
