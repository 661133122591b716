package org.computegov.shaping.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.computegov.shaping.concern.ActorAssessment;
import org.computegov.shaping.concern.ActorsOfConcern;
import org.computegov.shaping.concern.Aggregate;
import org.computegov.shaping.concern.Holding;

/**
 * The chip registry's reads: batches, transfers and holdings aggregates (an owner its own, a regulator all), and
 * actors of concern from the registered holdings (a regulator). Each read checks the viewer itself.
 */
@Published
public final class ChipReads {
    private final ReadStore store;
    private final HardwareCatalog catalog;
    private final RegimeCatalog regimes;

    ChipReads(ReadStore store, HardwareCatalog catalog, RegimeCatalog regimes) {
        this.store = store;
        this.catalog = catalog;
        this.regimes = regimes;
    }

    /** Everyone who registers chips reads their own; the regulator reads all. */
    private static String scope(Viewer v, String what) throws Rejection {
        v.require(what, Role.REGULATOR, Role.COMPUTE_PROVIDER);
        return v.regulator() ? null : v.id();
    }

    public JsonNode batches(Viewer v) throws Rejection {
        String only = scope(v, "chip batches");
        return store.get(h -> {
            var out = Json.array();
            h.createQuery("""
                    SELECT owner, batch, chip, count, site, country, network_gbps AS "networkGbps", serials, provenance,
                           log_index AS "logIndex"
                    FROM chip_batch WHERE (CAST(:o AS text) IS NULL OR owner = :o) ORDER BY owner, batch""")
                    .bind("o", only).map((rs, c) -> {
                        var row = Json.row(rs, out.addObject());
                        row.set("serials", parse(rs.getString("serials")));
                        row.set("provenance", parse(rs.getString("provenance")));
                        return row;
                    }).list();
            return out;
        });
    }

    public JsonNode transfers(Viewer v) throws Rejection {
        return transfers(v, Long.MAX_VALUE, 0);
    }

    /** One page of {@link #transfers(Viewer)}: {@code limit} rows after the first {@code offset}, in log order. */
    public JsonNode transfers(Viewer v, long limit, long offset) throws Rejection {
        String only = scope(v, "chip transfers");
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit " + limit + ", offset " + offset);
        }
        return store.get(h -> {
            var out = Json.array();
            var q = h.createQuery("""
                    SELECT log_index AS "logIndex", from_owner AS "from", batch, chip, count, to_owner AS "to",
                           to_site AS "toSite", to_country AS "toCountry", CAST(day AS text) AS day, classification,
                           action AS "exportControl", reason
                    FROM chip_transfer""" + visible(only) + " ORDER BY log_index"
                    + (limit == Long.MAX_VALUE ? "" : " LIMIT " + limit) + (offset == 0 ? "" : " OFFSET " + offset));
            if (only != null) {
                q.bind("o", only);
            }
            q.map((rs, c) -> Json.row(rs, out.addObject())).list();
            return out;
        });
    }

    /** How many transfers {@link #transfers(Viewer)} holds for this viewer. */
    public long transferCount(Viewer v) throws Rejection {
        String only = scope(v, "chip transfers");
        return store.get(h -> {
            var q = h.createQuery("SELECT count(*) FROM chip_transfer" + visible(only));
            if (only != null) {
                q.bind("o", only);
            }
            return q.mapTo(Long.class).one();
        });
    }

    /** An owner's transfers, out or in (two statements rather than one with a null test, so each uses its indexes). */
    private static String visible(String only) {
        return only == null ? "" : " WHERE from_owner = :o OR to_owner = :o";
    }

    /** Peak FLOP/s (dense FP16) and highest dense peak per owner, site or country. */
    public List<Aggregate> holdings(Viewer v, String by) throws Rejection {
        String only = scope(v, "chip holdings");
        Function<Holding, String> key = switch (by == null ? "owner" : by.toLowerCase(Locale.ROOT)) {
            case "owner" -> Holding::owner;
            case "site" -> h -> h.owner() + "/" + h.site();
            case "country" -> Holding::country;
            default -> throw Rejection.badInput("by must be owner, site or country, got '" + by + "'", "by", null);
        };
        try {
            return new ActorsOfConcern(catalog, regimes).aggregate(holdings(only), key);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("a registered chip is no longer in the catalog: " + e.getMessage(), e);
        }
    }

    /** Who could cross which threshold with the registered chips (a regulator's read). */
    public List<ActorAssessment> concern(Viewer v, String within, String utilization, LocalDate date, boolean all)
            throws Rejection {
        v.require("actors of concern", Role.REGULATOR);
        double days = number(within, "within", 90);
        double u = number(utilization, "utilization", 0.4);
        try {
            return new ActorsOfConcern(catalog, regimes).assess(holdings(null), days, u, date, !all);
        } catch (InvalidInputException e) {
            throw Rejection.badInput(e.getMessage(), e.field().replace("--", ""), e.hint());
        }
    }

    /** Registered holdings with chips left, as the concern arithmetic takes them. */
    public List<Holding> holdings(String owner) {
        return store.get(h -> h.createQuery("""
                SELECT owner, site, country, chip, count, network_gbps FROM chip_batch
                WHERE count > 0 AND (CAST(:o AS text) IS NULL OR owner = :o) ORDER BY owner, site, batch""")
                .bind("o", owner).map((rs, c) -> new Holding(rs.getString("owner"), rs.getString("site"),
                        rs.getString("country"), rs.getString("chip"), rs.getLong("count"),
                        rs.getObject("network_gbps") == null ? null : rs.getDouble("network_gbps"), "registry")).list());
    }

    private static double number(String text, String field, double otherwise) throws Rejection {
        if (text == null) {
            return otherwise;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw Rejection.badInput(field + " must be a number, got '" + text + "'", field, null);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is not JSON", e);
        }
    }
}
