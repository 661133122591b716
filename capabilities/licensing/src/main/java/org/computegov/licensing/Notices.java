package org.computegov.licensing;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.computegov.licensing.admission.Licence;
import org.computegov.licensing.admission.LicenceJson;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.Notice;
import org.jdbi.v3.core.Handle;

/**
 * Notices to a licence's authorized providers. A suspension or revocation (a standing statement), or an amendment (to
 * the providers of the old and the new terms), writes one notice per provider, id {@code <licence>#<log index>}; an
 * overrun, which the server observes from settled usage and records as a {@code licence-meter} statement
 * ({@link MeterKind}), writes one per provider, id {@code <licence>#overrun}. Each provider acknowledges with a
 * {@code licence-notice-ack} statement; a notice not acknowledged within {@link Metering#ACK_WITHIN} is overdue and
 * shown as escalated.
 */
final class Notices {
    private Notices() {}

    static String overrunId(String licence) {
        return licence + "#overrun";
    }

    /** The providers a licence authorizes (the part before '/' of each cluster it names). */
    static Set<String> providers(Licence l) {
        Set<String> out = new TreeSet<>();
        for (String c : l.clusters()) {
            out.add(c.substring(0, c.indexOf('/')));
        }
        return out;
    }

    static Licence licence(Handle h, String id) {
        String terms = h.createQuery("SELECT terms FROM licence WHERE id = :id").bind("id", id).mapTo(String.class).one();
        try {
            return LicenceJson.parse(Json.MAPPER.readTree(terms)).licence();
        } catch (Exception e) {
            throw new IllegalStateException("stored licence " + id + " does not parse", e);
        }
    }

    static void standingChanged(Handle h, String licenceId, String standing, String reason, Instant at, long index, Effects effects) {
        send(h, licenceId, providers(licence(h, licenceId)), standing, reason, at, index, effects,
                "licence " + licenceId + " " + standing + ": stop starting jobs under it");
    }

    /** The overrun notice ({@code <licence>#overrun}, one per licence) to every provider the licence authorizes. */
    static void overrun(Handle h, String licenceId, String reason, Instant at, long index, Effects effects) {
        write(h, overrunId(licenceId), licenceId, providers(licence(h, licenceId)), "overrun", reason, at, index, effects,
                "licence " + licenceId + " overran its budget: start no further jobs under it");
    }

    /** One notice, id {@code <licence>#<log index>}, to each of {@code providers}, issued at the statement's time. */
    static void send(Handle h, String licenceId, Set<String> providers, String cause, String reason, Instant at, long index,
            Effects effects, String what) {
        write(h, licenceId + "#" + index, licenceId, providers, cause, reason, at, index, effects, what);
    }

    private static void write(Handle h, String id, String licenceId, Set<String> providers, String cause, String reason,
            Instant at, long index, Effects effects, String what) {
        for (String provider : providers) {
            h.createUpdate("""
                    INSERT INTO licence_notice (id, licence, provider, cause, reason, issued_at, log_index)
                    VALUES (:id, :l, :p, :c, :r, :t, :i)""")
                    .bind("id", id).bind("l", licenceId).bind("p", provider).bind("c", cause).bind("r", reason)
                    .bind("t", java.sql.Timestamp.from(at)).bind("i", index).execute();
            var body = Json.MAPPER.createObjectNode().put("notice", id).put("licence", licenceId).put("provider", provider)
                    .put("cause", cause).put("reason", reason);
            effects.notice(new Notice(provider, body, what + " and acknowledge notice " + id + " (cgov licence ack)"));
        }
        effects.summary().put("notice", id);
    }
}
