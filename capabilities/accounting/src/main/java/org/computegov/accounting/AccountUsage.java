package org.computegov.accounting;

import java.time.Instant;
import java.util.List;
import org.computegov.registry.kernel.ReadInterface;
import org.jdbi.v3.core.Handle;

/**
 * Usage records of one account at one provider, as other capabilities may read them (an allocation award draws down
 * on its account's records): never the accounting tables themselves. Withdrawn records are left out.
 */
@ReadInterface
public interface AccountUsage {
    /** One usage record: chip-hours of a chip on a cluster, between two times. */
    record Line(String recordId, String provider, String cluster, String customer, String chip, Instant start,
            Instant end, double chipHours) {}

    /** The account's records at the provider, oldest first. */
    List<Line> records(Handle h, String provider, String customer);

    /** Reads accounting's usage rows (the implementation the composition root hands to readers). */
    AccountUsage RECORDS = (h, provider, customer) -> h.createQuery("""
            SELECT record_id, provider, cluster, customer_id, chip, start_at, end_at, chip_hours FROM usage_record
            WHERE provider = :p AND customer_id = :c AND NOT withdrawn ORDER BY start_at, record_id""")
            .bind("p", provider).bind("c", customer)
            .map((rs, ctx) -> new Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getDouble(8)))
            .list();
}
