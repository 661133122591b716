package org.computegov.shaping.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;

/**
 * Builds the allocation statements as a client (CLI, demo, tests) writes them: the body is the predicate's
 * {@code allocation} object, except for proposals and reviews, which are sealed (the log carries a commitment; the
 * registry keeps the text for the regulator, reviewers and the researcher). The subject is {@code allocation:<id>} of
 * what the statement is about. Formats: docs/SHAPING.md.
 */
@Published
public final class AllocationStatements {
    /** Wire name → the body's field naming the subject. */
    public static final Map<String, String> SUBJECT_FIELD = Map.of(
            ProgrammeKinds.ProgrammeKind.WIRE, "programme", ProgrammeKinds.CallKind.WIRE, "call",
            ProgrammeKinds.ResourceKind.WIRE, "resource", ProposalKinds.ProposalKind.WIRE, "proposal",
            ProposalKinds.ReviewKind.WIRE, "proposal", AwardKinds.AwardKind.WIRE, "award",
            AwardKinds.ReportKind.WIRE, "award", AwardKinds.ChangeKind.WIRE, "award", DecisionKind.WIRE, "award");

    private AllocationStatements() {}

    public static Submission programme(StatementWriter w, JsonNode body) {
        return of(w, ProgrammeKinds.ProgrammeKind.WIRE, body);
    }

    public static Submission call(StatementWriter w, JsonNode body) {
        return of(w, ProgrammeKinds.CallKind.WIRE, body);
    }

    public static Submission resource(StatementWriter w, JsonNode body) {
        return of(w, ProgrammeKinds.ResourceKind.WIRE, body);
    }

    public static Submission proposal(StatementWriter w, JsonNode body) {
        return of(w, ProposalKinds.ProposalKind.WIRE, body);
    }

    public static Submission review(StatementWriter w, JsonNode body) {
        return of(w, ProposalKinds.ReviewKind.WIRE, body);
    }

    public static Submission award(StatementWriter w, JsonNode body) {
        return of(w, AwardKinds.AwardKind.WIRE, body);
    }

    public static Submission report(StatementWriter w, JsonNode body) {
        return of(w, AwardKinds.ReportKind.WIRE, body);
    }

    public static Submission change(StatementWriter w, JsonNode body) {
        return of(w, AwardKinds.ChangeKind.WIRE, body);
    }

    public static Submission decision(StatementWriter w, JsonNode body) {
        return of(w, DecisionKind.WIRE, body);
    }

    /** A statement of an allocation kind; a body without its subject field gets the subject {@code allocation:}. */
    public static Submission of(StatementWriter w, String wire, JsonNode body) {
        String field = SUBJECT_FIELD.get(wire);
        if (field == null) {
            throw new IllegalArgumentException("not an allocation kind: " + wire);
        }
        String subject = "allocation:" + body.path(field).asText();
        ObjectNode p = w.predicate();
        if (wire.equals(ProposalKinds.ProposalKind.WIRE) || wire.equals(ProposalKinds.ReviewKind.WIRE)) {
            return w.sealedStatement(wire, subject, p, body.toString().getBytes(StandardCharsets.UTF_8));
        }
        p.set(AllocKind.MEMBER, body);
        return w.publicStatement(wire, subject, p, null, null);
    }
}
