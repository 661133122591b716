package org.computegov.licensing.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.computegov.licensing.budget.Tranche;

/**
 * A licence's terms as JSON, the {@code licence} object of a licence statement's predicate:
 * <pre>{"id", "developer", "run", "tranches": [{"flop": "3e25", "condition": "…"}], "tranchesReleased": 1,
 *  "clusters": ["cloud-a/sol", "cloud-b/*"], "accounts": ["cloud-a/acct-1"], "validFrom", "validUntil",
 *  "conditions": ["…"]}</pre>
 * FLOP are strings holding a whole number (plain or in E notation, e.g. "3e25"), since they exceed a double's exact
 * range.
 */
@org.computegov.registry.kernel.Published
public final class LicenceJson {
    private LicenceJson() {}

    /** The terms, and how many tranches were released at issue. */
    public record Terms(Licence licence, int tranchesReleased) {}

    public static Terms parse(JsonNode o) throws IllegalArgumentException {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("licence must be a JSON object");
        }
        List<Tranche> tranches = new ArrayList<>();
        JsonNode ts = o.path("tranches");
        if (!ts.isArray() || ts.isEmpty() || ts.size() > 100) {
            throw new IllegalArgumentException("licence.tranches must be a list of 1 to 100 tranches");
        }
        for (JsonNode t : ts) {
            tranches.add(new Tranche(tranches.size() + 1, flop(t.path("flop"), "licence.tranches[" + tranches.size() + "].flop"),
                    t.path("condition").asText("")));
        }
        int released = o.path("tranchesReleased").asInt(1);
        if (released < 0 || released > tranches.size()) {
            throw new IllegalArgumentException("licence.tranchesReleased must be in [0, " + tranches.size() + "]");
        }
        Licence l = new Licence(text(o, "id"), text(o, "developer"), text(o, "run"), tranches, strings(o, "clusters"),
                strings(o, "accounts"), instant(o, "validFrom"), instant(o, "validUntil"), List.copyOf(strings(o, "conditions")));
        if (l.clusters().isEmpty()) {
            throw new IllegalArgumentException("licence.clusters must name at least one provider/cluster (or provider/*)");
        }
        return new Terms(l, released);
    }

    public static ObjectNode toJson(Licence l, int tranchesReleased) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", l.id());
        o.put("developer", l.developer());
        o.put("run", l.run());
        var ts = o.putArray("tranches");
        for (Tranche t : l.tranches()) {
            ObjectNode tn = ts.addObject();
            tn.put("flop", t.flop().toString());
            if (!t.condition().isEmpty()) {
                tn.put("condition", t.condition());
            }
        }
        o.put("tranchesReleased", tranchesReleased);
        l.clusters().stream().sorted().forEach(o.putArray("clusters")::add);
        l.accounts().stream().sorted().forEach(o.putArray("accounts")::add);
        o.put("validFrom", l.validFrom().toString());
        o.put("validUntil", l.validUntil().toString());
        l.conditions().forEach(o.putArray("conditions")::add);
        return o;
    }

    /** A whole, positive FLOP amount from a string ("3e25", "30000000000000000000000000"). */
    public static BigInteger flop(JsonNode n, String field) {
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string holding a whole number of FLOP, e.g. \"3e25\"");
        }
        return flop(n.textValue(), field);
    }

    public static BigInteger flop(String s, String field) {
        try {
            BigDecimal d = new BigDecimal(s.trim());
            if (d.signum() <= 0 || d.compareTo(new BigDecimal("1e40")) > 0) {
                throw new IllegalArgumentException(field + " must be positive and at most 1e40 FLOP");
            }
            return d.toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(field + " must be a whole number of FLOP, e.g. \"3e25\", not '" + s + "'");
        }
    }

    private static String text(JsonNode o, String f) {
        JsonNode n = o.path(f);
        if (!n.isTextual() || n.textValue().isBlank() || n.textValue().length() > 200) {
            throw new IllegalArgumentException("licence." + f + " must be a non-empty string of at most 200 characters");
        }
        return n.textValue();
    }

    private static Set<String> strings(JsonNode o, String f) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode n = o.path(f);
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isArray() || n.size() > 1000) {
            throw new IllegalArgumentException("licence." + f + " must be a list of strings");
        }
        for (JsonNode s : n) {
            if (!s.isTextual() || s.textValue().isBlank()) {
                throw new IllegalArgumentException("licence." + f + " must be a list of non-empty strings");
            }
            out.add(s.textValue());
        }
        return out;
    }

    private static Instant instant(JsonNode o, String f) {
        try {
            return Instant.parse(o.path(f).asText(""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("licence." + f + " must be an RFC 3339 UTC time, e.g. 2026-12-01T00:00:00Z");
        }
    }
}
