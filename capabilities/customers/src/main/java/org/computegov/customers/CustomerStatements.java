package org.computegov.customers;

import org.computegov.registry.kernel.Published;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;

/** Builds the customers capability's statements as a client (CLI, demo, tests) writes them. */
@Published
public final class CustomerStatements {
    private CustomerStatements() {}

    /** A provider's KYC record of a customer (sealed; the public subject names only the provider). */
    public static Submission customerRecord(StatementWriter provider, byte[] record) {
        return provider.sealedStatement("customer", "customer:" + provider.issuer(), provider.predicate(), record);
    }

    /** A provider's access events of one customer (sealed). */
    public static Submission accessEvents(StatementWriter provider, byte[] events, int count) {
        return provider.sealedStatement("access", "customer:" + provider.issuer(), provider.predicate().put("events", count),
                events);
    }

    /** The regulator's denied-party list (the CSL CSV attached; its SHA-256 is the subject digest). */
    public static Submission screeningList(StatementWriter regulator, String name, byte[] csv, int entries) {
        var p = regulator.predicate();
        p.putObject("list").put("name", name).put("format", "csl").put("entries", entries);
        return regulator.publicStatement("screening-list", "list:" + name, p, csv, csv);
    }
}
