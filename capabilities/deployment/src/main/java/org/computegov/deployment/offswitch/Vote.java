package org.computegov.deployment.offswitch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.DsseSigner;
import org.computegov.ledger.intoto.PredicateTypes;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.intoto.Subject;
import org.computegov.ledger.merkle.Rfc6962;

/**
 * One key holder's signed wish to halt or resume a shared cluster at a given epoch: an in-toto statement whose
 * subject is the switch, predicate {@code {action, epoch, issuedAt}}. The epoch ties a vote to one transition, so a
 * halt vote cannot be replayed to halt the cluster again after it was resumed.
 */
@org.computegov.registry.kernel.Published
public record Vote(String switchId, Action action, long epoch, Instant issuedAt) {
    public static final String PREDICATE_TYPE = PredicateTypes.of("switch-vote", 1);

    /** What a vote asks for. */
    public enum Action {
        HALT, RESUME;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Vote {
        if (switchId == null || switchId.isBlank() || action == null || issuedAt == null || epoch < 0) {
            throw new IllegalArgumentException("a vote needs a switch, an action, an epoch >= 0 and a time");
        }
    }

    public Statement statement() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("action", action.wire());
        p.put("epoch", epoch);
        p.put("issuedAt", issuedAt.toString());
        return new Statement(List.of(Subject.sha256(switchId, Bytes.hex(Rfc6962.sha256(switchId.getBytes(StandardCharsets.UTF_8))))),
                PREDICATE_TYPE, p);
    }

    /** The DSSE envelope JSON of this vote signed by {@code signer}. */
    public byte[] sign(DsseSigner signer) {
        return Dsse.sign(Statement.PAYLOAD_TYPE, statement().toJson(), List.of(signer)).toJson();
    }

    public static Vote from(Statement s) throws FormatException {
        if (!PREDICATE_TYPE.equals(s.predicateType()) || s.subject().size() != 1 || s.predicate() == null) {
            throw new FormatException("not a switch vote (predicate type " + s.predicateType() + ")");
        }
        JsonNode p = s.predicate();
        try {
            Action a = Action.valueOf(p.path("action").asText("").toUpperCase(Locale.ROOT));
            JsonNode epoch = p.get("epoch");
            if (epoch == null || !epoch.isIntegralNumber() || !epoch.canConvertToLong()) {
                throw new FormatException("vote epoch must be a whole number");
            }
            return new Vote(s.subject().get(0).name(), a, epoch.longValue(), Instant.parse(p.path("issuedAt").asText()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new FormatException("malformed switch vote: " + e.getMessage(), e);
        }
    }
}
