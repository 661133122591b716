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

    /**
     * Refuses a query the framework would decode loosely: a '%' not followed by two hex digits (the parameter would be
     * dropped or mangled, slipping past the checks below), or percent-escapes that do not decode to UTF-8.
     */
    public static void checkEncoding(Context ctx) throws ApiProblem {
        String raw = ctx.queryString();
        if (raw == null) {
            return;
        }
        java.io.ByteArrayOutputStream decoded = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw ApiProblem.invalidInput("The query has a '%' not followed by two hex digits at character "
                            + (i + 1) + ".", null, "Percent-encode reserved characters, e.g. '%25' for '%'.");
                }
                decoded.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7f) {
                decoded.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else {
                decoded.write(c);
            }
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(decoded.toByteArray()));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiProblem.invalidInput("The query's percent-escapes do not decode to UTF-8 text.", null,
                    "Percent-encode the UTF-8 bytes of each character.");
        }
    }

    public static QueryParams accept(Context ctx, String... names) throws ApiProblem {
        checkEncoding(ctx);
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

    /** The request, for chaining after the check. */
    public Context ctx() {
        return ctx;
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
