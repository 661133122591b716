package org.computegov.shaping.supplychain;

import java.util.Set;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/** {@code registry-chip-register}: an owner registers a batch of chips (sealed) at a site; a batch id is used once. */
final class ChipRegisterKind implements StatementKind<ChipPayloads.Batch> {
    static final String WIRE = "chip-register";
    private final HardwareCatalog catalog;

    ChipRegisterKind(HardwareCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String wire() {
        return WIRE;
    }

    @Override
    public Set<Role> signers() {
        // Chips sit in data centres; an owner with its own cluster is registered with the provider role for it.
        return Set.of(Role.COMPUTE_PROVIDER);
    }

    @Override
    public boolean sealed() {
        return true;
    }

    @Override
    public ChipPayloads.Batch check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
        Checks.requireSubject(in.statement(), "chips:" + in.issuer());
        ChipPayloads.Batch b = ChipPayloads.batch(in.payload());
        String chip;
        try {
            chip = catalog.find(b.chip()).name();
        } catch (InvalidInputException e) {
            throw Rejection.badInput(e.getMessage(), "sealed.payload.chip", e.hint());
        }
        if (h.createQuery("SELECT count(*) FROM chip_batch WHERE owner = :o AND batch = :b").bind("o", in.issuer())
                .bind("b", b.batch()).mapTo(Long.class).one() > 0) {
            throw Rejection.conflict("batch-exists", "Batch already registered", in.issuer() + " has registered batch "
                    + b.batch() + " before", "Give each batch its own id; transfers move chips between owners.");
        }
        return new ChipPayloads.Batch(b.batch(), chip, b.count(), b.site(), b.country(), b.networkGbps(), b.serials(),
                b.provenanceJson());
    }

    @Override
    public void apply(Handle h, Input in, ChipPayloads.Batch b, long index, Effects effects) {
        var serials = Json.array();
        b.serials().forEach(serials::add);
        h.createUpdate("""
                INSERT INTO chip_batch (owner, batch, chip, count, site, country, network_gbps, serials, provenance, log_index)
                VALUES (:owner, :batch, :chip, :count, :site, :country, :net, :serials, :prov, :idx)""")
                .bind("owner", in.issuer()).bind("batch", b.batch()).bind("chip", b.chip()).bind("count", b.count())
                .bind("site", b.site()).bind("country", b.country()).bind("net", b.networkGbps())
                .bind("serials", serials.toString()).bind("prov", b.provenanceJson()).bind("idx", index).execute();
        effects.summary().put("batch", b.batch()).put("chip", b.chip()).put("count", b.count());
    }
}
