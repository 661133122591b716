package org.computegov.deployment.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.statement.Rejection;
import org.jdbi.v3.core.Handle;

/** Parsing a predicate's fields into values, refusing with the field's path: what every kind here needs. */
final class Fields {
    private static final Pattern ROOT = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private Fields() {}

    static String text(JsonNode p, String field) throws Rejection {
        String t = Checks.text(p, field, "predicate." + field);
        if (t.length() > 4096) {
            throw Rejection.badInput("predicate." + field + " is longer than 4096 characters", "predicate." + field, null);
        }
        return t;
    }

    static Optional<String> optText(JsonNode p, String field) throws Rejection {
        JsonNode v = p.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(text(p, field));
    }

    /** An identifier: letters, digits and {@code . _ : -}, so that {@code provider/id} references stay unambiguous. */
    static String id(JsonNode p, String field) throws Rejection {
        String t = text(p, field);
        if (!ID.matcher(t).matches()) {
            throw Rejection.badInput("predicate." + field + " '" + t + "' is not an identifier", "predicate." + field,
                    "Use letters, digits, '.', '_', ':' and '-' (at most 128), starting with a letter or digit.");
        }
        return t;
    }

    /** A reference {@code owner/id} to another statement's object. */
    static String[] ref(JsonNode p, String field) throws Rejection {
        String t = text(p, field);
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1 || t.indexOf('/', slash + 1) >= 0) {
            throw Rejection.badInput("predicate." + field + " '" + t + "' is not OWNER/ID", "predicate." + field,
                    "Name it by its owner's actor id and its id, e.g. cloud-a/chat-eu-1.");
        }
        return new String[] {t.substring(0, slash), t.substring(slash + 1)};
    }

    static String root(JsonNode p, String field) throws Rejection {
        String t = text(p, field);
        if (!ROOT.matcher(t).matches()) {
            throw Rejection.badInput("predicate." + field + " must be the model's OMS root: 64 lowercase hex digits",
                    "predicate." + field, "Run 'cgov model hash DIR' and use its root.");
        }
        return t;
    }

    static Instant instant(JsonNode p, String field) throws Rejection {
        String t = text(p, field);
        try {
            return Checks.time(Instant.parse(t), "predicate." + field);
        } catch (DateTimeParseException e) {
            throw Rejection.badInput("predicate." + field + " '" + t + "' is not an RFC 3339 UTC instant",
                    "predicate." + field, "e.g. 2026-12-31T00:00:00Z");
        }
    }

    static Optional<Instant> optInstant(JsonNode p, String field) throws Rejection {
        return p.hasNonNull(field) ? Optional.of(instant(p, field)) : Optional.empty();
    }

    static LocalDate date(JsonNode p, String field) throws Rejection {
        String t = text(p, field);
        try {
            LocalDate d = LocalDate.parse(t);
            Checks.time(d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), "predicate." + field);
            return d;
        } catch (DateTimeParseException e) {
            throw Rejection.badInput("predicate." + field + " '" + t + "' is not a date", "predicate." + field, "Write YYYY-MM-DD.");
        }
    }

    static Duration duration(JsonNode p, String field, Duration otherwise) throws Rejection {
        if (!p.hasNonNull(field)) {
            return otherwise;
        }
        String t = text(p, field);
        try {
            Duration d = Duration.parse(t);
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(3650)) > 0) {
                throw Rejection.badInput("predicate." + field + " must be positive and at most ten years", "predicate." + field, null);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw Rejection.badInput("predicate." + field + " '" + t + "' is not an ISO-8601 duration", "predicate." + field, "e.g. P1D");
        }
    }

    /** A list of non-blank strings (absent: empty), at most {@code max}. */
    static List<String> texts(JsonNode p, String field, int max) throws Rejection {
        JsonNode a = p.get(field);
        List<String> out = new ArrayList<>();
        if (a == null || a.isNull()) {
            return out;
        }
        if (!a.isArray() || a.size() > max) {
            throw Rejection.badInput("predicate." + field + " must be a list of at most " + max + " strings", "predicate." + field, null);
        }
        for (int i = 0; i < a.size(); i++) {
            JsonNode v = a.get(i);
            if (!v.isTextual() || v.asText().isBlank() || v.asText().indexOf('\0') >= 0) {
                throw Rejection.badInput("predicate." + field + "[" + i + "] must be a non-blank string", "predicate." + field + "[" + i + "]", null);
            }
            out.add(v.asText());
        }
        return out;
    }

    /** One of the allowed words. */
    static String oneOf(JsonNode p, String field, List<String> allowed) throws Rejection {
        String t = text(p, field);
        if (!allowed.contains(t)) {
            throw Rejection.badInput("predicate." + field + " '" + t + "' is not one of " + String.join(", ", allowed),
                    "predicate." + field, "Choose one of " + String.join(", ", allowed) + ".");
        }
        return t;
    }

    static boolean exists(Handle h, String sql, Object... binds) {
        var q = h.createQuery(sql);
        for (int i = 0; i < binds.length; i++) {
            q.bind(i, binds[i]);
        }
        return q.mapTo(Long.class).one() > 0;
    }

    /** A timestamp column as the driver returns it (Timestamp or OffsetDateTime), as an instant; null stays null. */
    static Instant instantOf(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        return (Instant) o;
    }
}
