package org.computegov.deployment.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.computegov.deployment.oms.ModelException;
import org.computegov.deployment.oms.Serialization;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.DeclaredKind;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/** Who made a model and who may vouch for it: {@code model}, {@code evaluator-accreditation}, {@code evaluation-certificate}. */
final class ModelKinds {
    private ModelKinds() {}

    static final String MODEL = "model";
    static final String ACCREDITATION = "evaluator-accreditation";
    static final String CERTIFICATE = "evaluation-certificate";

    /** A developer registers a model: its OMS fingerprint, the training run that made it, the model it was tuned from. */
    static final class ModelKind extends DeclaredKind<ModelKind.Plan> {
        record Plan(String id, String name, String root, String serialization, String run, String base) {}

        ModelKind() {
            super(MODEL, false, Role.DEVELOPER);
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode p = in.predicate();
            String id = Fields.id(p, "modelId");
            Checks.requireSubject(in.statement(), "model:" + in.issuer() + "/" + id);
            String name = Fields.text(p, "name");
            String root = Fields.root(p, "root");
            Serialization s;
            try {
                s = Serialization.fromJson(p.get("serialization"));
            } catch (ModelException | RuntimeException e) {
                throw Rejection.badInput("predicate.serialization is not an OMS serialization: " + e.getMessage(),
                        "predicate.serialization", "Copy the serialization from 'cgov model hash DIR --json'.");
            }
            Optional<String> run = Fields.optText(p, "trainingRun");
            if (run.isPresent() && !Fields.exists(h, "SELECT count(*) FROM run WHERE developer = ? AND run_id = ?", in.issuer(), run.get())) {
                throw Rejection.notFound(in.issuer() + " has declared no training run " + run.get(),
                        "Declare the run first (cgov run declare), or leave trainingRun out.");
            }
            Optional<String> base = Optional.empty();
            if (p.hasNonNull("baseModel")) {
                String[] ref = Fields.ref(p, "baseModel");
                if (!Fields.exists(h, "SELECT count(*) FROM model WHERE developer = ? AND model_id = ?", ref[0], ref[1])) {
                    throw Rejection.notFound("no model " + ref[0] + "/" + ref[1] + " is registered", "Register the base model first.");
                }
                base = Optional.of(ref[0] + "/" + ref[1]);
            }
            if (Fields.exists(h, "SELECT count(*) FROM model WHERE developer = ? AND model_id = ?", in.issuer(), id)) {
                throw Rejection.conflict("model-exists", "Model already registered", in.issuer() + " registered model " + id
                        + " before", "A new version of the weights is a new model id.");
            }
            if (Fields.exists(h, "SELECT count(*) FROM model WHERE root = ?", root)) {
                throw Rejection.conflict("model-exists", "Fingerprint already registered", "a model with root " + root
                        + " is registered already", "Each fingerprint belongs to one registered model.");
            }
            return new Plan(id, name, root, s.toJson().toString(), run.orElse(null), base.orElse(null));
        }

        @Override
        public void apply(Handle h, Input in, Plan m, long index, Effects effects) {
            h.createUpdate("""
                    INSERT INTO model (developer, model_id, name, root, serialization, training_run, base_model, log_index)
                    VALUES (:d, :id, :name, :root, :ser, :run, :base, :idx)""").bind("d", in.issuer()).bind("id", m.id())
                    .bind("name", m.name()).bind("root", m.root()).bind("ser", m.serialization()).bind("run", m.run())
                    .bind("base", m.base()).bind("idx", index).execute();
            effects.summary().put("model", in.issuer() + "/" + m.id()).put("root", m.root());
        }
    }

    /** The regulator accredits an evaluator (or withdraws the accreditation): who may certify models. */
    static final class AccreditationKind extends DeclaredKind<AccreditationKind.Plan> {
        record Plan(String evaluator, String scope, Instant until, boolean withdrawn) {}

        AccreditationKind() {
            super(ACCREDITATION, false, Role.REGULATOR);
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode p = in.predicate();
            String ev = Fields.text(p, "evaluator");
            Checks.requireSubject(in.statement(), "evaluator:" + ev);
            List<String> roles = h.createQuery("SELECT array_to_string(roles, ',') FROM actor WHERE id = :id").bind("id", ev)
                    .mapTo(String.class).findOne().map(r -> List.of(r.split(","))).orElseThrow(() ->
                            Rejection.notFound("no actor " + ev + " is registered", "Register the evaluator as an actor first."));
            if (!roles.contains(Role.EVALUATOR.wire())) {
                throw Rejection.badInput(ev + " does not hold the evaluator role", "predicate.evaluator",
                        "Register it with the role evaluator.");
            }
            return new Plan(ev, Fields.optText(p, "scope").orElse("general"), Fields.optInstant(p, "validUntil").orElse(null),
                    p.path("withdrawn").asBoolean(false));
        }

