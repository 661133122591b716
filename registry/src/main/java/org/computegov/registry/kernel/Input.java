package org.computegov.registry.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import org.computegov.registry.statement.RegistryStatement;
import org.computegov.registry.statement.Sealed;

/**
 * A statement with what travelled beside it: the sealed payload (already matched to the statement's commitment) and
 * the attachment (already matched to the subject digest), either null when the kind has none.
 */
public record Input(RegistryStatement statement, Sealed sealed, byte[] attachment) {
    public byte[] payload() {
        return sealed == null ? null : sealed.payload();
    }

    public String issuer() {
        return statement.issuer();
    }

    public JsonNode predicate() {
        return statement.predicate();
    }
}
