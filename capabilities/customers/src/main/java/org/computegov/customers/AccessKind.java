package org.computegov.customers;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.kyc.AccessEvent;
import org.computegov.registry.kyc.AccessEvents;
import org.computegov.registry.kyc.CustomerRecord;
import org.computegov.registry.kyc.KycJson;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/** {@code registry-access}: a provider's access events of one customer (sealed); foreign customers need IP and time. */
final class AccessKind implements StatementKind<AccessKind.Plan> {
    record Plan(String customer, List<AccessEvent> events) {}

    @Override
    public String wire() {
        return "access";
    }

    @Override
    public Set<Role> signers() {
        return Set.of(Role.COMPUTE_PROVIDER);
    }

    @Override
    public boolean sealed() {
        return true;
    }

    @Override
    public Plan check(Handle h, Input in, Actor provider, Object prepared) throws Rejection {
        Checks.requireSubject(in.statement(), "customer:" + in.issuer());
        List<AccessEvent> events;
        try {
            events = KycJson.readAccessEvents(in.payload());
        } catch (InvalidInputException e) {
            throw Rejection.badInput("access events rejected: " + e.getMessage(), Checks.payloadField(e.field()), e.hint());
        }
        if (events.isEmpty()) {
            throw Rejection.badInput("the statement has no access events", "sealed.payload", "Send at least one event.");
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).time() != null) {
                Checks.time(events.get(i).time(), "sealed.payload[" + i + "].time");
            }
        }
        String customer = events.get(0).customerId();
        CustomerRecord record = CustomerRecords.record(h, in.issuer(), customer);
        if (record == null) {
            throw Rejection.notFound("customer " + customer + " of " + in.issuer() + " has no KYC record",
                    "Submit the customer's record first (cgov kyc submit): identification comes before access.");
        }
        try {
            AccessEvents.validate(events, record, provider.jurisdiction());
        } catch (InvalidInputException e) {
            throw Rejection.badInput("access events rejected: " + e.getMessage(), Checks.payloadField(e.field()), e.hint());
        }
        JsonNode n = in.predicate().get("events");
        if (n == null || !n.canConvertToInt() || n.asInt() != events.size()) {
            throw Rejection.badInput("predicate.events must be the number of events (" + events.size() + ")",
                    "predicate.events", null);
        }
        return new Plan(customer, events);
    }

    @Override
    public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
        int seq = 0;
        for (AccessEvent e : p.events()) {
            h.createUpdate("""
                    INSERT INTO access_event (provider, customer_id, seq, ip_address, at, action, log_index)
                    VALUES (:p, :c, :seq, :ip, :at, :action, :i)""")
                    .bind("p", in.issuer()).bind("c", p.customer()).bind("seq", seq++).bind("ip", e.ipAddress())
                    .bind("at", e.time() == null ? null : Timestamp.from(e.time())).bind("action", e.action())
                    .bind("i", index).execute();
        }
        effects.summary().put("customer", in.issuer() + "/" + p.customer());
        effects.summary().put("events", p.events().size());
    }
}
