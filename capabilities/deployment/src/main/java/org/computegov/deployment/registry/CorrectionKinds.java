package org.computegov.deployment.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.computegov.deployment.orders.CorrectiveOrder;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.DeclaredKind;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * Deployments and their correction: a provider registers a {@code deployment}; anyone files an {@code incident}
 * about one; the regulator issues an {@code order} (throttle, suspend, shut down) with deadlines, which the provider
 * acknowledges ({@code order-ack}) and reports complied with ({@code order-compliance}). Times are the statements'.
 */
final class CorrectionKinds {
    private CorrectionKinds() {}

    static final String DEPLOYMENT = "deployment";
    static final String INCIDENT = "incident";
    static final String ORDER = "order";
    static final String ORDER_ACK = "order-ack";
    static final String ORDER_COMPLIANCE = "order-compliance";
    static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
    static final List<String> MEASURES = List.of("throttle", "suspend", "shut-down");

    static final class DeploymentKind extends DeclaredKind<DeploymentKind.Plan> {
        record Plan(String id, String deployer, String root, String endpoint, String region, String authorization) {}

        DeploymentKind() {
            super(DEPLOYMENT, false, Role.COMPUTE_PROVIDER);
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode p = in.predicate();
            String id = Fields.id(p, "deploymentId");
            Checks.requireSubject(in.statement(), "deployment:" + in.issuer() + "/" + id);
            String deployer = Fields.text(p, "deployer");
            String root = Fields.root(p, "root");
            String endpoint = Fields.text(p, "endpoint");
            String region = Fields.text(p, "region");
            Optional<String> auth = Fields.optText(p, "authorizationId");
            if (!Fields.exists(h, "SELECT count(*) FROM model WHERE root = ?", root)) {
                throw Rejection.notFound("no registered model has root " + root,
                        "Only registered models are deployed: the developer registers it (cgov model register).");
            }
            if (auth.isPresent()) {
                authorizationCovers(h, auth.get(), root, in.issuer(), region, in.statement().issuedAt());
            }
            if (Fields.exists(h, "SELECT count(*) FROM deployment WHERE provider = ? AND deployment_id = ?", in.issuer(), id)) {
                throw Rejection.conflict("deployment-exists", "Deployment already registered", in.issuer() + " registered "
                        + id + " before", null);
            }
            return new Plan(id, deployer, root, endpoint, region, auth.orElse(null));
        }

        /** Refuses a deployment its named authorization does not cover at the statement's time. */
        private static void authorizationCovers(Handle h, String id, String root, String provider, String region, Instant at)
                throws Rejection {
            Map<String, Object> a = h.createQuery("SELECT * FROM authorization_grant WHERE id = :id").bind("id", id)
                    .mapToMap().findOne().orElseThrow(() -> Rejection.notFound("no authorization " + id, null));
            String why = null;
            if (!root.equals(a.get("root"))) {
                why = "authorization " + id + " is for root " + a.get("root") + ", not " + root;
            } else if (!"valid".equals(a.get("state"))) {
                why = "authorization " + id + " is " + a.get("state");
            } else if (at.isBefore(Fields.instantOf(a.get("valid_from")))
                    || a.get("valid_until") != null && !at.isBefore(Fields.instantOf(a.get("valid_until")))) {
                why = "authorization " + id + " is not in force at " + at;
            } else if (!listAdmits((String) a.get("providers"), provider)) {
                why = "authorization " + id + " does not admit provider " + provider;
            } else if (!listAdmits((String) a.get("regions"), region)) {
                why = "authorization " + id + " does not admit region " + region;
            }
            if (why != null) {
                throw new Rejection(403, "not-authorized", "Deployment not authorized", why, "predicate.authorizationId",
                        "Nothing was recorded. Deploy within the authorization's conditions, or ask the regulator.");
            }
        }

