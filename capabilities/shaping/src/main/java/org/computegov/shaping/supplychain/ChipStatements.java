package org.computegov.shaping.supplychain;

import org.computegov.registry.kernel.Published;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;

/**
 * Builds the chip registry's statements as a client (CLI, demo, tests) writes them. Both are sealed: where chips sit
 * and who holds how many is commercially sensitive, so the log carries a salted commitment and the payload is
 * readable by the owner and the regulator.
 */
@Published
public final class ChipStatements {
    private ChipStatements() {}

    /**
     * Chips (or servers) an owner registers, by batch: {@code {"batch", "chip", "count", "site", "country",
     * "networkGbps"?, "serials"?: [..], "provenance"?: [{"role": "vendor|distributor|data-centre", "name"}]}}.
     */
    public static Submission register(StatementWriter owner, byte[] batchJson) {
        return owner.sealedStatement(ChipRegisterKind.WIRE, "chips:" + owner.issuer(), owner.predicate(), batchJson);
    }

    /** A transfer of chips from a batch: {@code {"batch", "count", "to", "toSite", "toCountry"}}. */
    public static Submission transfer(StatementWriter owner, byte[] transferJson) {
        return owner.sealedStatement(ChipTransferKind.WIRE, "chips:" + owner.issuer(), owner.predicate(), transferJson);
    }
}
