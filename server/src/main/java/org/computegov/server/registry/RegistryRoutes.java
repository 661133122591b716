package org.computegov.server.registry;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.computegov.api.Json;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Submission;
import org.computegov.registry.store.RegistryReads;
import org.computegov.registry.store.RegistryService;
import org.computegov.registry.store.Viewer;
import org.computegov.server.ApiProblem;
import org.computegov.server.QueryParams;

/**
 * The registry over HTTP: statements in (signed, checked, logged, applied), and reads filtered by who signed the
 * request. Public: the actor list and statistics.
 */
public final class RegistryRoutes {
    private static final int MAX_LIMIT = 10_000;
    private final RegistryService registry;
    private final RegistryReads reads;
    private final RequestAuthenticator auth;
    private final Clock clock;

    public RegistryRoutes(RegistryService registry, RequestAuthenticator auth, Clock clock) {
        this.registry = registry;
        this.reads = new RegistryReads(registry.reads(), registry.rules());
        this.auth = auth;
        this.clock = clock;
    }

    public void install(RoutesConfig routes) {
        routes.post("/api/v1/registry/statements", ctx -> {
            QueryParams.accept(ctx);
            RegistryService.Accepted a = call(() -> registry.submit(Submission.parse(ctx.bodyAsBytes())));
            json(ctx.status(201), a);
        });
        routes.get("/api/v1/registry/actors", ctx -> {
            QueryParams.accept(ctx);
            json(ctx, reads.actors());
        });
        routes.get("/api/v1/registry/stats", ctx -> {
            QueryParams.accept(ctx);
            json(ctx, reads.stats());
        });
        routes.get("/api/v1/registry/customers", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "provider");
            Viewer v = viewer(ctx);
            json(ctx, call(() -> reads.customers(v, q.get("provider"))));
        });
        routes.get("/api/v1/registry/customers/{provider}/{customer}", ctx -> {
            QueryParams.accept(ctx);
            Viewer v = viewer(ctx);
            json(ctx, call(() -> reads.customer(v, ctx.pathParam("provider"), ctx.pathParam("customer"))));
        });
        routes.get("/api/v1/registry/usage", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "provider", "customer", "run", "limit");
            Viewer v = viewer(ctx);
            int limit = limit(q.get("limit"));
            json(ctx, call(() -> reads.usage(v, q.get("provider"), q.get("customer"), q.get("run"), limit)));
        });
        routes.get("/api/v1/registry/runs", ctx -> {
            QueryParams.accept(ctx);
            Viewer v = viewer(ctx);
            json(ctx, call(() -> reads.runs(v, clock.instant())));
        });
        routes.get("/api/v1/registry/runs/{developer}/{run}", ctx -> {
            QueryParams.accept(ctx);
            Viewer v = viewer(ctx);
            json(ctx, call(() -> reads.run(v, ctx.pathParam("developer"), ctx.pathParam("run"), clock.instant())));
        });
        routes.get("/api/v1/registry/owners", ctx -> {
            QueryParams.accept(ctx);
            Viewer v = viewer(ctx);
            json(ctx, call(() -> reads.owners(v)));
        });
        routes.get("/api/v1/registry/obligations", ctx -> {
            QueryParams.accept(ctx);
            Viewer v = viewer(ctx);
            json(ctx, call(() -> reads.obligations(v)));
        });
        routes.get("/api/v1/registry/alerts", ctx -> {
            QueryParams.accept(ctx);
            Viewer v = viewer(ctx);
            json(ctx, call(() -> reads.alerts(v)));
        });
        routes.get("/api/v1/registry/screening", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "name", "country");
            Viewer v = viewer(ctx);
            json(ctx, call(() -> registry.screen(v, q.get("name"), q.get("country"))));
        });
        routes.post("/api/v1/registry/replay", ctx -> {
            QueryParams.accept(ctx);
            Viewer v = viewer(ctx);
            call(() -> {
                v.require("replay", org.computegov.registry.statement.Role.REGULATOR);
                return null;
            });
            json(ctx, registry.replay());
        });
    }

    private Viewer viewer(Context ctx) throws ApiProblem {
        return call(() -> auth.viewer(ctx));
    }

    private static int limit(String text) throws ApiProblem {
        if (text == null) {
            return 1000;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiProblem(400, "invalid-input", "Invalid input", "limit must be a whole number in [1, " + MAX_LIMIT
                + "], got '" + text + "'.", "limit", null, null);
    }

    interface Call<T> {
        T run() throws Rejection;
    }

    /** Turns a registry rejection into the API's problem (same status, type, field and hint). */
    static <T> T call(Call<T> call) throws ApiProblem {
        try {
            return call.run();
        } catch (Rejection r) {
            throw new ApiProblem(r.status(), r.type(), r.title(), r.getMessage(), r.field(), r.hint(), r);
        }
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(Json.write(value).getBytes(StandardCharsets.UTF_8));
    }
}
