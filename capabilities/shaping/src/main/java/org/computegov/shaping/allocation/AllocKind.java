package org.computegov.shaping.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.DeclaredKind;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * What the allocation kinds share: the statement's body (the predicate's {@code allocation} object, or the sealed
 * payload for proposals and reviews), the subject {@code allocation:<id>}, and field checks that refuse what the
 * tables could not hold with the field that is wrong.
 */
abstract class AllocKind<P> extends DeclaredKind<P> {
    static final String MEMBER = "allocation";
    static final double MAX_CREDITS = 1e12;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    AllocKind(String wire, boolean sealed, Role signer) {
        super(wire, sealed, signer);
    }

    /** The field of the body that names what the statement is about: its subject is {@code allocation:<that>}. */
    abstract String subjectField();

    /** The body, checked for members other than {@code allowed}, with the subject checked against it. */
    final Body body(Input in, String... allowed) throws Rejection {
        JsonNode n;
        String prefix;
        if (sealed()) {
            prefix = "sealed.payload";
            try {
                n = Json.MAPPER.readTree(in.payload());
            } catch (IOException e) {
                throw Rejection.badInput("the payload is not JSON: " + e.getMessage(), prefix, null);
            }
        } else {
            prefix = "predicate." + MEMBER;
            n = in.predicate().get(MEMBER);
        }
        if (n == null || !n.isObject()) {
            throw Rejection.badInput(prefix + " must be a JSON object", prefix, null);
        }
        Set<String> known = Set.of(allowed);
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!known.contains(f)) {
                throw Rejection.badInput(prefix + "." + f + " is not a member of " + wire() + " (known: "
                        + String.join(", ", allowed) + ")", prefix + "." + f, null);
            }
        }
        Body b = new Body((ObjectNode) n, prefix);
        Checks.requireSubject(in.statement(), "allocation:" + b.id(subjectField()));
        return b;
    }

    static LocalDate day(Input in) {
        return LocalDate.ofInstant(in.statement().issuedAt(), ZoneOffset.UTC);
    }

    static boolean exists(Handle h, String table, String id) {
        return h.createQuery("SELECT count(*) FROM " + table + " WHERE id = :id").bind("id", id).mapTo(Long.class).one() > 0;
    }

    /** A body with its path prefix, so every refusal names the exact field. */
    record Body(ObjectNode node, String prefix) {
        String path(String field) {
            return prefix + "." + field;
        }

        String text(String field, int max) throws Rejection {
            String t = Checks.text(node, field, path(field));
            if (t.length() > max) {
                throw Rejection.badInput(path(field) + " has at most " + max + " characters", path(field), null);
            }
            return t;
        }

        String optionalText(String field, int max) throws Rejection {
            return node.hasNonNull(field) ? text(field, max) : null;
        }

        String id(String field) throws Rejection {
            String t = Checks.text(node, field, path(field));
            if (!ID.matcher(t).matches()) {
                throw Rejection.badInput(path(field) + " '" + t + "' is not an id", path(field),
                        "Use letters, digits, '_', '.', ':' and '-' (at most 128), starting with a letter or digit.");
            }
            return t;
        }

        String account(String field) throws Rejection {
            String t = Checks.text(node, field, path(field));
            if (!ACCOUNT.matcher(t).matches()) {
                throw Rejection.badInput(path(field) + " '" + t + "' is not a Slurm account or user name", path(field),
                        "Lower-case letters, digits, '_', '.' and '-', starting with a letter or digit.");
            }
            return t;
        }

        LocalDate date(String field) throws Rejection {
            String t = Checks.text(node, field, path(field));
            try {
                LocalDate d = LocalDate.parse(t);
                if (d.getYear() < 1970 || d.getYear() > 2199) {
                    throw Rejection.badInput(path(field) + " is outside the years 1970-2199", path(field), null);
                }
                return d;
            } catch (DateTimeParseException e) {
                throw Rejection.badInput(path(field) + " must be a date YYYY-MM-DD, got '" + t + "'", path(field), null);
            }
        }

        double positive(String field, double max) throws Rejection {
            JsonNode v = node.get(field);
            if (v == null || !v.isNumber() || !(v.doubleValue() > 0) || v.doubleValue() > max) {
                throw Rejection.badInput(path(field) + " must be a positive number of at most " + max, path(field), null);
            }
            return v.doubleValue();
        }

        /** An object resource → credits (each ≥ 0, finite); {@code required} refuses a missing or empty one. */
        Map<String, Double> credits(String field, boolean required) throws Rejection {
            JsonNode v = node.get(field);
            Map<String, Double> out = new LinkedHashMap<>();
            if (v == null || v.isNull()) {
                if (required) {
                    throw Rejection.badInput(path(field) + " is missing: give credits per resource", path(field), null);
                }
                return out;
            }
            if (!v.isObject() || (required && v.isEmpty())) {
                throw Rejection.badInput(path(field) + " must be an object of resource → credits", path(field), null);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                var e = it.next();
                String p = path(field) + "." + e.getKey();
                JsonNode c = e.getValue();
                if (!ID.matcher(e.getKey()).matches() || !c.isNumber() || c.doubleValue() < 0 || c.doubleValue() > MAX_CREDITS) {
                    throw Rejection.badInput(p + " must be a resource id with credits from 0 to " + (long) MAX_CREDITS, p, null);
                }
                out.put(e.getKey(), c.doubleValue());
            }
            return out;
        }
    }
}
