package org.computegov.shaping.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * {@code registry-chip-transfer}: the owner of a batch transfers some of its chips to another owner and site. Checked
 * for export control on the statement's day (its {@code issuedAt}, never the wall clock, so replay decides the same):
 * a blocked transfer is refused with the reason and never reaches the log; a flagged one is recorded with its flag.
 */
final class ChipTransferKind implements StatementKind<ChipTransferKind.Plan> {
    static final String WIRE = "chip-transfer";
    private final TransferCheck exportControl;

    record Plan(ChipPayloads.Transfer t, Map<String, Object> from, TransferDecision decision, LocalDate day) {}

    ChipTransferKind(TransferCheck exportControl) {
        this.exportControl = exportControl;
    }

    @Override
    public String wire() {
        return WIRE;
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
    public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
        Checks.requireSubject(in.statement(), "chips:" + in.issuer());
        ChipPayloads.Transfer t = ChipPayloads.transfer(in.payload());
        var from = h.createQuery("SELECT chip, count, provenance FROM chip_batch WHERE owner = :o AND batch = :b")
                .bind("o", in.issuer()).bind("b", t.batch()).mapToMap().findOne().orElseThrow(() -> Rejection.notFound(
                        in.issuer() + " holds no batch " + t.batch(), "Register the batch first (cgov chips register)."));
        long held = ((Number) from.get("count")).longValue();
        if (t.count() > held) {
            throw Rejection.badInput(in.issuer() + " holds " + held + " chips of batch " + t.batch() + ", not "
                    + t.count(), "sealed.payload.count", "Transfer at most what the batch holds.");
        }
        if (t.to().equals(in.issuer())) {
            throw Rejection.badInput("a transfer goes to another owner", "sealed.payload.to", null);
        }
        LocalDate day = LocalDate.ofInstant(in.statement().issuedAt(), ZoneOffset.UTC);
        TransferDecision d;
        try {
            d = exportControl.check((String) from.get("chip"), t.count(), t.toCountry(), day);
        } catch (InvalidInputException e) {
            throw Rejection.badInput(e.getMessage(), "sealed.payload", e.hint());
        }
        if (d.action() == TransferAction.BLOCK) {
            throw new Rejection(403, "export-blocked", "Transfer blocked by export control", d.reason(),
                    "sealed.payload.toCountry", "Nothing was recorded. Apply for a licence, or choose another destination."
                    + (d.source() == null ? "" : " Source: " + d.source()));
        }
        return new Plan(t, from, d, day);
    }

    @Override
    public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
        ChipPayloads.Transfer t = p.t();
        h.createUpdate("UPDATE chip_batch SET count = count - :n WHERE owner = :o AND batch = :b")
                .bind("n", t.count()).bind("o", in.issuer()).bind("b", t.batch()).execute();
        String provenance = withOwner((String) p.from().get("provenance"), in.issuer());
        int updated = h.createUpdate("""
                UPDATE chip_batch SET count = count + :n WHERE owner = :to AND batch = :b""")
                .bind("n", t.count()).bind("to", t.to()).bind("b", t.batch()).execute();
        if (updated == 0) {
            h.createUpdate("""
                    INSERT INTO chip_batch (owner, batch, chip, count, site, country, network_gbps, serials, provenance, log_index)
                    VALUES (:to, :b, :chip, :n, :site, :country, NULL, '[]', :prov, :idx)""")
                    .bind("to", t.to()).bind("b", t.batch()).bind("chip", (String) p.from().get("chip")).bind("n", t.count())
                    .bind("site", t.toSite()).bind("country", t.toCountry()).bind("prov", provenance).bind("idx", index)
                    .execute();
        }
        TransferDecision d = p.decision();
        h.createUpdate("""
                INSERT INTO chip_transfer (log_index, from_owner, batch, chip, count, to_owner, to_site, to_country, day,
                    classification, action, reason)
                VALUES (:idx, :from, :b, :chip, :n, :to, :site, :country, :day, :class, :action, :reason)""")
                .bind("idx", index).bind("from", in.issuer()).bind("b", t.batch()).bind("chip", d.chip())
                .bind("n", t.count()).bind("to", t.to()).bind("site", t.toSite()).bind("country", t.toCountry())
                .bind("day", p.day()).bind("class", d.classification()).bind("action", d.action().name())
                .bind("reason", d.reason()).execute();
        effects.summary().put("batch", t.batch()).put("count", t.count()).put("exportControl", d.action().name())
                .put("reason", d.reason());
    }

    /** The recipient's provenance: the sender's chain with the sender appended as an owner. */
    private static String withOwner(String provenance, String owner) {
        try {
            JsonNode n = Json.MAPPER.readTree(provenance);
            ArrayNode chain = n != null && n.isArray() ? (ArrayNode) n : Json.array();
            chain.addObject().put("role", "owner").put("name", owner);
            return chain.toString();
        } catch (IOException e) {
            throw new IllegalStateException("stored provenance is not JSON", e);
        }
    }
}
