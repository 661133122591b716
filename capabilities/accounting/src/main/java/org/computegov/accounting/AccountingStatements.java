package org.computegov.accounting;

import org.computegov.registry.kernel.Published;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;

/** Builds the accounting capability's statements as a client (CLI, demo, tests) writes them. */
@Published
public final class AccountingStatements {
    private AccountingStatements() {}

    /** A developer's run declaration (sealed; the public subject names only the developer). */
    public static Submission runDeclaration(StatementWriter developer, byte[] declaration) {
        return developer.sealedStatement("run", "run:" + developer.issuer(), developer.predicate(), declaration);
    }

    /** A provider's usage records (sealed), {@code count} of them. */
    public static Submission usageRecords(StatementWriter provider, byte[] records, int count) {
        ObjectNode p = provider.predicate().put("records", count);
        return provider.sealedStatement("usage", "usage:" + provider.issuer() + "/" + p.path("statementId").asText(), p, records);
    }

    /** A provider's correction: {@code {"replace": [records], "withdraw": [record ids]}} touching {@code count} records. */
    public static Submission usageCorrection(StatementWriter provider, byte[] correction, int count) {
        ObjectNode p = provider.predicate().put("records", count);
        return provider.sealedStatement("usage-correction", "usage:" + provider.issuer() + "/" + p.path("statementId").asText(),
                p, correction);
    }
}
