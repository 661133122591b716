package org.computegov.accounting;

import java.time.Instant;
import java.util.List;
import org.computegov.registry.kernel.ReadInterface;
import org.jdbi.v3.core.Handle;

/**
 * Declared training runs with their compute and a date, as other capabilities may read them (the registry's own
 * compute trend): never the accounting tables themselves. Withdrawn usage is left out.
 */
@ReadInterface
public interface TrainingRuns {
    /**
     * One run: its accounted FLOP (the sum of its usage records, 0 without any) and when its first record began,
     * its declared plan, and when it was declared.
     */
    record Run(String developer, String runId, String name, String dataDomain, Double plannedFlop, double accountedFlop,
            Instant firstUsage, Instant declared) {}

    /** The runs of {@code developer}, or of every developer when null. */
    List<Run> runs(Handle h, String developer);

    /** Reads accounting's run and usage rows (the implementation the composition root hands to readers). */
    TrainingRuns RECORDS = (h, developer) -> h.createQuery("""
            SELECT r.developer, r.run_id, r.name, r.data_domain, r.planned_flop, coalesce(u.flop, 0), u.first_start,
                   s.issued_at
            FROM run r
            LEFT JOIN (SELECT run_id, sum(flop) AS flop, min(start_at) AS first_start FROM usage_record
                       WHERE NOT withdrawn AND run_id IS NOT NULL GROUP BY run_id) u
                   ON u.run_id = r.developer || '/' || r.run_id
            LEFT JOIN statement s ON s.log_index = r.log_index
            WHERE CAST(:d AS text) IS NULL OR r.developer = :d
            ORDER BY r.developer, r.run_id""").bind("d", developer)
            .map((rs, c) -> new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    (Double) rs.getObject(5), rs.getDouble(6),
                    rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                    rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()))
            .list();
}
