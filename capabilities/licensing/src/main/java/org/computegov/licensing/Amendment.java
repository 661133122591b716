package org.computegov.licensing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.util.Set;
import java.util.TreeSet;
import org.computegov.knowledge.estimate.Flop;
import org.computegov.licensing.admission.Licence;
import org.computegov.licensing.admission.LicenceJson;
import org.computegov.licensing.budget.BudgetSnapshot;
import org.computegov.licensing.budget.Tranche;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.DeclaredKind;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.Schemas;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * {@code registry-licence-amendment}: the regulator changes a licence's terms — its budget (tranches), authorized
 * clusters and accounts, validity window or conditions. The predicate carries the <em>whole</em> amended terms under
 * {@code licence} (as a licence statement does) and {@code amendment: {number, reason}}, so that the amendment's log
 * entry is by itself what a provider's offline bundle needs: {@code cgov admit} reads the terms from it exactly as
 * from the original licence.
 *
 * <p>Refused when the licence is unknown (404) or revoked (409: only a licence in force is amended; an expired or
 * suspended one may be, to extend or correct it); when the licensee or run would change (that is a new licence);
 * when {@code number} is not the next amendment (409: an amendment written against older terms is stale); when it
 * would release or withdraw tranches ({@code tranchesReleased} must stay: releases are their own statements); when the
 * window would end before the amendment (that is a revocation); when nothing changes; and when the amended released
 * budget is below what is already charged plus pre-charged at this server (409).
 *
 * <p>That last floor is a fact of this server's memory (holds and settlements are not statements yet, see
 * {@link RegistryLicences}), not of the log, so it is checked only against the live projection when the statement is
 * first accepted; replay re-derives what the log says and does not re-check it (doing so against today's memory could
 * refuse an amendment that was right when made).
 */
final class Amendment extends DeclaredKind<Amendment.Plan> {
    private final RegistryLicences licences;

    Amendment(RegistryLicences licences) {
        super("licence-amendment", false, Role.REGULATOR);
        this.licences = licences;
    }

    record Plan(Licence licence, int released, int number, String reason, ArrayNode changes, Set<String> notified) {}

