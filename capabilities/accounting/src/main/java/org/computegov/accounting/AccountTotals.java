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
 * The {@code account_usage} and {@code run_provider_usage} aggregates: records, chip-hours and FLOP per customer
 * account and per training run and provider, so that reads of totals (the public statistics, a provider's customers,
 * the owners' league, a deployment's attribution) touch one row per account or provider rather than every usage row. Maintained like the hourly buckets: new usage is added in the statement's record order, a correction
 * rebuilds its accounts in record-id order; the same operations in the same order on replay, the same doubles.
 */
final class AccountTotals {
    private AccountTotals() {}

    static void add(Handle h, Collection<AttributedUsage> usage) {
        Map<String, double[]> accounts = new LinkedHashMap<>(); // records, chip-hours, flop
        Map<String, double[]> runs = new LinkedHashMap<>();
        for (AttributedUsage a : usage) {
            UsageRecord r = a.record();
            sum(accounts.computeIfAbsent(r.provider() + "\t" + r.customer(), k -> new double[3]), r, a);
            r.runId().ifPresent(run -> sum(runs.computeIfAbsent(run + "\t" + r.provider(), k -> new double[3]), r, a));
        }
        upsert(h, "account_usage", "provider, customer_id", accounts);
        upsert(h, "run_provider_usage", "run_id, provider", runs);
    }

    private static void sum(double[] v, UsageRecord r, AttributedUsage a) {
        v[0]++;
        v[1] += r.chipHours();
        v[2] += a.flop();
    }

    private static void upsert(Handle h, String table, String key, Map<String, double[]> sums) {
        String[] k = key.split(", ");
        PreparedBatch up = h.prepareBatch("INSERT INTO " + table + " (" + key + ", records, chip_hours, flop)"
                + " VALUES (:a, :b, :n, :ch, :f) ON CONFLICT (" + key + ") DO UPDATE SET records = " + table
                + ".records + EXCLUDED.records, chip_hours = " + table + ".chip_hours + EXCLUDED.chip_hours, flop = "
                + table + ".flop + EXCLUDED.flop");
        for (var e : sums.entrySet()) {
            String[] id = e.getKey().split("\t", 2);
            double[] v = e.getValue();
            up.bind("a", id[0]).bind("b", id[1]).bind("n", (long) v[0]).bind("ch", v[1]).bind("f", v[2]).add();
        }
        if (up.size() > 0) {
            up.execute();
        }
    }

    /** Recomputes the totals of the accounts and runs the records belong to (before and after a correction) from their rows. */
    static void rebuild(Handle h, Collection<UsageRecord> touched) {
        Set<String> accounts = new LinkedHashSet<>();
        Set<String> runs = new LinkedHashSet<>();
        for (UsageRecord r : touched) {
            accounts.add(r.provider() + "\t" + r.customer());
            r.runId().ifPresent(runs::add);
        }
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
        for (String run : runs) {
            h.createUpdate("DELETE FROM run_provider_usage WHERE run_id = :r").bind("r", run).execute();
            h.createUpdate("""
                    INSERT INTO run_provider_usage (run_id, provider, records, chip_hours, flop)
                    SELECT run_id, provider, count(*), sum(chip_hours ORDER BY record_id), sum(flop ORDER BY record_id)
                    FROM usage_record WHERE NOT withdrawn AND run_id = :r GROUP BY run_id, provider""").bind("r", run).execute();
        }
    }
}
