package org.computegov.registry.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.computegov.registry.statement.RegistryStatement;
import org.computegov.registry.statement.Rejection;

/** Checks every kind needs: the subject's name, public text fields, country codes, the span of storable times. */
public final class Checks {
    /** The span of times the registry takes: anything else is a typo, and PostgreSQL could not store it all. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    /** Bounds on one statement's content, so that one request cannot occupy the writer for long. */
    public static final int MAX_SEALED_BYTES = 32 << 20;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Checks() {}

    public static void requireSubject(RegistryStatement s, String name) throws Rejection {
        if (!s.subject().name().equals(name)) {
            throw Rejection.badInput("the subject of this statement is '" + name + "', not '" + s.subject().name() + "'",
                    "subject[0].name", null);
        }
    }

    /** A required, non-blank text field of a JSON object; {@code path} names it in the refusal. */
    public static String text(JsonNode n, String field, String path) throws Rejection {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw Rejection.badInput(path + " is missing", path, null);
        }
        String t = v.textValue();
        if (t.indexOf('\0') >= 0) {
            throw Rejection.badInput(path + " contains a NUL character", path, "Remove control characters.");
        }
        return t;
    }

    public static String country(String code, String field) throws Rejection {
        if (!COUNTRIES.contains(code)) {
            throw Rejection.badInput("'" + code + "' is not an ISO 3166-1 alpha-2 country code", field, "e.g. US, DE, SG");
        }
        return code;
    }

    /** Refuses a time outside the years 1970-2199. */
    public static Instant time(Instant t, String field) throws Rejection {
        if (t.isBefore(EARLIEST) || !t.isBefore(LATEST)) {
            throw Rejection.badInput(field + " is " + t + ", outside the years 1970-2199 the registry takes", field,
                    "Check the time (UTC, RFC 3339).");
        }
        return t;
    }

    /**
     * The field naming a problem inside a sealed payload: {@code sealed.payload} followed by the problem's JSON path
     * in it as the payload's reader gives it ({@code email}, {@code [1].ipAddress}, {@code $.plannedFlop}, or empty
     * for the document): {@code sealed.payload.email}, {@code sealed.payload[1].ipAddress},
     * {@code sealed.payload.plannedFlop}, {@code sealed.payload}.
     */
    public static String payloadField(String path) {
        String p = path == null ? "" : path.startsWith("$") ? path.substring(1) : path;
        if (p.isEmpty()) {
            return "sealed.payload";
        }
        return "sealed.payload" + (p.startsWith("[") || p.startsWith(".") ? p : "." + p);
    }
}
