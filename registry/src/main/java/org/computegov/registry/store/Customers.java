package org.computegov.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.registry.kyc.AccessEvent;
import org.computegov.registry.kyc.AccessEvents;
import org.computegov.registry.kyc.BeneficialOwner;
import org.computegov.registry.kyc.CustomerRecord;
import org.computegov.registry.kyc.KycJson;
import org.computegov.registry.kyc.OwnerKey;
import org.computegov.registry.screening.ListFormatException;
import org.computegov.registry.screening.ScreeningIndex;
import org.computegov.registry.screening.ScreeningList;
import org.computegov.registry.screening.ScreeningLists;
import org.computegov.registry.screening.ScreeningQuery;
import org.computegov.registry.screening.ScreeningResult;
import org.computegov.registry.statement.RegistryStatement;
import org.computegov.registry.statement.Rejection;
import org.jdbi.v3.core.Handle;

/**
 * KYC in the projection: customer records (the provider's identification of its customer, sealed), access events,
 * and denied-party screening of every customer against every loaded list, redone when a record or a list changes.
 */
final class Customers {
    private final Projector projector;

    Customers(Projector projector) {
        this.projector = projector;
    }

    record CustomerPlan(CustomerRecord record, boolean foreign) {}

    CustomerPlan checkCustomer(Handle h, RegistryStatement s, Actor provider, byte[] payload) throws Rejection {
        CustomerRecord record;
        try {
            record = KycJson.readCustomer(payload);
        } catch (InvalidInputException e) {
            throw Rejection.badInput("the customer record is invalid: " + e.getMessage(), Projector.payloadField(e.field()), e.hint());
        }
        // The public statement names only the provider: the account id is part of the sealed record.
        Projector.requireSubject(s, "customer:" + s.issuer());
        return new CustomerPlan(record, provider.jurisdiction().isEmpty() || record.isForeignTo(provider.jurisdiction()));
    }

    record AccessPlan(String customer, List<AccessEvent> events) {}

    AccessPlan checkAccess(Handle h, RegistryStatement s, Actor provider, byte[] payload) throws Rejection {
        Projector.requireSubject(s, "customer:" + s.issuer());
        List<AccessEvent> events;
        try {
            events = KycJson.readAccessEvents(payload);
        } catch (InvalidInputException e) {
            throw Rejection.badInput("access events rejected: " + e.getMessage(), Projector.payloadField(e.field()), e.hint());
        }
        if (events.isEmpty()) {
            throw Rejection.badInput("the statement has no access events", "sealed.payload", "Send at least one event.");
        }
        for (int i = 0; i < events.size(); i++) {
            java.time.Instant t = events.get(i).time();
            if (t != null && (t.isBefore(Projector.EARLIEST) || t.isAfter(Projector.LATEST))) {
                throw Rejection.badInput("event " + i + " is at " + t + ", outside the years 1970-2199", "sealed.payload[" + i
                        + "].time", "Check the time (UTC, RFC 3339).");
            }
        }
        String customer = events.get(0).customerId();
        CustomerRecord record = record(h, s.issuer(), customer);
        if (record == null) {
            throw Rejection.notFound("customer " + customer + " of " + s.issuer() + " has no KYC record",
                    "Submit the customer's record first (cgov kyc submit): identification comes before access.");
        }
        try {
            AccessEvents.validate(events, record, provider.jurisdiction());
        } catch (InvalidInputException e) {
            throw Rejection.badInput("access events rejected: " + e.getMessage(), Projector.payloadField(e.field()), e.hint());
        }
        JsonNode n = s.predicate().get("events");
        if (n == null || !n.canConvertToInt() || n.asInt() != events.size()) {
            throw Rejection.badInput("predicate.events must be the number of events (" + events.size() + ")",
                    "predicate.events", null);
        }
        return new AccessPlan(customer, events);
    }

    /** A customer's current record, read back from the vault through its commitment. */
    static CustomerRecord record(Handle h, String provider, String customer) {
        byte[] payload = h.createQuery("""
                SELECT v.payload FROM customer c JOIN registry_vault.sealed_payload v ON v.commitment = c.commitment
                WHERE c.provider = :p AND c.customer_id = :c""").bind("p", provider).bind("c", customer)
                .mapTo(byte[].class).findFirst().orElse(null);
        if (payload == null) {
            return null;
        }
        try {
            return KycJson.readCustomer(payload);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("a stored customer record no longer reads: " + e.getMessage(), e);
        }
    }

