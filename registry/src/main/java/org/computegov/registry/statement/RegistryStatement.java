package org.computegov.registry.statement;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.intoto.Subject;

/**
 * A registry statement as read from its envelope, before its signature and its rights are checked.
 *
 * @param envelopeBytes the envelope exactly as submitted: what the log stores
 * @param kind the kind's wire name, from the predicate type {@code .../registry-<kind>/v1}
 * @param sealedSha256 the commitment to the sealed payload (lowercase hex), or null when the predicate has none
 * @param predicate the whole predicate, for the kind-specific public fields
 */
public record RegistryStatement(String kind, String statementId, Instant issuedAt, String issuer, Subject subject,
        String sealedSha256, long sealedSize, JsonNode predicate, Envelope envelope, byte[] envelopeBytes) {

    /** A public text field of the predicate, or null. */
    public String text(String field) {
        JsonNode n = predicate.get(field);
        return n == null || !n.isTextual() ? null : n.textValue();
    }

    public String subjectDigest() {
        return subject.digest().get("sha256");
    }
}
