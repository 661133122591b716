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
 * ({@link MeterKind}), writes one per provider, id {@code <licence>#overrun}; a settlement of jobs whose usage was never
 * reported ({@link SettlementKind}) writes one to each provider that ran them, id {@code <licence>#<log index>}. Each provider acknowledges with a
 * {@code licence-notice-ack} statement; a notice not acknowledged within {@link Metering#ACK_WITHIN} is overdue and
 * shown as escalated.
 */
final class Notices {
    private Notices() {}

    static String overrunId(String licence) {
        return licence + "#overrun";
    }

    /**
     * The id of a notice of jobs settled unreported in hold rows by a server without a signer key (no statement, so no
     * log index): the sweep's time in epoch milliseconds.
     */
    static String unreportedHereId(String licence, Instant sweptAt) {
        return licence + "#unreported-" + sweptAt.toEpochMilli();
    }

    /**
     * Notices a server without a signer key keeps out of the log (derived from what it observed or settled locally), which
     * a provider may acknowledge although no notice row has them: the overrun and unreported jobs.
     */
    static boolean keptHere(String licence, String notice) {
        return notice.equals(overrunId(licence)) || notice.matches(java.util.regex.Pattern.quote(licence) + "#unreported-[0-9]{1,19}");
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

    /** Jobs named in one notice's reason; more are counted. */
    static final int JOBS_NAMED = 20;

    /**
     * The notice of jobs settled unreported (their holds expired: no usage reported within the time limit and the grace)
     * to each provider that ran them, id {@code <licence>#<log index>}, naming that provider's jobs.
     */
    static void unreported(Handle h, String licenceId, java.util.Map<String, java.util.List<LicensingStatements.SettledJob>> byProvider,
            Instant at, long index, Effects effects) {
        byProvider.forEach((provider, jobs) -> write(h, licenceId + "#" + index, licenceId, Set.of(provider), "unreported",
                unreportedReason(licenceId, jobs), at, index, effects,
                "report the usage of every job admitted under licence " + licenceId + " within its time limit and the grace"));
    }

    static String unreportedReason(String licenceId, java.util.List<LicensingStatements.SettledJob> jobs) {
        java.math.BigInteger flop = jobs.stream().map(LicensingStatements.SettledJob::usedFlop)
                .reduce(java.math.BigInteger.ZERO, java.math.BigInteger::add);
        StringBuilder named = new StringBuilder();
        for (int i = 0; i < Math.min(JOBS_NAMED, jobs.size()); i++) {
            named.append(i == 0 ? "" : ", ").append(jobs.get(i).holdId());
        }
        if (jobs.size() > JOBS_NAMED) {
            named.append(" and ").append(jobs.size() - JOBS_NAMED).append(" more");
        }
        return "no usage was reported for " + (jobs.size() == 1 ? "job " : jobs.size() + " jobs ") + named
                + " admitted under licence " + licenceId + " within the time limit and the grace: each is charged its whole"
                + " pre-charge (" + org.computegov.knowledge.estimate.Flop.format(flop.doubleValue()) + " FLOP in all), and a"
                + " later report changes nothing. Report every admitted job's usage (cgov-slurm-collect) within the grace";
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
