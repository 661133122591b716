package org.computegov.server.registry;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.computegov.api.Json;
import org.computegov.registry.kernel.KernelReads;
import org.computegov.registry.kernel.Registry;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.computegov.registry.statement.Submission;
import org.computegov.server.ApiProblem;
import org.computegov.server.QueryParams;

/**
 * The kernel over HTTP: statements in (signed, checked, logged, applied), the public actor list, kinds and statistics,
 * and the regulator's replay. Each capability's own routes come through {@link CapabilityRoutes}.
 */
public final class RegistryRoutes {
    private final Registry registry;
    private final KernelReads reads;
    private final RequestAuthenticator auth;

    public RegistryRoutes(Registry registry, RequestAuthenticator auth) {
        this.registry = registry;
        this.reads = new KernelReads(registry.store(), registry.catalogue());
        this.auth = auth;
    }

    public void install(RoutesConfig routes) {
        routes.post("/api/v1/registry/statements", ctx -> {
            QueryParams.accept(ctx);
            Registry.Accepted a = call(() -> registry.submit(Submission.parse(ctx.bodyAsBytes())));
            json(ctx.status(201), a);
        });
        routes.get("/api/v1/registry/actors", ctx -> {
            QueryParams.accept(ctx);
            json(ctx, reads.actors());
        });
        routes.get("/api/v1/registry/kinds", ctx -> {
            QueryParams.accept(ctx);
            json(ctx, reads.kinds());
        });
        routes.get("/api/v1/registry/stats", ctx -> {
            QueryParams.accept(ctx);
            json(ctx, reads.stats());
        });
        routes.post("/api/v1/registry/replay", ctx -> {
            QueryParams.accept(ctx);
            Viewer v = call(() -> auth.viewer(ctx));
            call(() -> {
                v.require("replay", Role.REGULATOR);
                return null;
            });
            json(ctx, registry.replay());
        });
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

    static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(Json.write(value).getBytes(StandardCharsets.UTF_8));
    }
}
