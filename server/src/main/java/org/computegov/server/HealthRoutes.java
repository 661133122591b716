package org.computegov.server;

import io.javalin.config.RoutesConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.computegov.api.Json;

/**
 * GET /health: 200 when the database answers, 503 when it does not, with what was seen either way.
 *
 * <p>/health is public, so what it costs is bounded: the database is asked at most once per {@link #FRESH} through
 * the server's pool, and every request in between gets that answer. (It used to open a connection of its own per
 * request: a new PostgreSQL backend process each time, so 200 unauthenticated requests a second forked 200
 * processes a second and slowed every write.)
 */
final class HealthRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HealthRoutes.class);
    /** How long one look at the database answers /health. */
    static final long FRESH = 1_000_000_000L;
    private final javax.sql.DataSource pool;
    private final String schemaVersion;
    private volatile Seen seen;

    /** What the last look at the database saw, and when (System.nanoTime). */
    private record Seen(long at, boolean up, String instanceId) {}

    HealthRoutes(javax.sql.DataSource pool, String schemaVersion) {
        this.pool = pool;
        this.schemaVersion = schemaVersion;
    }

    private final java.util.concurrent.locks.ReentrantLock looking = new java.util.concurrent.locks.ReentrantLock();

    /**
     * The last look if it is fresh, else a new one. One caller looks at a time; while it does, the others get the
     * last answer (stale by at most how long the look takes) instead of queueing a thread each behind a slow database.
     */
    private Seen look() {
        Seen last = seen;
        if (last != null && System.nanoTime() - last.at() < FRESH) {
            return last;
        }
        if (last != null && !looking.tryLock()) {
            return last;
        }
        if (last == null) {
            looking.lock();
        }
        try {
            if (seen != null && System.nanoTime() - seen.at() < FRESH) {
                return seen;
            }
            Seen now;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.setQueryTimeout(5);
                try (ResultSet rs = s.executeQuery("SELECT (SELECT id::text FROM server_instance)")) {
                    rs.next();
                    now = new Seen(System.nanoTime(), true, rs.getString(1));
                }
            } catch (SQLException e) {
                LOG.warn("health: the database does not answer: {}", e.getMessage());
                now = new Seen(System.nanoTime(), false, null);
            }
            seen = now;
            return now;
        } finally {
            looking.unlock();
        }
    }

    void install(RoutesConfig routes) {
        routes.get("/health", ctx -> {
            QueryParams.accept(ctx);
            Map<String, Object> db = new LinkedHashMap<>();
            // Nothing about where the database is (port, data directory, URL) or which build it runs (a version helps
            // an attacker pick an exploit): /health is public. The server's log says where it is at start.
            db.put("schemaVersion", schemaVersion);
            Seen look = look();
            boolean up = look.up();
            if (up) {
                db.put("status", "UP");
                db.put("instanceId", look.instanceId());
            } else {
                db.put("status", "DOWN");
                db.put("error", "the database does not answer (the server's log says why)");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "UP" : "DOWN");
            body.put("database", db);
            ctx.status(up ? 200 : 503).contentType("application/json").result(Json.write(body));
        });
    }
}