        @Override
        public void apply(Handle h, Input in, Plan a, long index, Effects effects) {
            h.createUpdate("""
                    INSERT INTO evaluator (evaluator, scope, valid_until, withdrawn, log_index) VALUES (:e, :s, :u, :w, :idx)
                    ON CONFLICT (evaluator) DO UPDATE SET scope = :s, valid_until = :u, withdrawn = :w, log_index = :idx""")
                    .bind("e", a.evaluator()).bind("s", a.scope()).bind("u", a.until()).bind("w", a.withdrawn())
                    .bind("idx", index).execute();
            effects.summary().put("evaluator", a.evaluator()).put("accredited", !a.withdrawn());
        }
    }

    /**
     * An accredited evaluator certifies a fingerprint, in the manner of SLSA's verification summary attestation: the
     * suite and its version, a results summary, a verdict and the day of the evaluation.
     */
    static final class CertificateKind extends DeclaredKind<CertificateKind.Plan> {
        static final List<String> VERDICTS = List.of("passed", "failed", "conditional");

        record Plan(String id, String root, String suite, String version, String verdict, LocalDate on, String results) {}

        CertificateKind() {
            super(CERTIFICATE, false, Role.EVALUATOR);
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode p = in.predicate();
            String id = Fields.id(p, "certificateId");
            Checks.requireSubject(in.statement(), "certificate:" + in.issuer() + "/" + id);
            String root = Fields.root(p, "root");
            JsonNode suite = p.path("suite");
            String name = Fields.text(suite, "name");
            String version = Fields.text(suite, "version");
            String verdict = Fields.oneOf(p, "verdict", VERDICTS);
            LocalDate on = Fields.date(p, "evaluatedOn");
            JsonNode results = p.get("results");
            if (results == null || !results.isObject()) {
                throw Rejection.badInput("predicate.results must be an object of result names to numbers or text",
                        "predicate.results", "e.g. {\"cyber-uplift\": 0.12, \"bio-uplift\": \"below threshold\"}");
            }
            Instant at = in.statement().issuedAt();
            var acc = h.createQuery("SELECT withdrawn, valid_until FROM evaluator WHERE evaluator = :e").bind("e", in.issuer())
                    .mapToMap().findOne();
            if (acc.isEmpty() || Boolean.TRUE.equals(acc.get().get("withdrawn"))
                    || acc.get().get("valid_until") != null && !at.isBefore(Fields.instantOf(acc.get().get("valid_until")))) {
                throw Rejection.forbidden(in.issuer() + " is not an accredited evaluator" + (acc.isPresent() ? " (any more)" : ""),
                        "The regulator accredits evaluators (evaluator-accreditation).");
            }
            if (!Fields.exists(h, "SELECT count(*) FROM model WHERE root = ?", root)) {
                throw Rejection.notFound("no registered model has root " + root, "The developer registers the model first (cgov model register).");
            }
            if (Fields.exists(h, "SELECT count(*) FROM certificate WHERE evaluator = ? AND cert_id = ?", in.issuer(), id)) {
                throw Rejection.conflict("certificate-exists", "Certificate already issued", in.issuer() + " issued " + id + " before", null);
            }
            return new Plan(id, root, name, version, verdict, on, results.toString());
        }

        @Override
        public void apply(Handle h, Input in, Plan c, long index, Effects effects) {
            h.createUpdate("""
                    INSERT INTO certificate (evaluator, cert_id, root, suite, suite_version, verdict, evaluated_on, results, log_index)
                    VALUES (:e, :id, :root, :suite, :v, :verdict, :on, :results, :idx)""").bind("e", in.issuer())
                    .bind("id", c.id()).bind("root", c.root()).bind("suite", c.suite()).bind("v", c.version())
                    .bind("verdict", c.verdict()).bind("on", c.on()).bind("results", c.results()).bind("idx", index).execute();
            effects.summary().put("certificate", in.issuer() + "/" + c.id()).put("verdict", c.verdict()).put("root", c.root());
        }
    }
}
