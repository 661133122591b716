package org.computegov.deployment.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.computegov.deployment.authorization.Authorization;
import org.computegov.deployment.oms.Manifest;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;

/** Builds the deployment capability's statements as a client (CLI, demo, tests) writes them; all are public. */
@Published
public final class DeploymentStatements {
    private DeploymentStatements() {}

    private static Submission of(StatementWriter w, String kind, String subject, ObjectNode p) {
        return w.publicStatement(kind, subject, p, null, null);
    }

    /** A developer's model: its OMS fingerprint, the training run that made it (optional) and its base model {@code dev/id}. */
    public static Submission model(StatementWriter dev, ObjectNode p, String modelId, Manifest m, String trainingRun, String baseModel) {
        p.put("modelId", modelId).put("name", m.modelName()).put("root", m.rootHex());
        p.set("serialization", m.serialization().toJson());
        if (trainingRun != null) {
            p.put("trainingRun", trainingRun);
        }
        if (baseModel != null) {
            p.put("baseModel", baseModel);
        }
        return of(dev, ModelKinds.MODEL, "model:" + dev.issuer() + "/" + modelId, p);
    }

    public static Submission accredit(StatementWriter regulator, ObjectNode p, String evaluator, String scope, Instant validUntil,
            boolean withdrawn) {
        p.put("evaluator", evaluator).put("scope", scope).put("withdrawn", withdrawn);
        if (validUntil != null) {
            p.put("validUntil", validUntil.toString());
        }
        return of(regulator, ModelKinds.ACCREDITATION, "evaluator:" + evaluator, p);
    }

    /** An evaluator's certificate (SLSA VSA style): suite and version, results, verdict passed|failed|conditional, day. */
    public static Submission certify(StatementWriter evaluator, ObjectNode p, String certificateId, String root, String suite,
            String suiteVersion, ObjectNode results, String verdict, LocalDate evaluatedOn) {
        p.put("certificateId", certificateId).put("root", root).put("verdict", verdict).put("evaluatedOn", evaluatedOn.toString());
        p.putObject("suite").put("name", suite).put("version", suiteVersion);
        p.set("results", results);
        return of(evaluator, ModelKinds.CERTIFICATE, "certificate:" + evaluator.issuer() + "/" + certificateId, p);
    }

    /** The regulator's authorization, with everything a provider's offline serving check needs in the log entry. */
    public static Submission authorize(StatementWriter regulator, ObjectNode p, Authorization a) {
        p.put("model", a.modelName()).put("root", a.rootHex());
        a.fields(p);
        return of(regulator, AuthorizationKinds.AUTHORIZATION, "authorization:" + a.id(), p);
    }

    public static Submission authorizationStatus(StatementWriter regulator, ObjectNode p, String id, String state, String reason) {
        p.put("authorizationId", id).put("state", state);
        if (reason != null) {
            p.put("reason", reason);
        }
        return of(regulator, AuthorizationKinds.STATUS, "authorization:" + id, p);
    }

    public static Submission deployment(StatementWriter provider, ObjectNode p, String id, String deployer, String root,
            String endpoint, String region, String authorizationId) {
        p.put("deploymentId", id).put("deployer", deployer).put("root", root).put("endpoint", endpoint).put("region", region);
        if (authorizationId != null) {
            p.put("authorizationId", authorizationId);
        }
        return of(provider, CorrectionKinds.DEPLOYMENT, "deployment:" + provider.issuer() + "/" + id, p);
    }

    /** Anyone's incident report about a deployment {@code provider/id}; severity low|medium|high|critical. */
    public static Submission incident(StatementWriter filer, ObjectNode p, String id, String deployment, String severity,
            String description, Instant occurredAt) {
        p.put("incidentId", id).put("deployment", deployment).put("severity", severity).put("description", description);
        if (occurredAt != null) {
            p.put("occurredAt", occurredAt.toString());
        }
        return of(filer, CorrectionKinds.INCIDENT, "incident:" + filer.issuer() + "/" + id, p);
    }

    /** The regulator's corrective order: measure throttle|suspend|shut-down, deadlines, escalation period. */
    public static Submission order(StatementWriter regulator, ObjectNode p, String id, String deployment, String measure,
            String reason, Instant ackBy, Instant complyBy, Duration escalationPeriod) {
        p.put("orderId", id).put("deployment", deployment).put("measure", measure).put("reason", reason)
                .put("ackBy", ackBy.toString()).put("complyBy", complyBy.toString())
                .put("escalationPeriod", escalationPeriod.toString());
        return of(regulator, CorrectionKinds.ORDER, "order:" + id, p);
    }

    public static Submission orderAck(StatementWriter provider, ObjectNode p, String id) {
        p.put("orderId", id);
        return of(provider, CorrectionKinds.ORDER_ACK, "order:" + id, p);
    }

    public static Submission orderCompliance(StatementWriter provider, ObjectNode p, String id, String note) {
        p.put("orderId", id).put("note", note);
        return of(provider, CorrectionKinds.ORDER_COMPLIANCE, "order:" + id, p);
    }

    public static Submission offSwitch(StatementWriter owner, ObjectNode p, String id, List<String> holders, int threshold) {
        p.put("switchId", id).put("threshold", threshold);
        holders.forEach(p.putArray("holders")::add);
        return of(owner, SwitchKinds.SWITCH, "switch:" + id, p);
    }

    /** A holder's vote: halt or resume, for the switch's current epoch. */
    public static Submission vote(StatementWriter holder, ObjectNode p, String id, long epoch, String action) {
        p.put("switchId", id).put("epoch", epoch).put("action", action);
        return of(holder, SwitchKinds.VOTE, "switch:" + id, p);
    }
}
