package org.computegov.accounting;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.computegov.registry.usage.AttributedUsage;
import org.computegov.registry.usage.UsageRecord;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The {@code account_usage} aggregate: records, chip-hours and FLOP per customer account, so that reads of totals
 * (the public statistics, a provider's customers, the owners' league) touch one row per account rather than every
 * usage row. Maintained like the hourly buckets: new usage is added in the statement's record order, a correction
 * rebuilds its accounts in record-id order; the same operations in the same order on replay, the same doubles.
 */
final class AccountTotals {
    private AccountTotals() {}

    static void add(Handle h, Collection<AttributedUsage> usage) {
        Map<String, double[]> sums = new LinkedHashMap<>(); // records, chip-hours, flop
        for (AttributedUsage a : usage) {
            UsageRecord r = a.record();
            double[] v = sums.computeIfAbsent(r.provider() + "\t" + r.customer(), k -> new double[3]);
            v[0]++;
            v[1] += r.chipHours();
            v[2] += a.flop();
        }
        PreparedBatch up = h.prepareBatch("""
                INSERT INTO account_usage (provider, customer_id, records, chip_hours, flop) VALUES (:p, :c, :n, :ch, :f)
                ON CONFLICT (provider, customer_id) DO UPDATE SET records = account_usage.records + EXCLUDED.records,
                    chip_hours = account_usage.chip_hours + EXCLUDED.chip_hours, flop = account_usage.flop + EXCLUDED.flop""");
        for (var e : sums.entrySet()) {
            String[] k = e.getKey().split("\t", 2);
            double[] v = e.getValue();
            up.bind("p", k[0]).bind("c", k[1]).bind("n", (long) v[0]).bind("ch", v[1]).bind("f", v[2]).add();
        }
        if (up.size() > 0) {
            up.execute();
        }
    }

    /** Recomputes the totals of the accounts the records belong to (before and after a correction) from their rows. */
    static void rebuild(Handle h, Collection<UsageRecord> touched) {
        Set<String> accounts = new LinkedHashSet<>();
        touched.forEach(r -> accounts.add(r.provider() + "\t" + r.customer()));
        for (String a : accounts) {
            String[] k = a.split("\t", 2);
            h.createUpdate("DELETE FROM account_usage WHERE provider = :p AND customer_id = :c").bind("p", k[0])
                    .bind("c", k[1]).execute();
            h.createUpdate("""
                    INSERT INTO account_usage (provider, customer_id, records, chip_hours, flop)
                    SELECT provider, customer_id, count(*), sum(chip_hours ORDER BY record_id), sum(flop ORDER BY record_id)
                    FROM usage_record WHERE NOT withdrawn AND provider = :p AND customer_id = :c GROUP BY provider, customer_id""")
                    .bind("p", k[0]).bind("c", k[1]).execute();
        }
    }
}
