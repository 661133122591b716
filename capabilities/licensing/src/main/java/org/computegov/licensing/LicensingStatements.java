package org.computegov.licensing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.computegov.licensing.admission.Licence;
import org.computegov.licensing.admission.LicenceJson;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;

/** Builders of the licensing statements, signed by the regulator's writer. */
@Published
public final class LicensingStatements {
    private LicensingStatements() {}

    public static Submission licence(StatementWriter regulator, Licence l, int tranchesReleased) {
        ObjectNode p = regulator.predicate();
        p.set("licence", LicenceJson.toJson(l, tranchesReleased));
        return regulator.publicStatement("licence", "licence:" + l.id(), p, null, null);
    }

    public static Submission tranche(StatementWriter regulator, String licence, int tranche) {
        ObjectNode p = regulator.predicate();
        p.putObject("release").put("licence", licence).put("tranche", tranche);
        return regulator.publicStatement("licence-tranche", "licence:" + licence, p, null, null);
    }

    public static Submission standing(StatementWriter regulator, String licence, String standing, String reason) {
        ObjectNode p = regulator.predicate();
        p.putObject("standing").put("licence", licence).put("standing", standing).put("reason", reason);
        return regulator.publicStatement("licence-standing", "licence:" + licence, p, null, null);
    }

    /** An amendment: the whole amended terms (tranches released unchanged) and the next amendment number, with why. */
    public static Submission amendment(StatementWriter regulator, Licence amended, int tranchesReleased, int number, String reason) {
        ObjectNode p = regulator.predicate();
        p.set("licence", LicenceJson.toJson(amended, tranchesReleased));
        p.putObject("amendment").put("number", number).put("reason", reason);
        return regulator.publicStatement("licence-amendment", "licence:" + amended.id(), p, null, null);
    }

    /** The server's observation of a licence's usage: {@code alert-80}, {@code alert-100} or {@code overrun}. */
    public static Submission meter(StatementWriter regulator, String licence, String event, java.math.BigInteger used,
            java.math.BigInteger released) {
        ObjectNode p = regulator.predicate();
        p.putObject("meter").put("licence", licence).put("event", event).put("usedFlop", used.toString())
                .put("releasedFlop", released.toString());
        return regulator.publicStatement("licence-meter", "licence:" + licence, p, null, null);
    }

    /**
     * One job's settlement in a {@link #settlement} statement. {@code unreported}: the job's usage was never reported
     * within its time limit and the grace, so its hold expired and it is charged its whole pre-charge
     * ({@code usedFlop = heldFlop}; {@code elapsedSeconds} is then its time limit, the most it could have run).
     */
    public record SettledJob(String provider, String cluster, String jobRef, String chip, int chips, long elapsedSeconds,
            java.math.BigInteger heldFlop, java.math.BigInteger usedFlop, boolean unreported) {
        /** A job whose usage was reported. */
        public SettledJob(String provider, String cluster, String jobRef, String chip, int chips, long elapsedSeconds,
                java.math.BigInteger heldFlop, java.math.BigInteger usedFlop) {
            this(provider, cluster, jobRef, chip, chips, elapsedSeconds, heldFlop, usedFlop, false);
        }

        public String holdId() {
            return provider + "/" + cluster + "/" + jobRef;
        }
    }

    /**
     * The server's record of jobs settled against a licence (at most {@link SettlementKind#MAX_JOBS}): each hold turned
     * into a charge of what the job used, or of its whole pre-charge for a job whose usage was never reported.
     */
    public static Submission settlement(StatementWriter regulator, String licence, java.util.List<SettledJob> jobs) {
        ObjectNode p = regulator.predicate();
        ObjectNode s = p.putObject("settlement").put("licence", licence);
        var a = s.putArray("jobs");
        for (SettledJob j : jobs) {
            ObjectNode o = a.addObject().put("hold", j.holdId()).put("provider", j.provider()).put("cluster", j.cluster())
                    .put("jobRef", j.jobRef()).put("chip", j.chip()).put("chips", j.chips())
                    .put("elapsedSeconds", j.elapsedSeconds()).put("heldFlop", j.heldFlop().toString())
                    .put("usedFlop", j.usedFlop().toString());
            if (j.unreported()) {
                o.put("unreported", true); // only when set: statements from before the field read the same
            }
        }
        return regulator.publicStatement("licence-settlement", "licence:" + licence, p, null, null);
    }

    /** A licence issued under an approved application ({@code developer/applicationId}). */
    public static Submission licence(StatementWriter regulator, Licence l, int tranchesReleased, String application) {
        ObjectNode p = regulator.predicate();
        p.set("licence", LicenceJson.toJson(l, tranchesReleased));
        p.put("application", application);
        return regulator.publicStatement("licence", "licence:" + l.id(), p, null, null);
    }

    /** A developer's application (sealed: the JSON of {@link org.computegov.licensing.application.Application}). */
    public static Submission application(StatementWriter developer, byte[] application) {
        return developer.sealedStatement("licence-application", "licence-application:" + developer.issuer(), developer.predicate(),
                application);
    }

    /** The regulator's decision: approve (with conditions), request-changes or deny (with reasons). */
    public static Submission decision(StatementWriter regulator, String application, String outcome,
            java.util.List<String> reasons, java.util.List<String> conditions) {
        ObjectNode p = regulator.predicate();
        ObjectNode d = p.putObject("decision").put("application", application).put("outcome", outcome);
        reasons.forEach(d.putArray("reasons")::add);
        if (!conditions.isEmpty()) {
            conditions.forEach(d.putArray("conditions")::add);
        }
        return regulator.publicStatement("licence-decision", "licence-application:" + application, p, null, null);
    }

    /** A provider's acknowledgement of a notice about a licence. */
    public static Submission ack(StatementWriter provider, String licence, String notice) {
        ObjectNode p = provider.predicate();
        p.putObject("ack").put("licence", licence).put("notice", notice);
        return provider.publicStatement("licence-notice-ack", "licence:" + licence, p, null, null);
    }
}
