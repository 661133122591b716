package org.computegov.licensing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import org.computegov.licensing.admission.LicenceSource;
import org.computegov.licensing.admission.LicenceState;
import org.computegov.licensing.application.LicensingRegimes;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;

/**
 * The licensing reads: applications (the developer's own, or all for the regulator; the safety case is confidential
 * and only they read it), burn-down and notices per licence, a provider's notices, and the licensing regimes.
 */
@Published
public final class LicensingReads {
    private final ReadStore store;
    private final RegistryLicences licences;
    private final Metering metering;
    private final LicensingRegimes regimes;
    private final Clock clock;

    LicensingReads(ReadStore store, RegistryLicences licences, Metering metering, LicensingRegimes regimes, Clock clock) {
        this.store = store;
        this.licences = licences;
        this.metering = metering;
        this.regimes = regimes;
        this.clock = clock;
    }

    public ArrayNode applications(Viewer v, String state) throws Rejection {
        v.require("licence applications", Role.REGULATOR, Role.DEVELOPER);
        String dev = v.regulator() ? null : v.id();
        return store.read(h -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            h.createQuery(SELECT + " WHERE (:d IS NULL OR developer = :d) AND (:s IS NULL OR state = :s) ORDER BY log_index")
                    .bind("d", dev).bind("s", state).map((rs, c) -> row(rs)).forEach(out::add);
            return out;
        });
    }

    public ObjectNode application(Viewer v, String developer, String id) throws Rejection {
        v.require("licence applications", Role.REGULATOR, Role.DEVELOPER);
        if (!v.regulator() && !v.id().equals(developer)) {
            throw Rejection.notFound("no application " + developer + "/" + id, null); // others do not learn it exists
        }
        return store.read(h -> h.createQuery(SELECT + " WHERE developer = :d AND application_id = :a").bind("d", developer)
                .bind("a", id).map((rs, c) -> row(rs)).findOne()
                .orElseThrow(() -> Rejection.notFound("no application " + developer + "/" + id, "cgov licence apply FILE")));
    }

    private static final String SELECT = """
            SELECT developer, application_id, run, planned_flop, architecture_flop, hardware_flop, chip, chip_count, clusters,
                   schedule_start, schedule_end, safety_case, version, state, decision_reasons, licence_id, log_index, decided_index, conditions
            FROM licence_application""";

    private ObjectNode row(java.sql.ResultSet rs) throws java.sql.SQLException {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("application", rs.getString(1) + "/" + rs.getString(2)).put("developer", rs.getString(1))
                .put("applicationId", rs.getString(2)).put("run", rs.getString(3)).put("plannedFlop", rs.getString(4));
        double arch = rs.getDouble(5);
        Double archFlop = rs.wasNull() ? null : arch;
        if (archFlop != null) {
            o.put("architectureFlop", archFlop);
        }
        o.put("hardwareFlop", rs.getDouble(6));
        o.putObject("chips").put("type", rs.getString(7)).put("count", rs.getInt(8));
        o.set("clusters", json(rs.getString(9)));
        o.putObject("schedule").put("start", rs.getTimestamp(10).toInstant().toString())
                .put("end", rs.getTimestamp(11).toInstant().toString());
        o.set("safetyCase", json(rs.getString(12)));
        o.put("version", rs.getInt(13)).put("state", rs.getString(14));
        o.set("reasons", json(rs.getString(15)));
        o.set("conditions", json(rs.getString(19)));
        if (rs.getString(16) != null) {
            o.put("licence", rs.getString(16));
        }
        o.put("logIndex", rs.getLong(17));
        Metering.need(regimes, new BigInteger(rs.getString(4)), archFlop, o);
        return o;
    }

    private static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException("a stored column is not JSON", e);
        }
    }

    /** The licence's state if this viewer may read it (regulator, licensee, authorized providers); 404 otherwise. */
    LicenceState visible(Viewer v, String id) throws Rejection {
        v.require("licences", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        LicenceState s;
        try {
            s = licences.find(id).orElseThrow(() -> Rejection.notFound("no licence " + id, null));
        } catch (LicenceSource.Unreachable e) {
            throw new Rejection(503, "registry-unavailable", "Registry unavailable", e.getMessage(), null, null);
        }
        boolean provider = Notices.providers(s.licence()).contains(v.id());
        if (!v.regulator() && !s.licence().developer().equals(v.id()) && !provider) {
            throw Rejection.notFound("no licence " + id, null); // others do not learn it exists
        }
        return s;
    }

    /** A licence's amendments in order, each with what it changed and why; for whoever may read the licence. */
    public ArrayNode amendments(Viewer v, String id) throws Rejection {
        visible(v, id);
        return store.read(h -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            h.createQuery("SELECT number, reason, changes, issued_at, log_index FROM licence_amendment WHERE licence = :l ORDER BY number")
                    .bind("l", id).map((rs, c) -> {
                        ObjectNode o = Json.MAPPER.createObjectNode().put("licence", id).put("amendment", rs.getInt(1))
                                .put("reason", rs.getString(2));
                        o.set("changes", json(rs.getString(3)));
                        return o.put("issuedAt", rs.getTimestamp(4).toInstant().toString()).put("logIndex", rs.getLong(5));
                    }).forEach(out::add);
            return out;
        });
    }

    public ObjectNode burnDown(Viewer v, String id) throws Rejection {
        LicenceState s = visible(v, id);
        // Under the settlement lock: used (in memory) and the unreported part of it (read from the records) agree.
        ObjectNode o = licences.whileSettled(id, () -> store.read(h -> metering.burnDown(h, s, clock.instant())));
        if (!v.regulator() && !s.licence().developer().equals(v.id())) {
            // A provider sees its own notices only.
            ArrayNode mine = Json.MAPPER.createArrayNode();
            o.path("notices").forEach(n -> {
                if (n.path("provider").asText().equals(v.id())) {
                    mine.add(n);
                }
            });
            o.set("notices", mine);
        }
        return o;
    }

    /** Notices: a provider's own, or all for the regulator; {@code overdue=true} keeps the escalated ones. */
    public ArrayNode notices(Viewer v, String overdue) throws Rejection {
        v.require("licence notices", Role.REGULATOR, Role.COMPUTE_PROVIDER);
        if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
            throw Rejection.badInput("overdue is true or false, got '" + overdue + "'", "overdue", null);
        }
        List<String> ids = store.read(h -> h.createQuery("SELECT id FROM licence ORDER BY log_index").mapTo(String.class).list());
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String id : ids) {
            LicenceState s;
            try {
                s = licences.find(id).orElse(null);
            } catch (LicenceSource.Unreachable e) {
                throw new Rejection(503, "registry-unavailable", "Registry unavailable", e.getMessage(), null, null);
            }
            if (s == null || (!v.regulator() && !Notices.providers(s.licence()).contains(v.id()))) {
                continue;
            }
            metering.observe(store, id, s.budget().snapshot(), clock.instant(), true);
            ArrayNode ns = store.read(h -> metering.notices(h, s, v.regulator() ? null : v.id(), clock.instant()));
            ns.forEach(n -> {
                if (!"true".equals(overdue) || n.path("overdue").asBoolean()) {
                    out.add(n);
                }
            });
        }
        return out;
    }

    public ObjectNode regimes() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        ArrayNode rs = o.putArray("regimes");
        for (var r : regimes.regimes()) {
            rs.addObject().put("id", r.id()).put("name", r.name()).put("thresholdFlop", r.thresholdFlop().toString())
                    .put("source", r.source());
        }
        return o;
    }
}
