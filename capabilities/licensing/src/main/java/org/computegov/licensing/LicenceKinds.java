package org.computegov.licensing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.computegov.licensing.admission.LicenceJson;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * The licensing statement kinds, all signed by the regulator:
 * <ul>
 *   <li>{@code registry-licence}: a licence's terms ({@code predicate.licence}, see {@link LicenceJson}); subject
 *       {@code licence:<id>}; an id is issued once (changes are amendments, not re-issues);</li>
 *   <li>{@code registry-licence-tranche}: {@code {licence, tranche}} releases the next tranche after its interim
 *       evaluation report was accepted;</li>
 *   <li>{@code registry-licence-standing}: {@code {licence, standing: active|suspended|revoked, reason}}; revocation
 *       is final;</li>
 *   <li>{@code registry-licence-amendment}: the whole amended terms and {@code {number, reason}} ({@link Amendment}).</li>
 * </ul>
 */
final class LicenceKinds {
    private LicenceKinds() {}

    static List<StatementKind<?>> all() {
        return List.of(new Issue(), new Tranche(), new Standing());
    }

    static List<StatementKind<?>> all(RegistryLicences licences) {
        return List.of(new Issue(), new Tranche(), new Standing(), new Amendment(licences));
    }

    record Row(String id, int tranches, int released, String standing) {}

