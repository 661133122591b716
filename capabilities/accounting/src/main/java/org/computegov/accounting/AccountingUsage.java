package org.computegov.accounting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.computegov.customers.CustomerUsage;
import org.computegov.registry.kernel.Json;
import org.jdbi.v3.core.Handle;

/** The usage totals customer reads show, from accounting's per-account totals ({@link AccountTotals}). */
final class AccountingUsage implements CustomerUsage {
    @Override
    public Map<String, Double> flopByAccount(Handle h, String provider) {
        Map<String, Double> out = new HashMap<>();
        h.createQuery("""
                SELECT provider || '/' || customer_id, flop FROM account_usage WHERE CAST(:p AS text) IS NULL OR provider = :p""")
                .bind("p", provider).map((rs, c) -> out.put(rs.getString(1), rs.getDouble(2))).list();
        return out;
    }

    @Override
    public void usage(Handle h, String provider, String customer, ObjectNode out) {
        boolean found = h.createQuery("SELECT records, chip_hours AS \"chipHours\", flop FROM account_usage"
                + " WHERE provider = :p AND customer_id = :c").bind("p", provider).bind("c", customer)
                .map((rs, ctx) -> Json.row(rs, out)).findFirst().isPresent();
        if (!found) { // an account without usage has no row: the zeros a sum over no records gives
            out.put("records", 0L).put("chipHours", 0.0).put("flop", 0.0);
        }
    }
}
