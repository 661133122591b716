package org.computegov.licensing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.estimate.ArchitectureEstimator;
import org.computegov.knowledge.estimate.Flop;
import org.computegov.licensing.admission.ComputeRate;
import org.computegov.licensing.admission.LicenceJson;
import org.computegov.licensing.application.Application;
import org.computegov.licensing.application.LicensingRegimes;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.DeclaredKind;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.Notice;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * Applications for licences and the regulator's decisions on them:
 * <ul>
 *   <li>{@code licence-application} (developer, sealed; subject {@code licence-application:<developer>}): the
 *       {@link Application}. Its planned compute must not be below the knowledge core's 6·N·D estimate when
 *       parameters and tokens are given; the hardware ceiling (chips × schedule × the usage accounting's FLOP per
 *       chip-hour) is stored beside it. Re-applying under the same id is allowed until the regulator approves or
 *       denies (after "request changes").</li>
 *   <li>{@code licence-decision} (regulator, public; subject {@code licence-application:<developer>/<id>}):
 *       {@code {application, outcome: approve|request-changes|deny, reasons: [..], conditions: [..]}}; an approval
 *       permits the licence: a {@code licence} statement naming {@code application} (beside {@code licence}) issues
 *       it, and is refused unless the application is approved, unlicensed, and for the same developer and run. (The
 *       licence stays its own statement so that its bundle carries the terms offline verifiers read.)</li>
 * </ul>
 * Whether a licence is needed at all is the regulator's licensing regimes' answer ({@link LicensingRegimes}); it is
 * told in the answer and the reads, and never changes what is stored (a regimes file may change between replays).
 */
final class ApplicationKinds {
    private ApplicationKinds() {}

    static final String SUBMITTED = "submitted";

    record AppPlan(Application app, Double architectureFlop, double hardwareFlop) {}

    static final class Apply extends DeclaredKind<AppPlan> {
        private final ComputeRate rate;
        private final LicensingRegimes regimes;

        Apply(ComputeRate rate, LicensingRegimes regimes) {
            super("licence-application", true, Role.DEVELOPER);
            this.rate = rate;
            this.regimes = regimes;
        }

        @Override
        public Object prepare(Input in) throws Rejection {
            try {
                return Application.read(in.payload());
            } catch (InvalidInputException e) {
                throw Rejection.badInput("the application is invalid: " + e.getMessage(), Checks.payloadField(e.field()), e.hint());
            }
        }

        @Override
        public AppPlan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            Application a = prepared instanceof Application p ? p : (Application) prepare(in);
            Checks.requireSubject(in.statement(), "licence-application:" + in.issuer());
            Double arch = null;
            double hw;
            try {
                if (a.parameters() != null) {
                    arch = ArchitectureEstimator.estimate(a.parameters(), null, a.tokens(), false).flop();
                }
                hw = a.chipCount() * a.scheduleHours() * rate.flopPerChipHour(a.chip());
            } catch (InvalidInputException e) {
                String f = e.field() != null && e.field().startsWith("--") ? "chips.type" : e.field();
                throw Rejection.badInput("the application's compute cannot be estimated: " + e.getMessage(),
                        Checks.payloadField(f), e.hint());
            }
            if (arch != null && new BigDecimal(a.plannedFlop()).compareTo(BigDecimal.valueOf(arch)) < 0) {
                throw Rejection.badInput("plannedFlop " + Flop.format(a.plannedFlop().doubleValue()) + " is below the knowledge core's "
                        + "estimate 6 × parameters × tokens = " + Flop.format(arch), "sealed.payload.plannedFlop",
                        "Declare at least the estimate, or correct the parameters and tokens.");
            }
            Optional<String> state = state(h, in.issuer(), a.applicationId());
            if (state.isPresent() && !state.get().equals(SUBMITTED) && !state.get().equals("changes-requested")) {
                throw Rejection.conflict("application-decided", "Application decided", "application " + in.issuer() + "/"
                        + a.applicationId() + " was " + state.get(), "Apply under a new applicationId.");
            }
            return new AppPlan(a, arch, hw);
        }

