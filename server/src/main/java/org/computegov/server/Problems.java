package org.computegov.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.computegov.api.Json;
import org.computegov.api.Problem;
import org.computegov.knowledge.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where exceptions become RFC 9457 problem bodies. */
final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {}

    static void install(RoutesConfig routes) {
        routes.exception(InvalidInputException.class, (e, ctx) -> send(ctx, Problem.of("invalid-input",
                "Invalid input", 400, e.getMessage(), ctx.path(), parameterName(e.field()), e.hint())));
        routes.exception(ApiProblem.class, (e, ctx) -> {
            if (e.status() == 503) {
                ctx.header("Retry-After", "1");
            }
            send(ctx, Problem.of(e.kind(), e.title(), e.status(), e.getMessage(), ctx.path(), e.field(), e.hint()));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            send(ctx, Problem.of("internal-error", "Internal server error", 500,
                    "The server failed to answer; the error is in its log.", ctx.path(), null, null));
        });
        routes.error(404, ctx -> {
            // A 404 problem a route already sent (an unknown run, customer, key) keeps its detail and hint. The
            // response's content type carries a charset ("application/problem+json;charset=utf-8").
            // So does a console page's own HTML "not found".
            String type = ctx.res().getContentType();
            if (type == null || !(type.startsWith(Problem.MEDIA_TYPE) || type.startsWith("text/html"))) {
                send(ctx, Problem.of("not-found", "Not found", 404, "No resource at " + ctx.path() + ".", ctx.path(),
                        null, "See /api/openapi.json for the API's paths."));
            }
        });
        routes.error(405, ctx -> send(ctx, Problem.of("method-not-allowed", "Method not allowed", 405,
                ctx.method() + " is not allowed on " + ctx.path() + ".", ctx.path(), null, null)));
    }

    static void send(Context ctx, Problem problem) {
        ctx.status(problem.status()).contentType(Problem.MEDIA_TYPE).result(Json.write(problem));
    }

    /** "--as-of" → "asOf": the CLI's option names the knowledge core uses, as the API's query parameters. */
    static String parameterName(String field) {
        if (field == null) {
            return null;
        }
        String bare = field.startsWith("--") ? field.substring(2) : field;
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : bare.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