    static Optional<Row> row(Handle h, String id) {
        return h.createQuery("SELECT id, tranches, tranches_released, standing FROM licence WHERE id = :id").bind("id", id)
                .map((rs, c) -> new Row(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4))).findOne();
    }

    static final class Issue implements StatementKind<LicenceJson.Terms> {
        @Override
        public String wire() {
            return "licence";
        }

        @Override
        public Set<Role> signers() {
            return Set.of(Role.REGULATOR);
        }

        @Override
        public boolean sealed() {
            return false;
        }

        @Override
        public LicenceJson.Terms check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            LicenceJson.Terms t;
            try {
                t = LicenceJson.parse(in.predicate().get("licence"));
            } catch (IllegalArgumentException e) {
                throw Rejection.badInput("the licence is invalid: " + e.getMessage(), "predicate.licence",
                        "See docs/LICENSING.md for the licence format.");
            }
            Checks.time(t.licence().validFrom(), "predicate.licence.validFrom");
            Checks.time(t.licence().validUntil(), "predicate.licence.validUntil");
            Checks.requireSubject(in.statement(), "licence:" + t.licence().id());
            if (row(h, t.licence().id()).isPresent()) {
                throw Rejection.conflict("licence-exists", "Licence exists", "licence " + t.licence().id()
                        + " was issued already", "Change its terms with an amendment (cgov licence amend), or suspend it.");
            }
            JsonNode app = in.predicate().get("application");
            if (app != null) {
                String a = app.isTextual() ? app.textValue() : "";
                var found = h.createQuery("""
                        SELECT state, run, coalesce(licence_id, '') FROM licence_application
                        WHERE developer || '/' || application_id = :a""").bind("a", a)
                        .map((rs, c) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).findOne()
                        .orElseThrow(() -> Rejection.notFound("no application '" + a + "'", "Name it developer/applicationId."));
                if (!found[0].equals("approved") || !found[2].isEmpty()) {
                    throw Rejection.conflict("application-not-approved", "Application not approved", "application " + a
                            + " is " + found[0] + (found[2].isEmpty() ? "" : " and licensed as " + found[2]),
                            "The regulator approves an application (cgov licence decide) before its licence is issued, once.");
                }
                if (!a.startsWith(t.licence().developer() + "/") || !(found[1].equals(t.licence().run()) || (t.licence().developer() + "/" + found[1]).equals(t.licence().run()))) {
                    throw Rejection.badInput("the licence is for " + t.licence().developer() + "'s run " + t.licence().run()
                            + ", the application " + a + " for run " + found[1], "predicate.licence",
                            "License the developer and run the application declares.");
                }
            }
            return t;
        }

        @Override
        public void apply(Handle h, Input in, LicenceJson.Terms t, long index, Effects effects) {
            insert(h, t, index);
            effects.summary().put("licence", t.licence().id());
            JsonNode app = in.predicate().get("application");
            if (app != null) {
                h.createUpdate("UPDATE licence_application SET licence_id = :l WHERE developer || '/' || application_id = :a")
                        .bind("l", t.licence().id()).bind("a", app.textValue()).execute();
                effects.summary().put("application", app.textValue());
            }
        }
    }

    /** Writes a licence's row: from a licence statement, or from an approving decision that carries the terms. */
    static void insert(Handle h, LicenceJson.Terms t, long index) {
        {
            var l = t.licence();
            h.createUpdate("""
                    INSERT INTO licence (id, developer, run, terms, tranches, tranches_released, standing, standing_reason,
                                         log_index, updated_index, terms_index)
                    VALUES (:id, :dev, :run, :terms, :n, :released, 'active', '', :i, :i, :i)""")
                    .bind("id", l.id()).bind("dev", l.developer()).bind("run", l.run())
                    .bind("terms", LicenceJson.toJson(l, t.tranchesReleased()).toString()).bind("n", l.tranches().size())
                    .bind("released", t.tranchesReleased()).bind("i", index).execute();
        }
    }

    record TranchePlan(String licence, int tranche) {}

    static final class Tranche implements StatementKind<TranchePlan> {
        @Override
        public String wire() {
            return "licence-tranche";
        }

        @Override
        public Set<Role> signers() {
            return Set.of(Role.REGULATOR);
        }

        @Override
        public boolean sealed() {
            return false;
        }

        @Override
        public TranchePlan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode p = in.predicate().path("release");
            String id = Checks.text(p, "licence", "predicate.release.licence");
            JsonNode n = p.path("tranche");
            if (!n.isInt()) {
                throw Rejection.badInput("predicate.release.tranche must be a whole number", "predicate.release.tranche", null);
            }
            Checks.requireSubject(in.statement(), "licence:" + id);
            Row r = row(h, id).orElseThrow(() -> Rejection.notFound("no licence " + id, "Issue the licence first."));
            if (n.asInt() != r.released() + 1 || n.asInt() > r.tranches()) {
                throw Rejection.conflict("tranche-out-of-order", "Tranche out of order", "licence " + id + " has "
                        + r.released() + " of " + r.tranches() + " tranches released; the next is " + (r.released() + 1),
                        "Release tranches in order, each once.");
            }
            if (r.standing().equals("revoked")) {
                throw Rejection.conflict("licence-revoked", "Licence revoked", "licence " + id + " is revoked", null);
            }
            return new TranchePlan(id, n.asInt());
        }

        @Override
        public void apply(Handle h, Input in, TranchePlan p, long index, Effects effects) {
            h.createUpdate("UPDATE licence SET tranches_released = :t, updated_index = :i WHERE id = :id")
                    .bind("t", p.tranche()).bind("i", index).bind("id", p.licence()).execute();
            effects.summary().put("licence", p.licence()).put("tranchesReleased", p.tranche());
        }
    }

    record StandingPlan(String licence, String standing, String reason) {}

    static final class Standing implements StatementKind<StandingPlan> {
        @Override
        public String wire() {
            return "licence-standing";
        }

        @Override
        public Set<Role> signers() {
            return Set.of(Role.REGULATOR);
        }

        @Override
        public boolean sealed() {
            return false;
        }

        @Override
        public StandingPlan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode p = in.predicate().path("standing");
            String id = Checks.text(p, "licence", "predicate.standing.licence");
            String standing = Checks.text(p, "standing", "predicate.standing.standing").toLowerCase(Locale.ROOT);
            if (!Set.of("active", "suspended", "revoked").contains(standing)) {
                throw Rejection.badInput("standing must be active, suspended or revoked", "predicate.standing.standing", null);
            }
            String reason = p.path("reason").isTextual() ? p.path("reason").textValue() : "";
            if (reason.length() > 1000) {
                throw Rejection.badInput("the reason has at most 1000 characters", "predicate.standing.reason", null);
            }
            Checks.requireSubject(in.statement(), "licence:" + id);
            Row r = row(h, id).orElseThrow(() -> Rejection.notFound("no licence " + id, "Issue the licence first."));
            if (r.standing().equals("revoked")) {
                throw Rejection.conflict("licence-revoked", "Licence revoked", "licence " + id
                        + " is revoked; revocation is final", "Issue a new licence.");
            }
            return new StandingPlan(id, standing, reason);
        }

        @Override
        public void apply(Handle h, Input in, StandingPlan p, long index, Effects effects) {
            h.createUpdate("UPDATE licence SET standing = :s, standing_reason = :r, updated_index = :i WHERE id = :id")
                    .bind("s", p.standing()).bind("r", p.reason()).bind("i", index).bind("id", p.licence()).execute();
            effects.summary().put("licence", p.licence()).put("standing", p.standing());
            if (!p.standing().equals("active")) {
                Notices.standingChanged(h, p.licence(), p.standing(), p.reason(), in.statement().issuedAt(), index, effects);
            }
        }
    }
}
