package org.computegov.deployment.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.bundle.Bundle;
import org.computegov.ledger.bundle.StatusStatement;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.note.Note;
import org.computegov.registry.statement.StatementWriter;

/**
 * An authorization's offline bundle made from the registry: its {@code deployment-authorization} log entry, the
 * log's receipt for it (checkpoint and inclusion proof) and a status statement the regulator signs now from the
 * registry's standing (valid, suspended, revoked). A provider checks it with the regulator's and the log's keys
 * only; a status older than its maximum age is refused, so a revocation reaches providers within that age.
 */
@org.computegov.registry.kernel.Published
public final class RegistryBundles {
    private RegistryBundles() {}

    /**
     * @param entry the log entry ({@code GET /api/v1/log/entries/{index}})
     * @param receipt the log's receipt for it ({@code GET /api/v1/log/receipt?index=}: checkpoint, inclusionProof)
     * @param authorization the registry's authorization read ({@code GET /api/v1/registry/authorizations/{id}})
     */
    public static Bundle of(byte[] entry, JsonNode receipt, JsonNode authorization, SignerKey regulator, Instant now)
            throws FormatException {
        String note = receipt.path("checkpoint").asText();
        Checkpoint cp = Checkpoint.parse(Note.parse(note.getBytes(StandardCharsets.UTF_8)).text());
        List<byte[]> proof = new ArrayList<>();
        receipt.path("inclusionProof").forEach(h -> proof.add(Base64.getDecoder().decode(h.asText())));
        StatusStatement.State state = StatusStatement.State.valueOf(authorization.path("state").asText("valid").toUpperCase(Locale.ROOT));
        byte[] status = StatusStatement.of("authorization:" + authorization.path("id").asText(), entry, state, cp.size(), now,
                authorization.path("reason").asText("")).sign(List.of(new Ed25519DsseSigner(StatementWriter.keyId(regulator),
                regulator.privateKey())));
        return new Bundle(entry, note.getBytes(StandardCharsets.UTF_8), authorization.path("logIndex").asLong(), cp.size(), proof,
                Optional.of(status));
    }
}