        private static boolean listAdmits(String json, String value) {
            JsonNode a = DeploymentReads.tree(json);
            if (a.isEmpty()) {
                return true;
            }
            for (JsonNode v : a) {
                if (v.asText().equals(value)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void apply(Handle h, Input in, Plan d, long index, Effects effects) {
            h.createUpdate("""
                    INSERT INTO deployment (provider, deployment_id, deployer, root, endpoint, region, authorization_id, log_index)
                    VALUES (:p, :id, :dep, :root, :ep, :region, :auth, :idx)""").bind("p", in.issuer()).bind("id", d.id())
                    .bind("dep", d.deployer()).bind("root", d.root()).bind("ep", d.endpoint()).bind("region", d.region())
                    .bind("auth", d.authorization()).bind("idx", index).execute();
            effects.summary().put("deployment", in.issuer() + "/" + d.id()).put("authorized", d.authorization() != null);
        }
    }

    static final class IncidentKind extends DeclaredKind<IncidentKind.Plan> {
        record Plan(String id, String provider, String deployment, String severity, String description, Instant at) {}

        IncidentKind() {
            super(INCIDENT, false, Role.values());
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode p = in.predicate();
            String id = Fields.id(p, "incidentId");
            Checks.requireSubject(in.statement(), "incident:" + in.issuer() + "/" + id);
            String[] dep = deployment(h, p);
            String severity = Fields.oneOf(p, "severity", SEVERITIES);
            String description = Fields.text(p, "description");
            Instant at = Fields.optInstant(p, "occurredAt").orElse(in.statement().issuedAt());
            if (Fields.exists(h, "SELECT count(*) FROM incident WHERE filer = ? AND incident_id = ?", in.issuer(), id)) {
                throw Rejection.conflict("incident-exists", "Incident already filed", in.issuer() + " filed " + id + " before", null);
            }
            return new Plan(id, dep[0], dep[1], severity, description, at);
        }

        @Override
        public void apply(Handle h, Input in, Plan i, long index, Effects effects) {
            h.createUpdate("""
                    INSERT INTO incident (filer, incident_id, provider, deployment_id, severity, description, occurred_at, log_index)
                    VALUES (:f, :id, :p, :d, :s, :desc, :at, :idx)""").bind("f", in.issuer()).bind("id", i.id())
                    .bind("p", i.provider()).bind("d", i.deployment()).bind("s", i.severity()).bind("desc", i.description())
                    .bind("at", i.at()).bind("idx", index).execute();
            effects.summary().put("incident", in.issuer() + "/" + i.id()).put("deployment", i.provider() + "/" + i.deployment());
        }
    }

    /** A registered deployment named {@code provider/id} in {@code predicate.deployment}. */
    static String[] deployment(Handle h, JsonNode p) throws Rejection {
        String[] ref = Fields.ref(p, "deployment");
        if (!Fields.exists(h, "SELECT count(*) FROM deployment WHERE provider = ? AND deployment_id = ?", ref[0], ref[1])) {
            throw Rejection.notFound("no deployment " + ref[0] + "/" + ref[1] + " is registered", "List them: cgov deploy list.");
        }
        return ref;
    }

    static final class OrderKind extends DeclaredKind<CorrectiveOrder> {
        OrderKind() {
            super(ORDER, false, Role.REGULATOR);
        }

        @Override
        public CorrectiveOrder check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode p = in.predicate();
            String id = Fields.id(p, "orderId");
            Checks.requireSubject(in.statement(), "order:" + id);
            String[] dep = deployment(h, p);
            String measure = Fields.oneOf(p, "measure", MEASURES);
            Fields.text(p, "reason");
            Instant ack = Fields.instant(p, "ackBy");
            Instant comply = Fields.instant(p, "complyBy");
            Duration every = Fields.duration(p, "escalationPeriod", Duration.ofDays(1));
            Instant issued = in.statement().issuedAt();
            if (ack.isBefore(issued) || comply.isBefore(ack)) {
                throw Rejection.badInput("deadlines must follow the order: issuedAt <= ackBy <= complyBy", "predicate.complyBy",
                        "Acknowledge-by comes first, then comply-by, both after now.");
            }
            if (Fields.exists(h, "SELECT count(*) FROM corrective_order WHERE id = ?", id)) {
                throw Rejection.conflict("order-exists", "Order already issued", "order " + id + " exists", null);
            }
            return new CorrectiveOrder(id, dep[1], dep[0], CorrectiveOrder.Measure.valueOf(measure.toUpperCase(java.util.Locale.ROOT)
                    .replace('-', '_')), issued, ack, comply, every);
        }

        @Override
        public void apply(Handle h, Input in, CorrectiveOrder o, long index, Effects effects) {
            h.createUpdate("""
                    INSERT INTO corrective_order (id, regulator, provider, deployment_id, measure, reason, issued_at, ack_by,
                        comply_by, escalation_s, log_index)
                    VALUES (:id, :reg, :p, :d, :m, :reason, :at, :ack, :comply, :esc, :idx)""").bind("id", o.id())
                    .bind("reg", in.issuer()).bind("p", o.provider()).bind("d", o.deployment()).bind("m", o.measure().wire())
                    .bind("reason", in.predicate().path("reason").asText()).bind("at", o.issuedAt()).bind("ack", o.ackBy())
                    .bind("comply", o.complyBy()).bind("esc", o.escalationPeriod().toSeconds()).bind("idx", index).execute();
            effects.summary().put("order", o.id()).put("provider", o.provider()).put("measure", o.measure().wire())
                    .put("ackBy", o.ackBy().toString()).put("complyBy", o.complyBy().toString());
        }
    }

    /** The provider's acknowledgement, or its report of compliance (which also acknowledges), of an order to it. */
    static final class OrderReplyKind extends DeclaredKind<String> {
        private final boolean compliance;

        OrderReplyKind(boolean compliance) {
            super(compliance ? ORDER_COMPLIANCE : ORDER_ACK, false, Role.COMPUTE_PROVIDER);
            this.compliance = compliance;
        }

        @Override
        public String check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode p = in.predicate();
            String id = Fields.id(p, "orderId");
            Checks.requireSubject(in.statement(), "order:" + id);
            Map<String, Object> o = h.createQuery("SELECT provider, acknowledged_at, complied_at FROM corrective_order WHERE id = :id")
                    .bind("id", id).mapToMap().findOne().orElseThrow(() -> Rejection.notFound("no order " + id, null));
            if (!in.issuer().equals(o.get("provider"))) {
                throw Rejection.forbidden("order " + id + " is addressed to " + o.get("provider") + ", not " + in.issuer(),
                        "Only the provider an order is addressed to answers it.");
            }
            if (compliance) {
                Fields.text(p, "note");
            }
            if (o.get(compliance ? "complied_at" : "acknowledged_at") != null) {
                throw Rejection.conflict(compliance ? "order-complied" : "order-acknowledged", "Already " + (compliance
                        ? "reported complied with" : "acknowledged"), "order " + id + " was " + (compliance ? "reported complied with"
                        : "acknowledged") + " before", "Nothing was recorded; 'cgov order list' shows the order's standing.");
            }
            return id;
        }

        @Override
        public void apply(Handle h, Input in, String id, long index, Effects effects) {
            Instant at = in.statement().issuedAt();
            if (compliance) {
                h.createUpdate("""
                        UPDATE corrective_order SET complied_at = :at, compliance_note = :note,
                            acknowledged_at = coalesce(acknowledged_at, :at) WHERE id = :id""").bind("at", at)
                        .bind("note", in.predicate().path("note").asText()).bind("id", id).execute();
            } else {
                h.createUpdate("UPDATE corrective_order SET acknowledged_at = :at WHERE id = :id").bind("at", at).bind("id", id).execute();
            }
            effects.summary().put("order", id).put(compliance ? "compliedAt" : "acknowledgedAt", at.toString());
        }
    }
}
