package org.computegov.customers;

import org.computegov.registry.kernel.Published;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Supplier;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;

/**
 * Customers as their providers and the regulator see them: a provider its own, the regulator all. The KYC record
 * itself comes from the vault and is shown only to them.
 */
@Published
public final class CustomerReads {
    private final ReadStore store;
    private final Screenings screenings;
    private final Supplier<CustomerUsage> usage;

    CustomerReads(ReadStore store, Screenings screenings, Supplier<CustomerUsage> usage) {
        this.store = store;
        this.screenings = screenings;
        this.usage = usage;
    }

    public ArrayNode customers(Viewer v, String provider) throws Rejection {
        v.require("customer records", Role.REGULATOR, Role.COMPUTE_PROVIDER);
        if (!v.regulator() && provider != null && !provider.equals(v.id())) {
            throw Rejection.forbidden(v.id() + " may read its own customers only", null);
        }
        String only = v.regulator() ? provider : v.id();
        return store.get(h -> {
            ArrayNode out = Json.array();
            h.createQuery("""
                    SELECT c.provider, c.customer_id AS "customerId", c.customer_type AS "type", c.legal_name AS "legalName",
                           c.country, c.foreign_customer AS "foreign", c.verification_state AS "verificationState",
                           c.risk_rating AS "riskRating",
                           (SELECT count(*) FROM screening_hit s WHERE s.provider = c.provider AND s.customer_id = c.customer_id) AS "screeningHits"
                    FROM customer c WHERE (CAST(:p AS text) IS NULL OR c.provider = :p) ORDER BY 1, 2""")
                    .bind("p", only).map((rs, c) -> Json.row(rs, out.addObject())).list();
            Map<String, Double> flop = usage.get().flopByAccount(h, only);
            for (JsonNode c : out) {
                ((ObjectNode) c).put("flop", flop.getOrDefault(c.get("provider").asText() + "/" + c.get("customerId").asText(), 0.0));
            }
            return out;
        });
    }

    /** How many customers {@link #customers(Viewer, String)} holds, with {@code onlyHits} only those with screening hits. */
    public long customerCount(Viewer v, String provider, boolean onlyHits) throws Rejection {
        String only = scope(v, provider);
        return store.get(h -> {
            var q = h.createQuery("SELECT count(*) FROM customer c" + where(only, onlyHits));
            if (only != null) {
                q.bind("p", only);
            }
            return q.mapTo(Long.class).one();
        });
    }

