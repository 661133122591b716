package org.computegov.shaping.supplychain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.computegov.knowledge.export.ExportClassifier;
import org.computegov.knowledge.export.ExportRules;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.kernel.DemoWorld;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Routes;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.statement.Rejection;
import org.jdbi.v3.core.Handle;

/**
 * The chip registry: where compute is. Owners register chips or servers by batch (model, count, site, country,
 * provenance vendor → distributor → data centre); transfers are signed statements checked for export control, a
 * blocked one refused with its reason; holdings aggregate to peak FLOP/s per owner, site and country; and the
 * regulator sees which owners could cross which threshold with what they hold.
 */
@Published
public final class ChipRegistry implements Capability {
    private final HardwareCatalog catalog;
    private final RegimeCatalog regimes;
    private final TransferCheck exportControl;
    private ChipReads reads;

    public ChipRegistry(HardwareCatalog catalog, RegimeCatalog regimes, ExportRules rules, DestinationPolicy policy) {
        this.catalog = catalog;
        this.regimes = regimes;
        this.exportControl = new TransferCheck(catalog, new ExportClassifier(rules), policy);
    }

    @Override
    public String name() {
        return "shaping";
    }

    @Override
    public List<StatementKind<?>> kinds() {
        return List.of(new ChipRegisterKind(catalog), new ChipTransferKind(exportControl));
    }

    @Override
    public String migrations() {
        return "db/shaping";
    }

    public ChipReads reads(ReadStore store) {
        if (reads == null) {
            reads = new ChipReads(store, catalog, regimes);
        }
        return reads;
    }

    @Override
    public List<org.computegov.registry.kernel.ConsolePages> consolePages(ReadStore store, java.time.Clock clock) {
        return List.of(new ChipPages(reads(store), regimes, clock),
                org.computegov.shaping.foresight.RunTrends.pages(runTrends(store), regimes, clock));
    }

    @Override
    public void routes(Routes routes, ReadStore store) {
        ChipReads r = reads(store);
        routes.get("/api/v1/registry/chips/batches", q -> r.batches(q.viewer()));
        routes.get("/api/v1/registry/chips/transfers", q -> r.transfers(q.viewer()));
        routes.get("/api/v1/registry/chips/holdings", q -> Map.of("by", q.query("by") == null ? "owner" : q.query("by"),
                "holdings", r.holdings(q.viewer(), q.query("by"))), "by");
        routes.get("/api/v1/registry/concern", q -> Map.of("actors", r.concern(q.viewer(), q.query("within"),
                q.query("utilization"), date(q.query("date"), LocalDate.ofInstant(q.now(), ZoneOffset.UTC)),
                "true".equals(q.query("all")))), "within", "utilization", "date", "all");
        // The registry's own runs as a compute trend: the knowledge core's /api/v1/trends over the viewer's runs.
        org.computegov.shaping.foresight.RunTrends t = runTrends(store);
        routes.get("/api/v1/registry/trends/fit", q -> t.fit(q.viewer(), params(q, "from", "to", "domain", "basis",
                "confidence")), "from", "to", "domain", "basis", "confidence");
        routes.get("/api/v1/registry/trends/frontier", q -> t.frontier(q.viewer(), params(q, "from", "to", "domain")),
                "from", "to", "domain");
        routes.get("/api/v1/registry/trends/forecast", q -> t.forecast(q.viewer(), params(q, "flop", "from", "to",
                "domain", "confidence")), "flop", "from", "to", "domain", "confidence");
    }

    /** Runs with their compute and dates, read through accounting's {@link org.computegov.accounting.TrainingRuns}. */
    public org.computegov.shaping.foresight.RunTrends runTrends(ReadStore store) {
        return new org.computegov.shaping.foresight.RunTrends(store, org.computegov.accounting.TrainingRuns.RECORDS);
    }

    private static Map<String, String> params(org.computegov.registry.kernel.Request q, String... names) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String n : names) {
            String v = q.query(n);
            if (v != null && !v.isBlank()) {
                out.put(n, v.strip());
            }
        }
        return out;
    }

    private static LocalDate date(String text, LocalDate otherwise) throws Rejection {
        if (text == null) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw Rejection.badInput("date must be YYYY-MM-DD, got '" + text + "'", "date", null);
        }
    }

    @Override
    public void stats(Handle h, ObjectNode out) {
        out.put("chipsRegistered", h.createQuery("SELECT coalesce(sum(count), 0) FROM chip_batch").mapTo(Long.class).one());
        out.put("chipTransfers", h.createQuery("SELECT count(*) FROM chip_transfer").mapTo(Long.class).one());
        out.put("chipTransfersFlagged", h.createQuery("SELECT count(*) FROM chip_transfer WHERE action = 'FLAG'")
                .mapTo(Long.class).one());
    }

    @Override
    public String openApi() {
        return "/openapi/shaping.json";
    }

    @Override
    public void demo(DemoWorld world) throws Exception {
        new ChipsDemo(world).load();
    }
}
