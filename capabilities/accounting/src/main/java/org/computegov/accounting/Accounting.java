package org.computegov.accounting;

import org.computegov.registry.kernel.Published;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.computegov.customers.CustomerUsage;
import org.computegov.customers.Ownership;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.kernel.DemoWorld;
import org.computegov.registry.kernel.Follower;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Routes;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.monitoring.AlertPolicy;
import org.jdbi.v3.core.Handle;

/**
 * The accounting capability: who trains what with how much compute. Providers report usage (and correct it),
 * developers declare runs; compute is converted to FLOP with the knowledge core and monitored against every regime's
 * thresholds per run (cumulative over base runs), per account and per beneficial owner across providers.
 */
@Published
public final class Accounting implements Capability {
    private final Ownership ownership;
    private final Monitoring monitoring;
    private final UsageRecords records;
    private final Attribution attribution;
    private AccountingReads reads;

    public Accounting(HardwareCatalog catalog, RegimeCatalog regimes, AlertPolicy alerts, Ownership ownership) {
        this.ownership = ownership;
        this.monitoring = new Monitoring(regimes, alerts, ownership);
        this.records = new UsageRecords(catalog);
        this.attribution = new Attribution(ownership);
    }

    @Override
    public String name() {
        return "accounting";
    }

    @Override
    public List<StatementKind<?>> kinds() {
        return List.of(new UsageKind(records, monitoring, attribution),
                new CorrectionKind(records, monitoring, attribution), new RunKind(monitoring));
    }

    @Override
    public List<Follower<?>> followers() {
        return List.of(new OwnerFollower(ownership, monitoring));
    }

    @Override
    public String migrations() {
        return "db/accounting";
    }

    /** What customer reads show of an account's usage. */
    public CustomerUsage customerUsage() {
        return new AccountingUsage();
    }

    /** The account's usage records, for capabilities that draw on them (allocation awards). */
    public AccountUsage accountUsage() {
        return AccountUsage.RECORDS;
    }

    /** The reads, for the console and other interfaces that show them (the same role filtering as the API). */
    public AccountingReads reads(ReadStore store) {
        if (reads == null) {
            reads = new AccountingReads(store, monitoring, ownership);
        }
        return reads;
    }

    @Override
    public void routes(Routes routes, ReadStore store) {
        AccountingReads r = reads(store);
        routes.get("/api/v1/registry/usage", q -> r.usage(q.viewer(), q.query("provider"), q.query("customer"),
                q.query("run"), q.limit("limit", 1000, 10_000)), "provider", "customer", "run", "limit");
        routes.get("/api/v1/registry/runs", q -> r.runs(q.viewer(), q.now()));
        routes.get("/api/v1/registry/runs/{developer}/{run}", q -> r.run(q.viewer(), q.path("developer"), q.path("run"),
                q.now()));
        routes.get("/api/v1/registry/owners", q -> r.owners(q.viewer()));
        routes.get("/api/v1/registry/obligations", q -> r.obligations(q.viewer()));
        routes.get("/api/v1/registry/alerts", q -> r.alerts(q.viewer()));
    }

    @Override
    public void stats(Handle h, ObjectNode s) {
        // From the per-account totals (one row per account, not one per record): cheap at millions of records.
        h.createQuery("SELECT coalesce(sum(records), 0), coalesce(sum(chip_hours ORDER BY provider, customer_id), 0),"
                + " coalesce(sum(flop ORDER BY provider, customer_id), 0) FROM account_usage")
                .map((rs, c) -> s.put("usageRecords", rs.getLong(1)).put("chipHours", rs.getDouble(2))
                        .put("flop", rs.getDouble(3))).one();
        s.put("runs", h.createQuery("SELECT count(*) FROM run").mapTo(Long.class).one());
        ObjectNode crossed = s.putObject("subjectsCrossingByRegime");
        h.createQuery("SELECT regime, subject_kind, count(*) FROM finding WHERE verdict = 'CROSSED' AND in_force GROUP BY 1, 2 ORDER BY 1, 2")
                .map((rs, c) -> ((ObjectNode) crossed.with(rs.getString(1))).put(rs.getString(2), rs.getLong(3))).list();
    }

    @Override
    public String openApi() {
        return "/openapi/accounting.json";
    }

    @Override
    public void demo(DemoWorld world) throws Exception {
        new AccountingDemo(world).load();
    }
}
