package org.computegov.licensing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.util.Set;
import org.computegov.knowledge.estimate.Flop;
import org.computegov.licensing.admission.LicenceJson;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.DeclaredKind;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * {@code registry-licence-meter}: what the server observed of a licence's settled usage — the burn-down alerts at 80%
 * ({@code alert-80}) and 100% ({@code alert-100}) of the released budget and the overrun ({@code overrun}: usage beyond
 * it) — each recorded once, at the statement's time, with the figures seen. The server signs these itself with the
 * regulator's key it holds ({@link org.computegov.registry.kernel.ServerWriter}): an observation must be a statement
 * to survive a restart and be reproduced by replay with the time it was made (settlements, from which it is observed,
 * are {@code licence-settlement} statements since; deriving alerts in their apply is a possible next step). An overrun also sends a notice, id {@code <licence>#overrun},
 * to every provider the licence authorizes, which each acknowledges like any other.
 *
 * <p>Refused when the licence is unknown (404), the event unknown, the figures do not show what the event claims
 * (400: an alert needs used ≥ its share of released, an overrun used &gt; released), or the event was recorded for the
 * licence already (409: the first observation stands).
 */
final class MeterKind extends DeclaredKind<MeterKind.Plan> {
    static final Set<String> EVENTS = Set.of("alert-80", "alert-100", "overrun");

    MeterKind() {
        super("licence-meter", false, Role.REGULATOR);
    }

    record Plan(String licence, String event, BigInteger used, BigInteger released) {}

    @Override
    public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
        JsonNode m = in.predicate().path("meter");
        String licence = Checks.text(m, "licence", "predicate.meter.licence");
        String event = Checks.text(m, "event", "predicate.meter.event");
        if (!EVENTS.contains(event)) {
            throw Rejection.badInput("event must be alert-80, alert-100 or overrun, got '" + event + "'", "predicate.meter.event", null);
        }
        BigInteger used;
        BigInteger released;
        try {
            used = LicenceJson.flop(m.path("usedFlop"), "predicate.meter.usedFlop");
            released = LicenceJson.flop(m.path("releasedFlop"), "predicate.meter.releasedFlop");
        } catch (IllegalArgumentException e) {
            throw Rejection.badInput(e.getMessage(), "predicate.meter", "Give FLOP as strings of whole numbers, e.g. \"8e23\".");
        }
        boolean shown = switch (event) {
            case "alert-80" -> used.multiply(BigInteger.TEN).compareTo(released.multiply(BigInteger.valueOf(8))) >= 0;
            case "alert-100" -> used.compareTo(released) >= 0;
            default -> used.compareTo(released) > 0;
        };
        if (!shown) {
            throw Rejection.badInput(Flop.format(used.doubleValue()) + " FLOP used of " + Flop.format(released.doubleValue())
                    + " released is not an " + event, "predicate.meter.usedFlop", null);
        }
        Checks.requireSubject(in.statement(), "licence:" + licence);
        if (LicenceKinds.row(h, licence).isEmpty()) {
            throw Rejection.notFound("no licence " + licence, null);
        }
        boolean recorded = h.createQuery("SELECT count(*) FROM licence_meter WHERE licence = :l AND event = :e")
                .bind("l", licence).bind("e", event).mapTo(Integer.class).one() > 0;
        if (recorded) {
            throw Rejection.conflict("meter-recorded", "Observation recorded", "licence " + licence + "'s " + event
                    + " was recorded already", "The first observation stands.");
        }
        return new Plan(licence, event, used, released);
    }

    @Override
    public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
        h.createUpdate("""
                INSERT INTO licence_meter (licence, event, used_flop, released_flop, observed_at, log_index)
                VALUES (:l, :e, :u, :r, :t, :i)""").bind("l", p.licence()).bind("e", p.event()).bind("u", p.used().toString())
                .bind("r", p.released().toString()).bind("t", Timestamp.from(in.statement().issuedAt())).bind("i", index).execute();
        effects.summary().put("licence", p.licence()).put("event", p.event());
        if (p.event().equals("overrun")) {
            Notices.overrun(h, p.licence(), "usage reported against licence " + p.licence() + " ("
                    + Flop.format(p.used().doubleValue()) + " FLOP) exceeds its released budget (" + Flop.format(p.released().doubleValue())
                    + " FLOP): start no further jobs under it", in.statement().issuedAt(), index, effects);
        }
    }
}
