package org.computegov.server;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A handler's query parameters, checked against the names it accepts so that a misspelt parameter is an error
 * rather than silently ignored.
 */
public final class QueryParams {
    private final Context ctx;

    private QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    public static QueryParams accept(Context ctx, String... names) throws ApiProblem {
        Set<String> allowed = Set.of(names);
        for (String given : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(given)) {
                throw ApiProblem.invalidInput("Unknown query parameter '" + given + "'.",
                        given, names.length == 0 ? "This resource takes no parameters."
                        : "Accepted: " + String.join(", ", List.of(names)) + ".");
            }
            if (ctx.queryParams(given).size() > 1) {
                throw ApiProblem.invalidInput("Query parameter '" + given
                        + "' is given more than once.", given, "Give it once.");
            }
        }
        return new QueryParams(ctx);
    }

    /** The value, or null when absent or empty. */
    public String get(String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v;
    }

    String required(String name, String example) throws ApiProblem {
        String v = get(name);
        if (v == null) {
            throw ApiProblem.invalidInput("Query parameter '" + name + "' is required.",
                    name, "For example " + name + "=" + example + ".");
        }
        return v;
    }

    boolean flag(String name) throws ApiProblem {
        String v = get(name);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiProblem.invalidInput("Query parameter '" + name
                    + "' must be true or false, got '" + v + "'.", name, "");
        };
    }
}
