package org.computegov.registry.kernel;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Whole projections built from the log into a fresh schema: for replay's comparison, and for the live projection
 * after a key compromise (built aside, then swapped in). Which signatures count depends on compromises stated later in
 * the log, so a build runs until the compromises it applied are the ones it assumed (one extra pass per compromise
 * that discounts anything; none when nothing was compromised).
 */
final class Rebuilds {
    static final Map<String, Instant> NONE = Map.of();
    private static final int MAX_PASSES = 5;
    private final DataSource dataSource;
    private final RegistryLog log;
    private final Catalogue catalogue;
    private final Keys keys;

    Rebuilds(DataSource dataSource, RegistryLog log, Catalogue catalogue, Keys keys) {
        this.dataSource = dataSource;
        this.log = log;
        this.catalogue = catalogue;
        this.keys = keys;
    }

    record Result(String schema, Kernel kernel, Replayer.Counts counts, long size) {}

    /** Projects log entries [0, size) into {@code schema}, made anew, assuming {@code compromised} to start with. */
    Result project(String schema, Map<String, Instant> compromised, long size) throws Exception {
        Map<String, Instant> assumed = compromised;
        for (int pass = 1; ; pass++) {
            try (Connection c = dataSource.getConnection(); Handle h = Jdbi.open(c)) {
                h.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                Schemas.projection(dataSource, schema, catalogue.capabilities());
                h.execute("SET search_path TO " + schema);
                Kernel kernel = new Kernel(catalogue, keys, assumed);
                Replayer.Counts counts = new Replayer(kernel, log).project(h, 0, size);
                Map<String, Instant> found = compromises(h);
                if (found.equals(assumed) || pass == MAX_PASSES) {
                    return new Result(schema, kernel, counts, size);
                }
                assumed = found;
            }
        }
    }

    /** Takes entries [result.size, size) into a projection built before; builds anew if they state a compromise. */
    Result extend(Result r, long size) throws Exception {
        try (Connection c = dataSource.getConnection(); Handle h = Jdbi.open(c)) {
            h.execute("SET search_path TO " + r.schema());
            Replayer.Counts more = new Replayer(r.kernel(), log).project(h, r.size(), size);
            Map<String, Instant> found = compromises(h);
            if (!found.equals(r.kernel().compromised())) {
                return project(r.schema(), found, size);
            }
            r.counts().applied += more.applied;
            r.counts().refused += more.refused;
            r.counts().other += more.other;
            r.counts().refusals.addAll(more.refusals);
            return new Result(r.schema(), r.kernel(), r.counts(), size);
        }
    }

    /**
     * Builds the live projection anew aside and swaps it in, in one transaction: readers see the old projection or the
     * new one, never a mixture. The writer's handle names the live schema by name, so it follows the swap.
     */
    Kernel rebuildLive(Handle writer, Map<String, Instant> compromised) throws Exception {
        Result r = project(Schemas.REBUILD, compromised, log.size());
        writer.useTransaction(t -> {
            t.execute("ALTER SCHEMA " + Schemas.LIVE + " RENAME TO " + Schemas.LIVE + "_retired");
            t.execute("ALTER SCHEMA " + Schemas.REBUILD + " RENAME TO " + Schemas.LIVE);
            t.execute("DROP SCHEMA " + Schemas.LIVE + "_retired CASCADE");
        });
        return r.kernel();
    }

    /** The compromise times stated so far in the handle's projection. */
    static Map<String, Instant> compromises(Handle h) {
        Map<String, Instant> out = new HashMap<>();
        h.createQuery("SELECT key_id, compromised_at FROM actor_key WHERE compromised_at IS NOT NULL")
                .map((rs, ctx) -> out.put(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
        return out;
    }

    static List<Registry.TableComparison> compare(Handle h, String live, String replayed) {
        List<String> tables = new ArrayList<>(Schemas.tables(h, live));
        for (String t : Schemas.tables(h, replayed)) {
            if (!tables.contains(t)) {
                tables.add(t);
            }
        }
        List<Registry.TableComparison> out = new ArrayList<>();
        List<String> liveTables = Schemas.tables(h, live);
        List<String> replayedTables = Schemas.tables(h, replayed);
        for (String table : tables) {
            if (!liveTables.contains(table) || !replayedTables.contains(table)) {
                long rows = h.createQuery("SELECT count(*) FROM " + (liveTables.contains(table) ? live : replayed) + "." + table)
                        .mapTo(Long.class).one();
                out.add(liveTables.contains(table) ? new Registry.TableComparison(table, rows, 0, rows, 0)
                        : new Registry.TableComparison(table, 0, rows, 0, rows));
                continue;
            }
            String l = live + "." + table;
            String r = replayed + "." + table;
            long liveRows = h.createQuery("SELECT count(*) FROM " + l).mapTo(Long.class).one();
            long replayedRows = h.createQuery("SELECT count(*) FROM " + r).mapTo(Long.class).one();
            long onlyLive = h.createQuery("SELECT count(*) FROM (SELECT * FROM " + l + " EXCEPT ALL SELECT * FROM " + r
                    + ") d").mapTo(Long.class).one();
            long onlyReplayed = h.createQuery("SELECT count(*) FROM (SELECT * FROM " + r + " EXCEPT ALL SELECT * FROM "
                    + l + ") d").mapTo(Long.class).one();
            out.add(new Registry.TableComparison(table, liveRows, replayedRows, onlyLive, onlyReplayed));
        }
        return out;
    }
}
