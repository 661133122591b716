package org.computegov.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.computegov.api.Json;
import org.computegov.api.TrendsApi;

/**
 * Compute trends under /api/v1/trends, from Epoch AI's notable-models data (CC-BY 4.0, credited in every answer's
 * {@code source}): pure reads, GETs that anyone may call.
 */
final class TrendsRoutes {
    static final String BASE = "/api/v1/trends";
    private final TrendsApi api;

    TrendsRoutes(TrendsApi api) {
        this.api = api;
    }

    void install(RoutesConfig routes) {
        routes.get(BASE + "/fit", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "from", "to", "domain", "basis", "confidence");
            json(ctx, api.fit(q.get("from"), q.get("to"), q.get("domain"), q.get("basis"), q.get("confidence")));
        });
        routes.get(BASE + "/frontier", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "from", "to", "domain");
            json(ctx, api.frontier(q.get("from"), q.get("to"), q.get("domain")));
        });
        routes.get(BASE + "/forecast", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "flop", "from", "to", "domain", "confidence");
            json(ctx, api.forecast(q.required("flop", "1e27"), q.get("from"), q.get("to"), q.get("domain"),
                    q.get("confidence")));
        });
        routes.get(BASE + "/domains", ctx -> {
            QueryParams.accept(ctx);
            json(ctx, Map.of("domains", api.domains()));
        });
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(Json.write(value));
    }
}