        @Override
        public void apply(Handle h, Input in, AppPlan p, long index, Effects effects) {
            Application a = p.app();
            ArrayNode clusters = Json.MAPPER.createArrayNode();
            a.clusters().forEach(clusters::add);
            h.createUpdate("""
                    INSERT INTO licence_application (developer, application_id, run, planned_flop, architecture_flop,
                        hardware_flop, chip, chip_count, clusters, schedule_start, schedule_end, safety_case, version, state,
                        decision_reasons, commitment, log_index)
                    VALUES (:dev, :id, :run, :planned, :arch, :hw, :chip, :n, :clusters, :start, :end, :safety, 1, 'submitted',
                        '[]', :commitment, :i)
                    ON CONFLICT (developer, application_id) DO UPDATE SET run = EXCLUDED.run,
                        planned_flop = EXCLUDED.planned_flop, architecture_flop = EXCLUDED.architecture_flop,
                        hardware_flop = EXCLUDED.hardware_flop, chip = EXCLUDED.chip, chip_count = EXCLUDED.chip_count,
                        clusters = EXCLUDED.clusters, schedule_start = EXCLUDED.schedule_start,
                        schedule_end = EXCLUDED.schedule_end, safety_case = EXCLUDED.safety_case,
                        version = licence_application.version + 1, state = 'submitted', decision_reasons = '[]', conditions = '[]',
                        commitment = EXCLUDED.commitment, log_index = EXCLUDED.log_index""")
                    .bind("dev", in.issuer()).bind("id", a.applicationId()).bind("run", a.run())
                    .bind("planned", a.plannedFlop().toString()).bind("arch", p.architectureFlop()).bind("hw", p.hardwareFlop())
                    .bind("chip", a.chip()).bind("n", a.chipCount()).bind("clusters", clusters.toString())
                    .bind("start", Timestamp.from(a.start())).bind("end", Timestamp.from(a.end()))
                    .bind("safety", a.safetyCaseJson().toString()).bind("commitment", in.statement().sealedSha256())
                    .bind("i", index).execute();
            effects.summary().put("application", in.issuer() + "/" + a.applicationId());
            Metering.need(regimes, a.plannedFlop(), p.architectureFlop(), effects.summary());
        }
    }

    static Optional<String> state(Handle h, String developer, String id) {
        return h.createQuery("SELECT state FROM licence_application WHERE developer = :d AND application_id = :a")
                .bind("d", developer).bind("a", id).mapTo(String.class).findOne();
    }

    record DecisionPlan(String developer, String applicationId, String outcome, List<String> reasons, List<String> conditions) {}

    static final class Decide extends DeclaredKind<DecisionPlan> {
        Decide() {
            super("licence-decision", false, Role.REGULATOR);
        }

        @Override
        public DecisionPlan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode d = in.predicate().path("decision");
            String app = Checks.text(d, "application", "predicate.decision.application");
            int slash = app.indexOf('/');
            if (slash <= 0 || slash == app.length() - 1) {
                throw Rejection.badInput("predicate.decision.application is developer/applicationId, got '" + app + "'",
                        "predicate.decision.application", "e.g. frontier-lab/A-1");
            }
            String dev = app.substring(0, slash);
            String id = app.substring(slash + 1);
            String outcome = Checks.text(d, "outcome", "predicate.decision.outcome");
            if (!List.of("approve", "request-changes", "deny").contains(outcome)) {
                throw Rejection.badInput("outcome must be approve, request-changes or deny", "predicate.decision.outcome", null);
            }
            List<String> reasons = new ArrayList<>();
            JsonNode rs = d.path("reasons");
            if (!rs.isMissingNode() && (!rs.isArray() || rs.size() > 50)) {
                throw Rejection.badInput("reasons must be a list of at most 50 texts", "predicate.decision.reasons", null);
            }
            for (int i = 0; i < rs.size(); i++) {
                String r = rs.get(i).isTextual() ? rs.get(i).textValue() : "";
                if (r.isBlank() || r.length() > 2000 || r.indexOf('\0') >= 0) {
                    throw Rejection.badInput("reasons[" + i + "] must be a text of 1 to 2,000 characters",
                            "predicate.decision.reasons[" + i + "]", null);
                }
                reasons.add(r);
            }
            if (!outcome.equals("approve") && reasons.isEmpty()) {
                throw Rejection.badInput("a decision to " + outcome + " gives its reasons", "predicate.decision.reasons",
                        "Say what the developer must change, or why the application is denied.");
            }
            Checks.requireSubject(in.statement(), "licence-application:" + app);
            var row = h.createQuery("SELECT state, run FROM licence_application WHERE developer = :d AND application_id = :a")
                    .bind("d", dev).bind("a", id).map((r, c) -> new String[] {r.getString(1), r.getString(2)}).findOne()
                    .orElseThrow(() -> Rejection.notFound("no application " + app, "The developer applies first (cgov licence apply)."));
            if (!row[0].equals(SUBMITTED)) {
                throw Rejection.conflict("application-not-pending", "Application not pending", "application " + app + " is "
                        + row[0] + ", not submitted", "Decide on submitted applications; after 'request changes' the developer re-applies.");
            }
            List<String> conditions = new ArrayList<>();
            JsonNode cs = d.path("conditions");
            if (!cs.isMissingNode() && (!cs.isArray() || cs.size() > 50 || !outcome.equals("approve"))) {
                throw Rejection.badInput("conditions are a list of at most 50 texts, on an approval only",
                        "predicate.decision.conditions", null);
            }
            for (int i = 0; i < cs.size(); i++) {
                String c = cs.get(i).isTextual() ? cs.get(i).textValue() : "";
                if (c.isBlank() || c.length() > 2000 || c.indexOf('\0') >= 0) {
                    throw Rejection.badInput("conditions[" + i + "] must be a text of 1 to 2,000 characters",
                            "predicate.decision.conditions[" + i + "]", null);
                }
                conditions.add(c);
            }
            return new DecisionPlan(dev, id, outcome, reasons, conditions);
        }

        @Override
        public void apply(Handle h, Input in, DecisionPlan p, long index, Effects effects) {
            String state = switch (p.outcome()) {
                case "approve" -> "approved";
                case "deny" -> "denied";
                default -> "changes-requested";
            };
            ArrayNode reasons = Json.MAPPER.createArrayNode();
            p.reasons().forEach(reasons::add);
            ArrayNode conditions = Json.MAPPER.createArrayNode();
            p.conditions().forEach(conditions::add);
            h.createUpdate("""
                    UPDATE licence_application SET state = :s, decision_reasons = :r, conditions = :c, decided_index = :i
                    WHERE developer = :d AND application_id = :a""")
                    .bind("s", state).bind("r", reasons.toString()).bind("c", conditions.toString()).bind("i", index)
                    .bind("d", p.developer()).bind("a", p.applicationId()).execute();
            String app = p.developer() + "/" + p.applicationId();
            effects.summary().put("application", app).put("state", state);
            effects.notice(new Notice(p.developer(), Json.MAPPER.createObjectNode().put("application", app).put("state", state)
                    .set("reasons", reasons), "application " + app + ": " + state));
        }
    }

    /** {@code licence-notice-ack} (compute provider, public; subject {@code licence:<id>}): {@code {licence, notice}}. */
    record AckPlan(String licence, String notice) {}

    static final class Ack extends DeclaredKind<AckPlan> {
        Ack() {
            super("licence-notice-ack", false, Role.COMPUTE_PROVIDER);
        }

        @Override
        public AckPlan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode a = in.predicate().path("ack");
            String licence = Checks.text(a, "licence", "predicate.ack.licence");
            String notice = Checks.text(a, "notice", "predicate.ack.notice");
            Checks.requireSubject(in.statement(), "licence:" + licence);
            if (LicenceKinds.row(h, licence).isEmpty()) {
                throw Rejection.notFound("no licence " + licence, null);
            }
            if (!Notices.providers(Notices.licence(h, licence)).contains(in.issuer())) {
                throw Rejection.forbidden(in.issuer() + " is not a provider licence " + licence + " authorizes",
                        "Only the providers a notice was sent to acknowledge it.");
            }
            boolean sent = h.createQuery("SELECT count(*) FROM licence_notice WHERE id = :n AND provider = :p AND licence = :l")
                    .bind("n", notice).bind("p", in.issuer()).bind("l", licence).mapTo(Integer.class).one() > 0;
            if (!sent && !Notices.keptHere(licence, notice)) {
                throw Rejection.notFound("no notice " + notice + " to " + in.issuer() + " about licence " + licence,
                        "List your notices: cgov licence notices.");
            }
            boolean acked = h.createQuery("SELECT count(*) FROM licence_notice_ack WHERE notice = :n AND provider = :p")
                    .bind("n", notice).bind("p", in.issuer()).mapTo(Integer.class).one() > 0;
            if (acked) {
                throw Rejection.conflict("notice-acknowledged", "Notice acknowledged", in.issuer() + " acknowledged notice "
                        + notice + " already", null);
            }
            return new AckPlan(licence, notice);
        }

        @Override
        public void apply(Handle h, Input in, AckPlan p, long index, Effects effects) {
            h.createUpdate("""
                    INSERT INTO licence_notice_ack (notice, provider, licence, acked_at, log_index)
                    VALUES (:n, :p, :l, :t, :i)""")
                    .bind("n", p.notice()).bind("p", in.issuer()).bind("l", p.licence())
                    .bind("t", Timestamp.from(in.statement().issuedAt())).bind("i", index).execute();
            effects.summary().put("licence", p.licence()).put("notice", p.notice()).put("acknowledgedBy", in.issuer());
        }
    }

    static BigInteger max(BigInteger planned, Double arch) {
        if (arch == null) {
            return planned;
        }
        BigInteger a = BigDecimal.valueOf(arch).toBigInteger();
        return a.max(planned);
    }
}
