package org.computegov.shaping.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.Rejection;

/** Reads the chip registry's sealed payloads, refusing what the tables could not hold with the field that is wrong. */
final class ChipPayloads {
    static final long MAX_COUNT = 10_000_000;
    static final Set<String> PROVENANCE_ROLES = Set.of("vendor", "distributor", "data-centre", "owner");

    record Batch(String batch, String chip, long count, String site, String country, Double networkGbps,
            List<String> serials, String provenanceJson) {}

    record Transfer(String batch, long count, String to, String toSite, String toCountry) {}

    private ChipPayloads() {}

    static JsonNode parse(byte[] payload) throws Rejection {
        try {
            JsonNode n = Json.MAPPER.readTree(payload);
            if (n == null || !n.isObject()) {
                throw Rejection.badInput("the payload must be a JSON object", "sealed.payload", null);
            }
            return n;
        } catch (IOException e) {
            throw Rejection.badInput("the payload is not JSON: " + e.getMessage(), "sealed.payload", null);
        }
    }

    static Batch batch(byte[] payload) throws Rejection {
        JsonNode n = parse(payload);
        String batch = name(n, "batch");
        String chip = Checks.text(n, "chip", "sealed.payload.chip");
        long count = count(n);
        String site = name(n, "site");
        String country = Checks.country(Checks.text(n, "country", "sealed.payload.country"), "sealed.payload.country");
        Double network = null;
        if (n.hasNonNull("networkGbps")) {
            JsonNode g = n.get("networkGbps");
            if (!g.isNumber() || !(g.doubleValue() > 0) || g.doubleValue() > 1e7) {
                throw Rejection.badInput("networkGbps must be a positive number of Gbit/s", "sealed.payload.networkGbps", null);
            }
            network = g.doubleValue();
        }
        List<String> serials = new ArrayList<>();
        if (n.has("serials")) {
            JsonNode s = n.get("serials");
            if (!s.isArray() || s.size() != count) {
                throw Rejection.badInput("serials must list one serial per chip (" + count + "), or be left out for a batch",
                        "sealed.payload.serials", null);
            }
            for (int i = 0; i < s.size(); i++) {
                JsonNode e = s.get(i);
                if (!e.isTextual() || e.textValue().isBlank() || e.textValue().length() > 128) {
                    throw Rejection.badInput("a serial is a non-blank string of at most 128 characters",
                            "sealed.payload.serials[" + i + "]", null);
                }
                serials.add(e.textValue());
            }
            if (Set.copyOf(serials).size() != serials.size()) {
                throw Rejection.badInput("a serial appears twice", "sealed.payload.serials", null);
            }
        }
        var provenance = Json.array();
        if (n.has("provenance")) {
            JsonNode p = n.get("provenance");
            if (!p.isArray()) {
                throw Rejection.badInput("provenance must be an array of {role, name}", "sealed.payload.provenance", null);
            }
            for (int i = 0; i < p.size(); i++) {
                String path = "sealed.payload.provenance[" + i + "]";
                String role = Checks.text(p.get(i), "role", path + ".role");
                if (!PROVENANCE_ROLES.contains(role)) {
                    throw Rejection.badInput(path + ".role must be vendor, distributor, data-centre or owner", path + ".role", null);
                }
                provenance.addObject().put("role", role).put("name", Checks.text(p.get(i), "name", path + ".name"));
            }
        }
        return new Batch(batch, chip, count, site, country, network, serials, provenance.toString());
    }

    static Transfer transfer(byte[] payload) throws Rejection {
        JsonNode n = parse(payload);
        return new Transfer(name(n, "batch"), count(n), name(n, "to"), name(n, "toSite"),
                Checks.country(Checks.text(n, "toCountry", "sealed.payload.toCountry"), "sealed.payload.toCountry"));
    }

    private static String name(JsonNode n, String field) throws Rejection {
        String v = Checks.text(n, field, "sealed.payload." + field);
        if (v.length() > 128) {
            throw Rejection.badInput(field + " has at most 128 characters", "sealed.payload." + field, null);
        }
        return v;
    }

    private static long count(JsonNode n) throws Rejection {
        JsonNode c = n.get("count");
        if (c == null || !c.canConvertToLong() || !c.isIntegralNumber() || c.longValue() < 1 || c.longValue() > MAX_COUNT) {
            throw Rejection.badInput("count must be a whole number from 1 to " + MAX_COUNT, "sealed.payload.count", null);
        }
        return c.longValue();
    }
}
