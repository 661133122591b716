package org.computegov.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.computegov.api.Json;
import org.computegov.api.ShapingApi;

/**
 * The shaping capability's pure reads: the regimes' reach in chips, and the export-control check of a chip
 * transfer. GETs that anyone may call; the registry-backed reads (holdings, awards) come with the statement kernel.
 */
final class ShapingRoutes {
    private final ShapingApi api;

    ShapingRoutes(ShapingApi api) {
        this.api = api;
    }

    void install(RoutesConfig routes) {
        routes.get("/api/v1/concern/reach", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "within", "utilization", "chip", "date");
            json(ctx, api.reach(q.get("chip"), q.required("within", "90"), q.get("utilization"), q.get("date")));
        });
        routes.get(KnowledgeRoutes.BASE + "/chips/{name}/transfer", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "toCountry", "count", "date");
            json(ctx, api.checkTransfer(ctx.pathParam("name"), q.get("count"), q.required("toCountry", "AE"),
                    q.get("date"), null));
        });
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(Json.write(value));
    }
}
