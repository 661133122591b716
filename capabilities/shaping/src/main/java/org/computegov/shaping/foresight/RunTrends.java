package org.computegov.shaping.foresight;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.computegov.accounting.TrainingRuns;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.Inputs;
import org.computegov.knowledge.trends.Basis;
import org.computegov.knowledge.trends.CrossingForecast;
import org.computegov.knowledge.trends.FrontierPoint;
import org.computegov.knowledge.trends.NotableModel;
import org.computegov.knowledge.trends.NotableModels;
import org.computegov.knowledge.trends.TrendFit;
import org.computegov.knowledge.trends.Trends;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;

/**
 * The compute trend of the registry's own runs: the same log-linear fit, frontier and crossing forecast as the
 * knowledge core's over Epoch AI's data ({@link Trends}), over the runs the viewer may read (the regulator every
 * run, a developer its own, as {@code GET /api/v1/registry/runs}). A run counts with its accounted compute (the usage
 * providers reported for it) dated by its first usage record; a run without usage with its declared planned compute,
 * dated by its declaration. Its domain is its declared data domain.
 */
@Published
public final class RunTrends {
    private final ReadStore store;
    private final TrainingRuns runs;

    public RunTrends(ReadStore store, TrainingRuns runs) {
        this.store = store;
        this.runs = runs;
    }

    /** The console's page of these trends. */
    public static org.computegov.registry.kernel.ConsolePages pages(RunTrends trends,
            org.computegov.knowledge.thresholds.RegimeCatalog regimes, java.time.Clock clock) {
        return new RunTrendPages(trends, regimes, clock);
    }

    /** What the fits were made from: the runs as points, and the source line every answer carries. */
    public record Frontier(LocalDate from, LocalDate to, String domain, List<FrontierPoint> frontier, String source) {}

    /** The viewer's runs as trend points (name {@code developer/run}), oldest first. */
    public List<NotableModel> points(Viewer v) throws Rejection {
        v.require("training runs", Role.REGULATOR, Role.DEVELOPER);
        String only = v.regulator() ? null : v.id();
        List<NotableModel> out = new ArrayList<>();
        for (TrainingRuns.Run r : store.get(h -> runs.runs(h, only))) {
            boolean accounted = r.accountedFlop() > 0 && r.firstUsage() != null;
            Double flop = accounted ? Double.valueOf(r.accountedFlop()) : r.plannedFlop();
            java.time.Instant when = accounted ? r.firstUsage() : r.declared();
            if (flop == null || !(flop > 0) || when == null) {
                continue;
            }
            out.add(new NotableModel(r.developer() + "/" + r.runId(), List.of(r.dataDomain()), r.developer(), null,
                    LocalDate.ofInstant(when, ZoneOffset.UTC), flop));
        }
        return out;
    }

    private Trends trends(Viewer v) throws Rejection {
        List<NotableModel> p = points(v);
        return new Trends(new NotableModels(p, "computegov registry: " + p.size() + (p.size() == 1 ? " run" : " runs")
                + (v.regulator() ? "" : " of " + v.id()) + ", accounted compute (usage reported) dated by the first"
                + " usage record, else the declared plan dated by its declaration"));
    }

    public TrendFit fit(Viewer v, Map<String, String> q) throws Rejection {
        Trends t = trends(v);
        return call(() -> t.fit(basis(q.get("basis")), selection(q), confidence(q.get("confidence"))));
    }

    public Frontier frontier(Viewer v, Map<String, String> q) throws Rejection {
        Trends t = trends(v);
        Trends.Selection s = call(() -> selection(q));
        return new Frontier(s.from(), s.to(), s.domain(), call(() -> t.frontier(s)), t.data().source());
    }

    public CrossingForecast forecast(Viewer v, Map<String, String> q) throws Rejection {
        Trends t = trends(v);
        if (q.get("flop") == null) {
            throw Rejection.badInput("flop is missing", "flop", "Give the level of training compute, e.g. flop=1e26.");
        }
        return call(() -> t.forecast(Inputs.positive("--flop", q.get("flop")), selection(q), confidence(q.get("confidence"))));
    }

    private interface Work<T> {
        T get() throws InvalidInputException;
    }

    /** The knowledge core names CLI options in its errors; the API's parameters are the same names without dashes. */
    private static <T> T call(Work<T> w) throws Rejection {
        try {
            return w.get();
        } catch (InvalidInputException e) {
            throw Rejection.badInput(e.getMessage(), e.field() == null ? null : e.field().replace("--", ""), e.hint());
        }
    }

    private static Trends.Selection selection(Map<String, String> q) throws InvalidInputException {
        String domain = q.get("domain");
        return new Trends.Selection(q.get("from") == null ? Trends.DEFAULT_FROM : Inputs.date("--from", q.get("from")),
                q.get("to") == null ? null : Inputs.date("--to", q.get("to")),
                domain == null || domain.isBlank() ? null : domain.strip());
    }

    private static Basis basis(String text) throws InvalidInputException {
        if (text == null) {
            return Basis.ALL;
        }
        return Basis.parse(text).orElseThrow(() -> new InvalidInputException("--basis", "Unknown basis '" + text + "'.",
                "Use 'all' (every run) or 'frontier' (runs that were the largest to date)."));
    }

    private static double confidence(String text) throws InvalidInputException {
        if (text == null) {
            return Trends.DEFAULT_CONFIDENCE;
        }
        double c = Inputs.number("--confidence", text);
        if (!(c > 0 && c < 1)) {
            throw new InvalidInputException("--confidence", "--confidence must be a fraction in (0, 1), got " + text + ".",
                    "E.g. 0.9 for a 90% interval.");
        }
        return c;
    }
}
