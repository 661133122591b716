package org.computegov.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.computegov.api.Json;
import org.computegov.api.KnowledgeApi;

/** The knowledge core under /api/v1/knowledge: pure reads, so every route is a GET that anyone may call. */
final class KnowledgeRoutes {
    static final String BASE = "/api/v1/knowledge";
    private final KnowledgeApi api;

    KnowledgeRoutes(KnowledgeApi api) {
        this.api = api;
    }

    void install(RoutesConfig routes) {
        routes.get(BASE + "/chips", ctx -> {
            QueryParams.accept(ctx);
            json(ctx, Map.of("chips", api.chips()));
        });
        routes.get(BASE + "/chips/{name}", ctx -> {
            QueryParams.accept(ctx);
            json(ctx, api.chip(ctx.pathParam("name")));
        });
        routes.get(BASE + "/chips/{name}/classification", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "asOf");
            json(ctx, api.classify(ctx.pathParam("name"), q.get("asOf")));
        });
        routes.get(BASE + "/estimate/architecture", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "params", "tokens", "activeParams", "recompute");
            json(ctx, api.estimateFromArchitecture(q.required("params", "175e9"), q.required("tokens", "300e9"),
                    q.get("activeParams"), q.flag("recompute")));
        });
        routes.get(BASE + "/estimate/hardware", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "chip", "count", "hours", "gpuHours", "precision", "utilization",
                    "utilizationRange", "modelKind");
            json(ctx, api.estimateFromHardware(q.required("chip", "H100"), q.get("count"), q.get("hours"),
                    q.get("gpuHours"), q.get("precision"), q.get("utilization"), q.get("utilizationRange"),
                    q.get("modelKind")));
        });
        routes.get(BASE + "/thresholds", ctx -> {
            QueryParams.accept(ctx);
            json(ctx, Map.of("regimes", api.regimes()));
        });
        routes.get(BASE + "/thresholds/check", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "flop", "baseFlop", "bio", "costUsd", "revenueUsd", "date");
            json(ctx, api.checkRun(q.required("flop", "3.8e25"), q.get("baseFlop"), q.flag("bio"), q.get("costUsd"),
                    q.get("revenueUsd"), q.get("date")));
        });
        routes.get(BASE + "/thresholds/cluster", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "opsPerSecond", "chip", "count", "networkGbps", "date");
            json(ctx, api.checkCluster(q.get("opsPerSecond"), q.get("chip"), q.get("count"), q.get("networkGbps"),
                    q.get("date")));
        });
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(Json.write(value));
    }
}