    @Override
    public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
        LicenceJson.Terms t;
        try {
            t = LicenceJson.parse(in.predicate().get("licence"));
        } catch (IllegalArgumentException e) {
            throw Rejection.badInput("the amended licence is invalid: " + e.getMessage(), "predicate.licence",
                    "Send the whole amended terms in the licence format (docs/LICENSING.md).");
        }
        Licence amended = t.licence();
        Checks.time(amended.validFrom(), "predicate.licence.validFrom");
        Checks.time(amended.validUntil(), "predicate.licence.validUntil");
        JsonNode a = in.predicate().path("amendment");
        JsonNode n = a.path("number");
        if (!n.isInt() || n.asInt() < 1) {
            throw Rejection.badInput("predicate.amendment.number must be a whole number from 1", "predicate.amendment.number",
                    "Number amendments 1, 2, … in order.");
        }
        String reason = Checks.text(a, "reason", "predicate.amendment.reason");
        if (reason.length() > 1000) {
            throw Rejection.badInput("the reason has at most 1000 characters", "predicate.amendment.reason", null);
        }
        String id = amended.id();
        Checks.requireSubject(in.statement(), "licence:" + id);
        var row = h.createQuery("SELECT terms, tranches_released, standing, amendments FROM licence WHERE id = :id")
                .bind("id", id).map((rs, c) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4)})
                .findOne().orElseThrow(() -> Rejection.notFound("no licence " + id, "Issue the licence first (cgov licence issue)."));
        int released = (Integer) row[1];
        int done = (Integer) row[3];
        if (row[2].equals("revoked")) {
            throw Rejection.conflict("licence-revoked", "Licence revoked", "licence " + id
                    + " is revoked; only a licence in force is amended", "Issue a new licence.");
        }
        Licence current = Notices.licence(h, id);
        if (!current.developer().equals(amended.developer()) || !current.run().equals(amended.run())) {
            throw Rejection.badInput("an amendment keeps the licensee and run (" + current.developer() + ", " + current.run()
                    + ")", "predicate.licence", "License another developer or run with a new licence.");
        }
        if (n.asInt() != done + 1) {
            throw Rejection.conflict("amendment-out-of-order", "Amendment out of order", "licence " + id + " has " + done
                    + " amendment(s); the next is number " + (done + 1), "Amend the current terms (cgov licence show " + id
                    + ") with the next number.");
        }
        if (t.tranchesReleased() != released) {
            throw Rejection.conflict("tranches-released-differ", "Released tranches differ", "licence " + id + " has "
                    + released + " tranche(s) released; the amendment says " + t.tranchesReleased(),
                    "Keep tranchesReleased at " + released + "; release tranches with cgov licence release.");
        }
        if (!amended.validUntil().isAfter(in.statement().issuedAt())) {
            throw Rejection.badInput("the amended validity ends at " + amended.validUntil() + ", before the amendment",
                    "predicate.licence.validUntil", "To end a licence now, revoke it (cgov licence revoke).");
        }
        ArrayNode changes = changes(current, amended, released);
        if (changes.isEmpty()) {
            throw Rejection.badInput("the amendment changes nothing in licence " + id, "predicate.licence",
                    "Change the tranches, clusters, accounts, validity or conditions.");
        }
        BigInteger releasedFlop = releasedFlop(amended, released);
        if (live(h)) {
            BudgetSnapshot b = licences.budget(id).orElse(null);
            if (b != null && b.used().add(b.held()).compareTo(releasedFlop) > 0) {
                throw Rejection.conflict("budget-below-charged", "Budget below charges", "licence " + id + " has "
                        + b.used() + " FLOP charged and " + b.held() + " held (" + Flop.format(b.used().add(b.held()).doubleValue())
                        + " FLOP); the amended released budget would be " + releasedFlop + " (" + Flop.format(releasedFlop.doubleValue())
                        + " FLOP)", "Keep the released budget at least at what is charged and held, or suspend the licence.");
            }
        }
        Set<String> notified = new TreeSet<>(Notices.providers(current));
        notified.addAll(Notices.providers(amended));
        return new Plan(amended, released, n.asInt(), reason, changes, notified);
    }

    @Override
    public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
        Licence l = p.licence();
        h.createUpdate("""
                UPDATE licence SET terms = :terms, tranches = :n, amendments = :a, terms_index = :i, updated_index = :i
                WHERE id = :id""").bind("terms", LicenceJson.toJson(l, p.released()).toString()).bind("n", l.tranches().size())
                .bind("a", p.number()).bind("i", index).bind("id", l.id()).execute();
        h.createUpdate("""
                INSERT INTO licence_amendment (licence, number, reason, changes, issued_at, log_index)
                VALUES (:l, :n, :r, :c, :t, :i)""").bind("l", l.id()).bind("n", p.number()).bind("r", p.reason())
                .bind("c", p.changes().toString()).bind("t", Timestamp.from(in.statement().issuedAt())).bind("i", index).execute();
        effects.summary().put("licence", l.id()).put("amendment", p.number()).set("changes", p.changes());
        // Every provider the old or the new terms authorize is told: a removed one must stop, an added one may start,
        // and each needs the new bundle (the old one is honoured only until its status ages out).
        Notices.send(h, l.id(), p.notified(), "amended", p.reason(), in.statement().issuedAt(), index, effects,
                "licence " + l.id() + " amended: fetch its new bundle and admit jobs under the new terms");
    }

    private static boolean live(Handle h) {
        return Schemas.LIVE.equals(h.createQuery("SELECT current_schema()").mapTo(String.class).one());
    }

    static BigInteger releasedFlop(Licence l, int released) {
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < released; i++) {
            sum = sum.add(l.tranches().get(i).flop());
        }
        return sum;
    }

    /** What an amendment changes, field by field ({@code {field, from, to}}), in the licence JSON's terms. */
    static ArrayNode changes(Licence before, Licence after, int released) {
        ObjectNode b = LicenceJson.toJson(before, released);
        ObjectNode a = LicenceJson.toJson(after, released);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String f : new String[] {"tranches", "clusters", "accounts", "validFrom", "validUntil", "conditions"}) {
            if (!b.path(f).equals(a.path(f))) {
                out.addObject().put("field", f).<ObjectNode>set("from", b.path(f)).set("to", a.path(f));
            }
        }
        BigInteger rb = releasedFlop(before, released);
        BigInteger ra = releasedFlop(after, released);
        if (!rb.equals(ra)) {
            out.addObject().put("field", "releasedFlop").put("from", rb.toString()).put("to", ra.toString());
        }
        BigInteger tb = before.tranches().stream().map(Tranche::flop).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger ta = after.tranches().stream().map(Tranche::flop).reduce(BigInteger.ZERO, BigInteger::add);
        if (!tb.equals(ta)) {
            out.addObject().put("field", "totalFlop").put("from", tb.toString()).put("to", ta.toString());
        }
        return out;
    }
}
