package org.computegov.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.computegov.accounting.AccountingReads;
import org.computegov.api.Json;
import org.computegov.console.ConsoleSection;
import org.computegov.console.Frame;
import org.computegov.console.Page;
import org.computegov.console.Viewers;
import org.computegov.console.Web;
import org.computegov.console.auth.Session;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Role;

/**
 * Compute (the accounting capability): league tables of the largest runs and of beneficial owners' cumulative
 * compute, and a run's page with its compute over time, the thresholds it approaches and when it would cross the
 * next. Every figure comes from {@link AccountingReads} called with the signed-in user's viewer: a developer sees
 * its own runs, the regulator everyone's, and a refused read is a refused page.
 */
public final class ComputeSection implements ConsoleSection {
    private static final int SERIES_POINTS = 500;
    private final AccountingReads reads;
    private final Clock clock;

    public ComputeSection(AccountingReads reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    /** A league-table row: rank, what, who, compute, and the regimes it crossed. */
    public record Row(int rank, String label, String href, String detail, double flop, List<String> crossed) {}

    public record ComputeModel(Frame frame, List<Row> runs, Paging runsPaging, List<Row> owners, Paging ownersPaging,
            List<JsonNode> obligations, Paging obligationsPaging, List<JsonNode> alerts, Paging alertsPaging) {}

    /** Obligations and alerts per page: read a page at a time from the database, counted by an index. */
    static final int MONITORING_PAGE = 25;

    /** League-table rows per page: the tables stay short however many runs and owners the registry holds. */
    static final int LEAGUE_PAGE = 50;

    /**
     * @param seriesJson [[epochSeconds, cumulativeFlop], …] for the chart script (also shown as a table)
     * @param thresholdsJson [{name, flop}, …] the regimes' thresholds, drawn as lines
     */
    public record RunModel(Frame frame, JsonNode run, List<double[]> series, String seriesJson, List<JsonNode> thresholds,
            String thresholdsJson, JsonNode forecast) {}

    @Override
    public String key() {
        return "compute";
    }

    @Override
    public String label() {
        return "Compute";
    }

    @Override
    public String path() {
        return "/console/compute";
    }

    @Override
    public boolean visibleTo(Session user) {
        return user != null && (user.has(Role.REGULATOR) || user.has(Role.DEVELOPER) || user.has(Role.COMPUTE_PROVIDER));
    }

    @Override
    public void install(RoutesConfig routes, Web web) {
        routes.get(path(), web.signedIn(this::league));
        routes.get(path() + "/runs/{developer}/{run}", web.signedIn(this::run));
    }

    private void league(Page p) throws Exception {
        Viewer v = Viewers.of(p.user());
        Instant now = clock.instant();
        var query = p.ctx().queryParamMap();
        // Each league table counted, then only the page asked for read, ranked in SQL (largest first).
        Paging runPages = Paging.of("runs-page", p.param("runs-page"), LEAGUE_PAGE,
                v.regulator() || v.is(Role.DEVELOPER) ? Math.toIntExact(reads.runCount(v)) : 0,
                Paging.base(path(), query, "runs-page"));
        List<Row> runs = new ArrayList<>();
        if (v.regulator() || v.is(Role.DEVELOPER)) {
            for (JsonNode r : reads.runs(v, now, LEAGUE_PAGE, (long) (runPages.page() - 1) * LEAGUE_PAGE)) {
                String id = r.path("developer").asText() + "/" + r.path("runId").asText();
                runs.add(new Row(runPages.from() + runs.size(), r.path("name").asText(id), path() + "/runs/" + id, id,
                        r.path("cumulativeFlop").asDouble(), crossed(r.path("findings"))));
            }
        }
        Paging ownerPages = Paging.of("owners-page", p.param("owners-page"), LEAGUE_PAGE,
                v.regulator() ? Math.toIntExact(reads.ownerCount(v)) : 0, Paging.base(path(), query, "owners-page"));
        List<Row> owners = new ArrayList<>();
        if (v.regulator()) {
            for (JsonNode o : reads.owners(v, LEAGUE_PAGE, (long) (ownerPages.page() - 1) * LEAGUE_PAGE)) {
                List<String> accounts = new ArrayList<>();
                o.path("accounts").forEach(a -> accounts.add(a.asText()));
                owners.add(new Row(ownerPages.from() + owners.size(), o.path("name").asText(), null,
                        String.join(", ", accounts), o.path("flop").asDouble(), crossed(o.path("findings"))));
            }
        }
        Paging obligationPages = Paging.of(org.computegov.registry.kernel.View.Pages.of("obligations-page",
                p.param("obligations-page"), MONITORING_PAGE, reads.obligationCount(v)),
                Paging.base(path(), query, "obligations-page"));
        List<JsonNode> obligations = new ArrayList<>();
        reads.obligations(v, MONITORING_PAGE, (long) (obligationPages.page() - 1) * MONITORING_PAGE).forEach(obligations::add);
        Paging alertPages = Paging.of(org.computegov.registry.kernel.View.Pages.of("alerts-page", p.param("alerts-page"),
                MONITORING_PAGE, reads.alertCount(v)), Paging.base(path(), query, "alerts-page"));
        List<JsonNode> alerts = new ArrayList<>();
        reads.alerts(v, MONITORING_PAGE, (long) (alertPages.page() - 1) * MONITORING_PAGE).forEach(alerts::add);
        p.render("compute.jte", new ComputeModel(p.frame("Compute", key()), runs, runPages, owners, ownerPages,
                obligations, obligationPages, alerts, alertPages));
    }

    private void run(Page p) throws Exception {
        Viewer v = Viewers.of(p.user());
        String developer = p.ctx().pathParam("developer");
        String runId = p.ctx().pathParam("run");
        ObjectNode run = reads.run(v, developer, runId, clock.instant());
        // Hourly buckets, thinned to a bounded number of points: the page costs the same at any number of records.
        List<double[]> series = reads.runSeries(v, developer, runId, SERIES_POINTS);
        double base = run.path("baseFlop").asDouble(0);
        for (double[] pt : series) {
            pt[1] += base;
        }
        List<JsonNode> thresholds = new ArrayList<>();
        ArrayNode thresholdsJson = Json.mapper().createArrayNode();
        for (JsonNode f : run.path("findings")) {
            thresholds.add(f);
            thresholdsJson.addObject().put("name", f.path("regime").asText()).put("flop", f.path("threshold").asDouble());
        }
        p.render("compute_run.jte", new RunModel(p.frame("Run " + developer + "/" + runId, key()), run, series,
                Json.write(series), thresholds, Json.write(thresholdsJson), run.path("forecast")));
    }

    private static List<String> crossed(JsonNode findings) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : findings) {
            if ("CROSSED".equals(f.path("verdict").asText()) && f.path("inForce").asBoolean()) {
                out.add(f.path("regime").asText());
            }
        }
        return out;
    }
}