    List<Monitoring.Fired> applyCustomer(Handle h, RegistryStatement s, Object plan, long index, ObjectNode summary,
            Monitoring monitoring) {
        CustomerPlan p = (CustomerPlan) plan;
        CustomerRecord r = p.record();
        String provider = s.issuer();
        List<String> ownersBefore = Monitoring.ownersOf(h, List.of(provider + "/" + r.customerId()));
        h.createUpdate("DELETE FROM beneficial_owner WHERE provider = :p AND customer_id = :c")
                .bind("p", provider).bind("c", r.customerId()).execute();
        h.createUpdate("""
                INSERT INTO customer (provider, customer_id, commitment, customer_type, legal_name, country, foreign_customer,
                                      verification_state, verified_on, risk_rating, log_index)
                VALUES (:p, :c, :commitment, :type, :name, :country, :foreign, :state, :on, :risk, :i)
                ON CONFLICT (provider, customer_id) DO UPDATE SET commitment = EXCLUDED.commitment,
                    customer_type = EXCLUDED.customer_type, legal_name = EXCLUDED.legal_name, country = EXCLUDED.country,
                    foreign_customer = EXCLUDED.foreign_customer, verification_state = EXCLUDED.verification_state,
                    verified_on = EXCLUDED.verified_on, risk_rating = EXCLUDED.risk_rating, log_index = EXCLUDED.log_index""")
                .bind("p", provider).bind("c", r.customerId()).bind("commitment", s.sealedSha256())
                .bind("type", r.customerType().name()).bind("name", r.legalName()).bind("country", r.country())
                .bind("foreign", p.foreign()).bind("state", r.verification().state().name())
                .bind("on", r.verification().date() == null ? null : Date.valueOf(r.verification().date()))
                .bind("risk", r.riskRating().name()).bind("i", index).execute();
        Map<String, BeneficialOwner> owners = new TreeMap<>();
        for (BeneficialOwner o : r.owners()) {
            owners.putIfAbsent(OwnerKey.of(o).value(), o);
        }
        for (var e : owners.entrySet()) {
            h.createUpdate("INSERT INTO beneficial_owner (provider, customer_id, owner_key, name, country) VALUES (:p, :c, :k, :n, :country)")
                    .bind("p", provider).bind("c", r.customerId()).bind("k", e.getKey()).bind("n", e.getValue().name())
                    .bind("country", e.getValue().country()).execute();
        }
        h.createUpdate("DELETE FROM screening_hit WHERE provider = :p AND customer_id = :c").bind("p", provider)
                .bind("c", r.customerId()).execute();
        int hits = 0;
        for (LoadedList l : lists(h)) {
            hits += insertHits(h, provider, r, l, index);
        }
        summary.put("customer", provider + "/" + r.customerId());
        summary.put("foreign", p.foreign());
        summary.put("beneficialOwners", owners.size());
        summary.put("screeningHits", hits);
        return monitoring.afterCustomer(h, provider, r.customerId(), ownersBefore);
    }

    void applyAccess(Handle h, RegistryStatement s, Object plan, long index, ObjectNode summary) {
        AccessPlan p = (AccessPlan) plan;
        int seq = 0;
        for (AccessEvent e : p.events()) {
            h.createUpdate("""
                    INSERT INTO access_event (provider, customer_id, seq, ip_address, at, action, log_index)
                    VALUES (:p, :c, :seq, :ip, :at, :action, :i)""")
                    .bind("p", s.issuer()).bind("c", p.customer()).bind("seq", seq++).bind("ip", e.ipAddress())
                    .bind("at", e.time() == null ? null : Timestamp.from(e.time())).bind("action", e.action())
                    .bind("i", index).execute();
        }
        summary.put("customer", s.issuer() + "/" + p.customer());
        summary.put("events", p.events().size());
    }

