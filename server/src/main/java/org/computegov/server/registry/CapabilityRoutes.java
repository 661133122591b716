package org.computegov.server.registry;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.computegov.registry.kernel.Answer;
import org.computegov.registry.kernel.Request;
import org.computegov.registry.kernel.Routes;
import org.computegov.registry.kernel.Viewer;
import org.computegov.server.QueryParams;

/**
 * A capability's routes on Javalin: every request's parameters are checked against those the route declares, its
 * signature (if any) verified into a {@link Viewer}, and the handler's answer written as JSON, or as the
 * {@link Answer} it returned; a refusal becomes a problem body in {@code Problems}, the one place that writes them.
 */
public final class CapabilityRoutes implements Routes {
    private final RoutesConfig routes;
    private final RequestAuthenticator auth;
    private final Clock clock;

    public CapabilityRoutes(RoutesConfig routes, RequestAuthenticator auth, Clock clock) {
        this.routes = routes;
        this.auth = auth;
        this.clock = clock;
    }

    @Override
    public void get(String path, Handler handler, String... params) {
        routes.get(path, ctx -> handle(ctx, handler, params));
    }

    @Override
    public void post(String path, Handler handler, String... params) {
        routes.post(path, ctx -> handle(ctx, handler, params));
    }

    private void handle(Context ctx, Handler handler, String[] params) throws Exception {
        QueryParams q = QueryParams.accept(ctx, params);
        Viewer viewer = RegistryRoutes.call(() -> auth.viewer(ctx));
        Map<String, String> query = new LinkedHashMap<>();
        for (String p : params) {
            String v = q.get(p);
            if (v != null) {
                query.put(p, v);
            }
        }
        boolean post = ctx.method().name().equals("POST");
        Request request = new Request(viewer, Map.copyOf(ctx.pathParamMap()), query, post ? ctx.bodyAsBytes() : new byte[0],
                clock.instant());
        Object answer = RegistryRoutes.call(() -> handler.answer(request));
        if (answer instanceof Answer a) {
            ctx.status(a.status()).contentType(a.contentType()).result(a.body());
        } else {
            RegistryRoutes.json(ctx, answer);
        }
    }
}
