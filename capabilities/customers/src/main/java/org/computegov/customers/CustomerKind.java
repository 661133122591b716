package org.computegov.customers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.kyc.BeneficialOwner;
import org.computegov.registry.kyc.CustomerRecord;
import org.computegov.registry.kyc.KycJson;
import org.computegov.registry.kyc.OwnerKey;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * {@code registry-customer}: a provider's KYC record of a customer (sealed; the public subject names only the
 * provider). Updating a record replaces its owners and rescreens the customer against every loaded list.
 */
final class CustomerKind implements StatementKind<CustomerKind.Plan> {
    private final Screenings screenings;

    CustomerKind(Screenings screenings) {
        this.screenings = screenings;
    }

    record Plan(CustomerRecord record, boolean foreign) {}

    @Override
    public String wire() {
        return "customer";
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
        CustomerRecord record;
        try {
            record = KycJson.readCustomer(in.payload());
        } catch (InvalidInputException e) {
            throw Rejection.badInput("the customer record is invalid: " + e.getMessage(), Checks.payloadField(e.field()), e.hint());
        }
        Checks.requireSubject(in.statement(), "customer:" + in.issuer());
        return new Plan(record, provider.jurisdiction().isEmpty() || record.isForeignTo(provider.jurisdiction()));
    }

    @Override
    public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
        CustomerRecord r = p.record();
        String provider = in.issuer();
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
                .bind("p", provider).bind("c", r.customerId()).bind("commitment", in.statement().sealedSha256())
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
        for (Screenings.LoadedList l : screenings.lists(h)) {
            hits += screenings.insertHits(h, provider, r, l, index);
        }
        ObjectNode summary = effects.summary();
        summary.put("customer", provider + "/" + r.customerId());
        summary.put("foreign", p.foreign());
        summary.put("beneficialOwners", owners.size());
        summary.put("screeningHits", hits);
    }

    /** The account a customer statement is about, read from its (already checked) sealed record. */
    static String account(Input in) {
        try {
            return in.issuer() + "/" + KycJson.readCustomer(in.payload()).customerId();
        } catch (InvalidInputException e) {
            throw new IllegalStateException("a checked customer record no longer reads", e);
        }
    }

    static List<String> accounts(Input in) {
        return List.of(account(in));
    }
}