    /** A new list version replaces the old; every customer of every provider is screened against it again. */
    void applyList(Handle h, Projector.ListPlan p, long index, ObjectNode summary) {
        h.createUpdate("""
                INSERT INTO screening_list (name, sha256, format, entries, log_index) VALUES (:n, :h, :f, :e, :i)
                ON CONFLICT (name) DO UPDATE SET sha256 = EXCLUDED.sha256, format = EXCLUDED.format,
                    entries = EXCLUDED.entries, log_index = EXCLUDED.log_index""")
                .bind("n", p.name()).bind("h", p.sha256()).bind("f", p.format()).bind("e", p.list().size())
                .bind("i", index).execute();
        int before = h.createQuery("SELECT count(*) FROM screening_hit WHERE list_name = :n").bind("n", p.name())
                .mapTo(Integer.class).one();
        h.createUpdate("DELETE FROM screening_hit WHERE list_name = :n").bind("n", p.name()).execute();
        LoadedList list = new LoadedList(p.name(), projector.index(p.sha256(), p.list()));
        int hits = 0;
        int screened = 0;
        for (String[] c : h.createQuery("SELECT provider, customer_id FROM customer ORDER BY 1, 2")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list()) {
            hits += insertHits(h, c[0], record(h, c[0], c[1]), list, index);
            screened++;
        }
        summary.put("list", p.name());
        summary.put("entries", p.list().size());
        summary.put("customersScreened", screened);
        summary.put("hits", hits);
        summary.put("hitsBefore", before);
    }

    record LoadedList(String name, ScreeningIndex index) {}

    /** Every loaded list with its index (built once per list version, from the attachment in the vault). */
    List<LoadedList> lists(Handle h) {
        List<LoadedList> out = new ArrayList<>();
        for (String[] l : h.createQuery("SELECT name, sha256 FROM screening_list ORDER BY name")
                .map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)}).list()) {
            out.add(new LoadedList(l[0], projector.index(l[1], () -> {
                byte[] file = h.createQuery("SELECT content FROM registry_vault.attachment WHERE sha256 = :h").bind("h", l[1])
                        .mapTo(byte[].class).one();
                try {
                    return ScreeningLists.loadCsl(file, l[0]);
                } catch (ListFormatException e) {
                    throw new IllegalStateException("a stored screening list no longer reads: " + e.getMessage(), e);
                }
            })));
        }
        return out;
    }

    private int insertHits(Handle h, String provider, CustomerRecord r, LoadedList list, long index) {
        List<ScreeningResult> results = list.index().screen(r.toScreeningCustomer(), projector.rules().screening());
        Map<String, ScreeningResult> best = new TreeMap<>();
        for (ScreeningResult x : results) {
            best.merge(x.entry().key(), x, (a, b) -> a.score() >= b.score() ? a : b);
        }
        for (ScreeningResult x : best.values()) {
            h.createUpdate("""
                    INSERT INTO screening_hit (provider, customer_id, list_name, entry_id, score, matched_name, query_name,
                                               fields, source, log_index)
                    VALUES (:p, :c, :l, :e, :s, :m, :q, :f, :src, :i)""")
                    .bind("p", provider).bind("c", r.customerId()).bind("l", list.name()).bind("e", x.entry().key())
                    .bind("s", x.score()).bind("m", x.matchedName()).bind("q", x.queryName())
                    .bind("f", x.matchedFields().stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
                    .bind("src", x.source()).bind("i", index).execute();
        }
        return best.size();
    }

    /** Screens a name (a prospective customer) against every loaded list. */
    ArrayNode screen(Handle h, String name, String country) {
        ArrayNode out = Projector.JSON.createArrayNode();
        for (LoadedList l : lists(h)) {
            for (ScreeningResult x : l.index().screen(new ScreeningQuery(name, List.of(), country, null),
                    projector.rules().screening())) {
                ObjectNode o = out.addObject();
                o.put("list", l.name());
                o.put("entryId", x.entry().key());
                o.put("score", x.score());
                o.put("matchedName", x.matchedName());
                o.put("queryName", x.queryName());
                o.put("fields", x.matchedFields().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
                o.put("source", x.source());
                o.put("explanation", x.explanation());
            }
        }
        return out;
    }

}
