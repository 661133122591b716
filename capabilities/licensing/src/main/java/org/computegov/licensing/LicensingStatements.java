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
}
