package org.computegov.shaping.allocation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.computegov.accounting.AccountUsage;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.kernel.DemoWorld;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Routes;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.statement.Rejection;
import org.jdbi.v3.core.Handle;

/**
 * Allocation programmes (after NSF ACCESS / NAIRR and ColdFront): compute given to research. A programme officer
 * (regulator) opens programmes and calls with tiers; providers offer resources at dated exchange rates; researchers
 * (developers) propose; evaluators review; the officer awards, accepts progress reports (releasing the second half)
 * and decides change requests. Usage reported to accounting draws the awards down, read through accounting's
 * {@link AccountUsage}; providers export the awards as a Slurm {@code sacctmgr} load file.
 */
@Published
public final class Allocation implements Capability {
    private final HardwareCatalog catalog;
    private final AccountUsage usage;
    private AllocationReads reads;

    public Allocation(HardwareCatalog catalog, AccountUsage usage) {
        this.catalog = catalog;
        this.usage = usage;
    }

    @Override
    public String name() {
        return "allocation";
    }

    @Override
    public List<StatementKind<?>> kinds() {
        return List.of(new ProgrammeKinds.ProgrammeKind(), new ProgrammeKinds.CallKind(),
                new ProgrammeKinds.ResourceKind(catalog), new ProposalKinds.ProposalKind(), new ProposalKinds.ReviewKind(),
                new AwardKinds.AwardKind(), new AwardKinds.ReportKind(), new AwardKinds.ChangeKind(), new DecisionKind());
    }

    @Override
    public String migrations() {
        return "db/allocation";
    }

    public AllocationReads reads(ReadStore store) {
        if (reads == null) {
            reads = new AllocationReads(store, usage, catalog);
        }
        return reads;
    }

    @Override
    public List<org.computegov.registry.kernel.ConsolePages> consolePages(ReadStore store, java.time.Clock clock) {
        return List.of(new AllocationPages(reads(store), store, clock));
    }

    @Override
    public void routes(Routes routes, ReadStore store) {
        AllocationReads r = reads(store);
        routes.get("/api/v1/allocation/programmes", q -> Map.of("programmes", r.programmes()));
        routes.get("/api/v1/allocation/proposals", q -> Map.of("proposals", r.proposals(q.viewer())));
        routes.get("/api/v1/allocation/awards", q -> Map.of("awards", r.awards(q.viewer(),
                asOf(q.query("asOf"), q.now()))), "asOf");
        routes.get("/api/v1/allocation/awards/{award}", q -> r.award(q.viewer(), q.path("award"),
                asOf(q.query("asOf"), q.now())), "asOf");
        routes.get("/api/v1/allocation/export", q -> r.export(q.viewer(), q.query("cluster"), q.query("format"),
                asOf(q.query("asOf"), q.now())), "cluster", "format", "asOf");
    }

    private static LocalDate asOf(String text, java.time.Instant now) throws Rejection {
        if (text == null) {
            return AllocationReads.today(now);
        }
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw Rejection.badInput("asOf must be YYYY-MM-DD, got '" + text + "'", "asOf", null);
        }
    }

    @Override
    public void stats(Handle h, ObjectNode out) {
        out.put("allocationProgrammes", h.createQuery("SELECT count(*) FROM alloc_programme").mapTo(Long.class).one());
        out.put("allocationProposals", h.createQuery("SELECT count(*) FROM alloc_proposal").mapTo(Long.class).one());
        out.put("allocationAwards", h.createQuery("SELECT count(*) FROM alloc_award").mapTo(Long.class).one());
    }

    @Override
    public String openApi() {
        return "/openapi/allocation.json";
    }

    @Override
    public void demo(DemoWorld world) throws Exception {
        new AllocationDemo(world).load();
    }
}
