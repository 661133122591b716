package org.computegov.accounting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.computegov.customers.CustomerUsage;
import org.computegov.registry.kernel.Json;
import org.jdbi.v3.core.Handle;

/** The usage totals customer reads show, from accounting's usage rows. */
final class AccountingUsage implements CustomerUsage {
    @Override
    public Map<String, Double> flopByAccount(Handle h, String provider) {
        Map<String, Double> out = new HashMap<>();
        h.createQuery("""
                SELECT provider || '/' || customer_id, coalesce(sum(flop), 0) FROM usage_record
                WHERE NOT withdrawn AND (CAST(:p AS text) IS NULL OR provider = :p) GROUP BY provider, customer_id""")
                .bind("p", provider).map((rs, c) -> out.put(rs.getString(1), rs.getDouble(2))).list();
        return out;
    }

    @Override
    public void usage(Handle h, String provider, String customer, ObjectNode out) {
        h.createQuery("SELECT count(*) AS records, coalesce(sum(chip_hours), 0) AS \"chipHours\", coalesce(sum(flop), 0) AS flop"
                + " FROM usage_record WHERE provider = :p AND customer_id = :c AND NOT withdrawn")
                .bind("p", provider).bind("c", customer).map((rs, ctx) -> Json.row(rs, out)).one();
    }
}
