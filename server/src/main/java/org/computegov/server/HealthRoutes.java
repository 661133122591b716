package org.computegov.server;

import io.javalin.config.RoutesConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.computegov.api.Json;

/** GET /health: 200 when the database answers, 503 when it does not, with what was seen either way. */
final class HealthRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HealthRoutes.class);
    private final Database database;
    private final String schemaVersion;

    HealthRoutes(Database database, String schemaVersion) {
        this.database = database;
        this.schemaVersion = schemaVersion;
    }

    void install(RoutesConfig routes) {
        routes.get("/health", ctx -> {
            QueryParams.accept(ctx);
            Map<String, Object> db = new LinkedHashMap<>();
            // Nothing about where the database is (port, data directory, URL) or which build it runs (a version helps
            // an attacker pick an exploit): /health is public. The server's log says where it is at start.
            db.put("schemaVersion", schemaVersion);
            boolean up;
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.setQueryTimeout(5);
                try (ResultSet rs = s.executeQuery("SELECT (SELECT id::text FROM server_instance)")) {
                    rs.next();
                    db.put("status", "UP");
                    db.put("instanceId", rs.getString(1));
                }
                up = true;
            } catch (SQLException e) {
                db.put("status", "DOWN");
                db.put("error", "the database does not answer (the server's log says why)");
                LOG.warn("health: the database does not answer: {}", e.getMessage());
                up = false;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "UP" : "DOWN");
            body.put("database", db);
            ctx.status(up ? 200 : 503).contentType("application/json").result(Json.write(body));
        });
    }
}