    /**
     * One page of {@link #customers(Viewer, String)} ({@code limit} rows after the first {@code offset}, in the same
     * order), with {@code onlyHits} only customers with screening hits; usage totals read for the page's accounts only.
     */
    public ArrayNode customers(Viewer v, String provider, boolean onlyHits, long limit, long offset) throws Rejection {
        String only = scope(v, provider);
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit " + limit + ", offset " + offset);
        }
        return store.get(h -> {
            ArrayNode out = Json.array();
            var q = h.createQuery("""
                    SELECT c.provider, c.customer_id AS "customerId", c.customer_type AS "type", c.legal_name AS "legalName",
                           c.country, c.foreign_customer AS "foreign", c.verification_state AS "verificationState",
                           c.risk_rating AS "riskRating",
                           (SELECT count(*) FROM screening_hit s WHERE s.provider = c.provider AND s.customer_id = c.customer_id) AS "screeningHits"
                    FROM customer c""" + where(only, onlyHits) + " ORDER BY 1, 2 LIMIT " + limit + " OFFSET " + offset);
            if (only != null) {
                q.bind("p", only);
            }
            q.map((rs, c) -> Json.row(rs, out.addObject())).list();
            for (JsonNode c : out) {
                ObjectNode totals = Json.object();
                usage.get().usage(h, c.get("provider").asText(), c.get("customerId").asText(), totals);
                ((ObjectNode) c).put("flop", totals.path("flop").asDouble());
            }
            return out;
        });
    }

    private static String scope(Viewer v, String provider) throws Rejection {
        v.require("customer records", Role.REGULATOR, Role.COMPUTE_PROVIDER);
        if (!v.regulator() && provider != null && !provider.equals(v.id())) {
            throw Rejection.forbidden(v.id() + " may read its own customers only", null);
        }
        return v.regulator() ? provider : v.id();
    }

    /** A provider's customers (binding {@code :p}) or all; with {@code onlyHits} only those with a screening hit. */
    private static String where(String only, boolean onlyHits) {
        java.util.List<String> w = new java.util.ArrayList<>();
        if (only != null) {
            w.add("c.provider = :p");
        }
        if (onlyHits) {
            w.add("EXISTS (SELECT 1 FROM screening_hit s WHERE s.provider = c.provider AND s.customer_id = c.customer_id)");
        }
        return w.isEmpty() ? "" : " WHERE " + String.join(" AND ", w);
    }

    /** One customer: the KYC record as submitted (from the vault), its access events, screening hits and usage. */
    public ObjectNode customer(Viewer v, String provider, String customerId) throws Rejection {
        v.require("customer records", Role.REGULATOR, Role.COMPUTE_PROVIDER);
        if (!v.regulator() && !provider.equals(v.id())) {
            throw Rejection.forbidden(v.id() + " may read its own customers only", null);
        }
        ObjectNode out = store.get(h -> {
            ObjectNode c = h.createQuery("""
                    SELECT c.provider, c.customer_id AS "customerId", c.foreign_customer AS "foreign",
                           c.verification_state AS "verificationState", c.commitment, c.log_index AS "logIndex", v.payload
                    FROM customer c JOIN registry_vault.sealed_payload v ON v.commitment = c.commitment
                    WHERE c.provider = :p AND c.customer_id = :c""")
                    .bind("p", provider).bind("c", customerId).map((rs, ctx) -> {
                        ObjectNode o = Json.object();
                        o.put("provider", rs.getString(1));
                        o.put("customerId", rs.getString(2));
                        o.put("foreign", rs.getBoolean(3));
                        o.put("verificationState", rs.getString(4));
                        o.put("commitment", rs.getString(5));
                        o.put("logIndex", rs.getLong(6));
                        try {
                            o.set("record", Json.MAPPER.readTree(rs.getBytes(7)));
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException("a stored KYC record is not JSON", e);
                        }
                        return o;
                    }).findFirst().orElse(null);
            if (c == null) {
                return null;
            }
            ArrayNode events = c.putArray("accessEvents");
            h.createQuery("SELECT ip_address AS \"ipAddress\", at AS \"time\", action, log_index AS \"logIndex\" FROM access_event"
                    + " WHERE provider = :p AND customer_id = :c ORDER BY log_index, seq")
                    .bind("p", provider).bind("c", customerId).map((rs, ctx) -> Json.row(rs, events.addObject())).list();
            ArrayNode hits = c.putArray("screeningHits");
            h.createQuery("SELECT list_name AS list, entry_id AS \"entryId\", score, matched_name AS \"matchedName\","
                    + " query_name AS \"queryName\", fields, source FROM screening_hit"
                    + " WHERE provider = :p AND customer_id = :c ORDER BY score DESC, entry_id")
                    .bind("p", provider).bind("c", customerId).map((rs, ctx) -> Json.row(rs, hits.addObject())).list();
            usage.get().usage(h, provider, customerId, c.putObject("usage"));
            return c;
        });
        if (out == null) {
            throw Rejection.notFound("no customer " + customerId + " at " + provider, "cgov kyc submit registers one.");
        }
        return out;
    }

    /** Screens a name (a prospective customer) against every loaded list: for providers and the regulator. */
    public ArrayNode screen(Viewer v, String name, String country) throws Rejection {
        v.require("screening", Role.REGULATOR, Role.COMPUTE_PROVIDER);
        if (name == null || name.isBlank()) {
            throw Rejection.badInput("name is required", "name", "e.g. ?name=Huawei%20Technologies&country=CN");
        }
        return store.get(h -> screenings.screen(h, name, country));
    }
}
