package org.computegov.licensing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.computegov.knowledge.estimate.Flop;
import org.computegov.licensing.admission.LicenceState;
import org.computegov.licensing.application.LicensingRegimes;
import org.computegov.licensing.budget.BudgetSnapshot;
import org.computegov.licensing.budget.Tranche;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.ServerWriter;
import org.computegov.registry.statement.Rejection;
import org.jdbi.v3.core.Handle;

/**
 * Burn-down of licences: per tranche (usage fills tranches in order), alerts when settled usage reaches 80% and 100%
 * of the released budget, an overrun notice to every authorized provider when usage exceeds it, and the notices'
 * acknowledgements with escalation of those not acknowledged within {@link #ACK_WITHIN}.
 *
 * <p>Alerts and the overrun are observed here, when usage settles, by a report or by an expiry of holds (settlements
 * are durable: see {@link RegistryLicences}). With the server's own writer (it holds the regulator's signer key) each observation
 * becomes a {@code licence-meter} statement ({@link MeterKind}): durable, in the log, reproduced by replay, the same
 * after a restart. A server holding only the regulator's verifier key cannot sign, and keeps them in memory with the
 * time it first saw them (after a restart, the time of the first read or settlement that shows them again).
 */
final class Metering {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Metering.class);
    static final Duration ACK_WITHIN = Duration.ofHours(24);
    static final double[] ALERT_AT = {0.8, 1.0};

    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private volatile ServerWriter writer;

    void writer(ServerWriter w) {
        this.writer = w;
    }

    boolean signs() {
        return writer != null;
    }

    /**
     * Records, once each, the alerts and the overrun {@code b} shows: as statements when the server signs, else in
     * memory. Reads pass {@code fromRead}: they observe only in memory (a read never writes to the log).
     */
    void observe(ReadStore store, String licence, BudgetSnapshot b, Instant now, boolean fromRead) {
        ServerWriter w = writer;
        if (w == null) {
            double share = b.usedShareOfReleased();
            for (double level : ALERT_AT) {
                if (share >= level) {
                    firstSeen.putIfAbsent(licence + "|" + level, now);
                }
            }
            if (b.used().compareTo(b.released()) > 0) {
                firstSeen.putIfAbsent(Notices.overrunId(licence), now);
            }
            return;
        }
        if (fromRead || b.released().signum() == 0 || b.used().signum() == 0) {
            return;
        }
        java.util.List<String> due = new java.util.ArrayList<>();
        if (b.used().multiply(BigInteger.TEN).compareTo(b.released().multiply(BigInteger.valueOf(8))) >= 0) {
            due.add("alert-80");
        }
        if (b.used().compareTo(b.released()) >= 0) {
            due.add("alert-100");
        }
        if (b.used().compareTo(b.released()) > 0) {
            due.add("overrun");
        }
        if (due.isEmpty()) {
            return;
        }
        java.util.Set<String> recorded = new java.util.HashSet<>(store.get(h -> h.createQuery(
                "SELECT event FROM licence_meter WHERE licence = :l").bind("l", licence).mapTo(String.class).list()));
        for (String event : due) {
            if (recorded.contains(event)) {
                continue;
            }
            try {
                w.submit(LicensingStatements.meter(w.writer(), licence, event, b.used(), b.released()));
            } catch (Rejection e) {
                if (e.status() != 409) { // 409: another request recorded it first, which is what counts
                    LOG.warn("licence {}: the {} observation was refused: {}", licence, event, e.getMessage());
                }
            }
        }
    }

    /** The burn-down of one licence: totals, tranches, alerts and notices (with acknowledgements), as of {@code now}. */
    ObjectNode burnDown(Handle h, LicenceState s, Instant now) {
        String id = s.licence().id();
        BudgetSnapshot b = s.budget().snapshot();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("licence", id).put("standing", s.standing().name().toLowerCase(java.util.Locale.ROOT))
                .put("releasedFlop", b.released().toString()).put("usedFlop", b.used().toString())
                .put("heldFlop", b.held().toString()).put("availableFlop", b.available().toString())
                .put("usedShareOfReleased", b.usedShareOfReleased());
        // Used is reported usage plus the whole pre-charges of jobs never reported (their holds expired).
        RegistryLicences.Unreported u = RegistryLicences.unreported(h, id);
        o.put("reportedFlop", b.used().subtract(u.flop()).toString()).put("unreportedFlop", u.flop().toString())
                .put("unreportedJobs", u.jobs());
        ArrayNode ts = o.putArray("tranches");
        BigInteger before = BigInteger.ZERO;
        for (Tranche t : s.licence().tranches()) {
            BigInteger in = b.used().subtract(before).max(BigInteger.ZERO).min(t.flop());
            ObjectNode tn = ts.addObject().put("tranche", t.number()).put("flop", t.flop().toString())
                    .put("released", t.number() <= b.tranchesReleased()).put("usedFlop", in.toString())
                    .put("usedShare", new java.math.BigDecimal(in).divide(new java.math.BigDecimal(t.flop()),
                            java.math.MathContext.DECIMAL64).doubleValue());
            if (!t.condition().isEmpty()) {
                tn.put("condition", t.condition());
            }
            before = before.add(t.flop());
        }
        BigInteger over = b.used().subtract(b.released());
        if (over.signum() > 0) {
            o.put("overrunFlop", over.toString());
        }
        ArrayNode alerts = o.putArray("alerts");
        h.createQuery("""
                SELECT event, used_flop, released_flop, observed_at, log_index FROM licence_meter
                WHERE licence = :l AND event LIKE 'alert-%' ORDER BY log_index""").bind("l", id).map((rs, c) -> {
                    double level = rs.getString(1).equals("alert-80") ? 0.8 : 1.0;
                    BigInteger used = new BigInteger(rs.getString(2));
                    BigInteger released = new BigInteger(rs.getString(3));
                    return alert(id, level, rs.getTimestamp(4).toInstant(), used, released).put("logIndex", rs.getLong(5));
                }).forEach(alerts::add);
        for (double level : ALERT_AT) {
            Instant at = firstSeen.get(id + "|" + level);
            if (at != null
                    && java.util.stream.StreamSupport.stream(alerts.spliterator(), false).noneMatch(a -> a.path("level").asDouble() == level)) {
                alerts.add(alert(id, level, at, b.used(), b.released()));
            }
        }
        o.set("notices", notices(h, s, null, now));
        return o;
    }

    private static ObjectNode alert(String id, double level, Instant at, BigInteger used, BigInteger released) {
        double share = new java.math.BigDecimal(used).divide(new java.math.BigDecimal(released), java.math.MathContext.DECIMAL64)
                .doubleValue();
        return Json.MAPPER.createObjectNode().put("level", level).put("at", at.toString()).put("message", "licence " + id
                + " had used " + Math.round(share * 100) + "% of its released " + Flop.format(released.doubleValue())
                + " FLOP (alert at " + Math.round(level * 100) + "%)");
    }

    /** Notices about a licence (to {@code provider} only, or to all when null), each with its acknowledgement. */
    ArrayNode notices(Handle h, LicenceState s, String provider, Instant now) {
        String id = s.licence().id();
        ArrayNode out = Json.MAPPER.createArrayNode();
        h.createQuery("""
                SELECT n.id, n.provider, n.cause, n.reason, n.issued_at, a.acked_at, a.log_index
                FROM licence_notice n LEFT JOIN licence_notice_ack a ON a.notice = n.id AND a.provider = n.provider
                WHERE n.licence = :l AND (:p IS NULL OR n.provider = :p) ORDER BY n.log_index, n.provider""")
                .bind("l", id).bind("p", provider).map((rs, c) -> {
                    var ack = rs.getTimestamp(6);
                    return notice(id, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), ack == null ? null : ack.toInstant(), now);
                }).forEach(out::add);
        if (writer == null) {
            unreportedHere(h, id, provider, now).forEach(out::add);
        }
        Instant overrun = firstSeen.get(Notices.overrunId(id));
        if (overrun != null && writer == null) { // in memory only when the server cannot sign (else a notice row above)
            for (String p : Notices.providers(s.licence())) {
                if (provider != null && !provider.equals(p)) {
                    continue;
                }
                var ack = h.createQuery("SELECT acked_at FROM licence_notice_ack WHERE notice = :n AND provider = :p")
                        .bind("n", Notices.overrunId(id)).bind("p", p).mapTo(java.sql.Timestamp.class).findOne();
                out.add(notice(id, Notices.overrunId(id), p, "overrun", "usage reported against licence " + id
                        + " exceeds its released budget: start no further jobs under it", overrun,
                        ack.map(java.sql.Timestamp::toInstant).orElse(null), now));
            }
        }
        return out;
    }

    /**
     * Without a signer key, jobs settled unreported are hold rows (not statements, so no notice rows): one notice per
     * provider and sweep ({@code <licence>#unreported-<epoch ms of the sweep>}) is derived from them, acknowledged like an
     * in-memory overrun notice.
     */
    private static ArrayNode unreportedHere(Handle h, String id, String provider, Instant now) {
        record Row(String provider, Instant at, LicensingStatements.SettledJob job) {}
        record Key(String notice, String provider) {}
        java.util.Map<Key, java.util.List<Row>> byNotice = new java.util.LinkedHashMap<>();
        h.createQuery("SELECT provider, cluster, hold_id, used_flop, settled_at FROM " + RegistryLicences.HOLDS
                + " WHERE licence = :l AND unreported AND used_flop IS NOT NULL AND (:p IS NULL OR provider = :p)"
                + " ORDER BY settled_at, provider, hold_id").bind("l", id).bind("p", provider).map((rs, c) -> {
                    String p = rs.getString(1);
                    String hold = rs.getString(3);
                    java.math.BigInteger flop = rs.getBigDecimal(4).toBigIntegerExact();
                    return new Row(p, rs.getTimestamp(5).toInstant(), new LicensingStatements.SettledJob(p, rs.getString(2),
                            hold.substring(p.length() + rs.getString(2).length() + 2), "", 0, 0, flop, flop, true));
                }).forEach(r -> byNotice.computeIfAbsent(new Key(Notices.unreportedHereId(id, r.at()), r.provider()),
                        k -> new java.util.ArrayList<>()).add(r));
        ArrayNode out = Json.MAPPER.createArrayNode();
        byNotice.forEach((key, rows) -> {
            String notice = key.notice();
            Row first = rows.get(0);
            var ack = h.createQuery("SELECT acked_at FROM licence_notice_ack WHERE notice = :n AND provider = :p")
                    .bind("n", notice).bind("p", first.provider()).mapTo(java.sql.Timestamp.class).findOne();
            out.add(notice(id, notice, first.provider(), "unreported", Notices.unreportedReason(id,
                    rows.stream().map(Row::job).toList()), first.at(), ack.map(java.sql.Timestamp::toInstant).orElse(null), now));
        });
        return out;
    }

    private static ObjectNode notice(String licence, String id, String provider, String cause, String reason, Instant issued,
            Instant acked, Instant now) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("notice", id).put("licence", licence).put("provider", provider)
                .put("cause", cause).put("reason", reason).put("issuedAt", issued.toString())
                .put("acknowledgeBy", issued.plus(ACK_WITHIN).toString());
        if (acked != null) {
            n.put("acknowledgedAt", acked.toString());
        }
        n.put("overdue", acked == null && now.isAfter(issued.plus(ACK_WITHIN)));
        return n;
    }

    /** Whether a run of this compute needs a licence under the regimes, said in {@code out}. */
    static void need(LicensingRegimes regimes, BigInteger planned, Double architectureFlop, ObjectNode out) {
        BigInteger flop = ApplicationKinds.max(planned, architectureFlop);
        var r = regimes.requiring(flop);
        out.put("licenceRequired", r.isPresent());
        if (r.isPresent()) {
            out.put("regime", r.get().id()).put("regimeMessage", "a run of " + Flop.format(flop.doubleValue())
                    + " FLOP reaches " + r.get().name() + " (" + Flop.format(r.get().thresholdFlop().doubleValue())
                    + " FLOP): it needs a licence before training");
        } else {
            out.put("regimeMessage", "a run of " + Flop.format(flop.doubleValue()) + " FLOP is below every licensing regime"
                    + regimes.lowest().map(x -> " (the lowest: " + x.name() + ", " + Flop.format(x.thresholdFlop().doubleValue())
                    + " FLOP)").orElse("") + ": it needs no licence");
        }
    }
}
