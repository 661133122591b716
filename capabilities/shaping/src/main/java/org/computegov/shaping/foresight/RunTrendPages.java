package org.computegov.shaping.foresight;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.computegov.knowledge.thresholds.Metric;
import org.computegov.knowledge.thresholds.Regime;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.knowledge.trends.DecimalYear;
import org.computegov.knowledge.trends.FrontierPoint;
import org.computegov.knowledge.trends.NotableModel;
import org.computegov.knowledge.trends.TrendFit;
import org.computegov.registry.kernel.ConsolePages;
import org.computegov.registry.kernel.Shown;
import org.computegov.registry.kernel.View;
import org.computegov.registry.kernel.View.Cell;
import org.computegov.registry.kernel.View.Column;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;

/**
 * The registry's own runs as a compute trend in the console (the knowledge section's trends page does the same for
 * Epoch AI's notable models): every run the viewer may read, the record-setting runs, the fitted trend extended a
 * year, and the training-compute thresholds in force as lines. From {@link RunTrends}, as the API's
 * /api/v1/registry/trends answers.
 */
final class RunTrendPages implements ConsolePages {
    /** At most this many dots (and frontier points) on the chart: the fit weighs every run, the chart draws a sample. */
    static final int CHART_POINTS = 500;
    private final RunTrends trends;
    private final RegimeCatalog regimes;
    private final Clock clock;

    RunTrendPages(RunTrends trends, RegimeCatalog regimes, Clock clock) {
        this.trends = trends;
        this.regimes = regimes;
        this.clock = clock;
    }

    @Override
    public String key() {
        return "run-trends";
    }

    @Override
    public String label() {
        return "Run trends";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.REGULATOR, Role.DEVELOPER);
    }

    @Override
    public View index(Viewer v, Map<String, String> query) throws Rejection {
        // The fit needs every run's point (one small row per run), so the points are all read; the table shows one
        // page of them and the chart at most CHART_POINTS of each series.
        List<NotableModel> runs = trends.points(v).stream()
                .sorted(java.util.Comparator.comparing(NotableModel::published).thenComparing(NotableModel::name)).toList();
        List<View.Block> blocks = new ArrayList<>();
        List<double[]> all = new ArrayList<>();
        for (NotableModel m : runs) {
            all.add(new double[] {epoch(m.published()), m.trainingFlop()});
        }
        View.Pages runPages = View.Pages.of(query, "runs-page", View.Pages.SIZE, runs.size());
        List<List<Cell>> rows = new ArrayList<>();
        for (NotableModel m : runs.subList((int) Math.min(runs.size(), runPages.offset()),
                (int) Math.min(runs.size(), runPages.offset() + runPages.size()))) {
            rows.add(List.of(Cell.of(m.published().toString()), Cell.of(m.name()), Cell.of(String.join(", ", m.domains())),
                    Cell.of(Shown.flop(m.trainingFlop()))));
        }
        all = thin(all, CHART_POINTS);
        List<double[]> front = new ArrayList<>();
        for (FrontierPoint f : trends.frontier(v, Map.of("from", "1970-01-01")).frontier()) {
            front.add(new double[] {epoch(f.date()), f.flop()});
        }
        front = thin(front, CHART_POINTS);
        List<View.Series> series = new ArrayList<>(List.of(new View.Series("Runs", all, true),
                new View.Series("Largest run to date", front, false)));
        try {
            TrendFit fit = trends.fit(v, Map.of("from", "1970-01-01"));
            List<double[]> line = new ArrayList<>();
            // Extended past the last run by half the runs' span, at most a year: a line fitted to a few weeks of runs
            // says nothing about next year, and drawn that far it would swamp the chart's scale.
            long spanDays = java.time.temporal.ChronoUnit.DAYS.between(fit.first(), fit.last());
            LocalDate end = fit.last().plusDays(Math.min(365, spanDays / 2));
            long step = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(fit.first(), end) / 24);
            for (LocalDate d = fit.first(); !d.isAfter(end); d = d.plusDays(step)) {
                line.add(new double[] {epoch(d), Math.pow(10, fit.intercept() + fit.oomPerYear().value() * DecimalYear.of(d))});
            }
            View.Text caveat = spanDays >= 365 ? null : new View.Text("These runs span " + spanDays + " days: a trend"
                    + " over so short a period says little about the years ahead; read the growth and its interval with"
                    + " that in mind.");
            series.add(new View.Series("Trend", line, false));
            blocks.add(new View.Figures(List.of(
                    new View.Figure("Growth", "×" + String.format(Locale.ROOT, "%.3g", fit.growthPerYear().value()) + " a year",
                            String.format(Locale.ROOT, "%.0f%% interval ×%.3g–×%.3g", fit.confidence() * 100,
                                    fit.growthPerYear().low(), fit.growthPerYear().high())),
                    new View.Figure("Doubling time", fit.oomPerYear().value() > 0 ? String.format(Locale.ROOT,
                            "%.3g months", fit.doublingMonths().value()) : "none", fit.oomPerYear().value() > 0
                            ? "log10 FLOP against the run's date" : "the fitted compute does not grow"),
                    new View.Figure("Runs", Shown.count(fit.models()), fit.first() + " to " + fit.last()))));
            if (caveat != null) {
                blocks.add(caveat);
            }
        } catch (Rejection tooFew) {
            blocks.add(new View.Text("No trend yet: " + tooFew.getMessage().replace("--from", "the period") + "."));
        }
        blocks.add(new View.Chart("run-trend-chart", "Training compute of the registry's runs you may read (dots), the"
                + " largest run to date, and the trend fitted to them (log scale), with each training-compute threshold"
                + " in force." + (runs.size() > CHART_POINTS ? " Of " + Shown.count(runs.size()) + " runs, "
                + CHART_POINTS + " are drawn, evenly spaced in date order (the last always); the trend is fitted to all."
                : ""), true, true, "FLOP", series, thresholds()));
        blocks.add(new View.Table("runs", "Runs as trend points", List.of(new Column("Date", false), new Column("Run", false),
                new Column("Domain", false), new Column("Training compute", true)), rows, "No run you may read.", runPages));
        blocks.add(new View.Text("A run counts with the compute providers reported for it, dated by its first usage record;"
                + " a run without usage with its declared plan, dated by its declaration. The same fit as the knowledge"
                + " trends page: ordinary least squares of log10 FLOP on the date, Student's t intervals."));
        return new View(v.regulator() ? "Where the registry's compute is heading" : "Your runs' compute over time",
                "Run trends", blocks);
    }

    @Override
    public View item(Viewer v, String item, Map<String, String> query) throws Rejection {
        throw Rejection.notFound("no page " + item + " under run trends", null);
    }

    private List<View.Line> thresholds() {
        Map<Double, List<String>> by = new TreeMap<>();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (Regime r : regimes.all()) {
            if (r.metric() == Metric.TRAINING_COMPUTE && r.inForceOn(today)) {
                by.computeIfAbsent(r.threshold(), k -> new ArrayList<>()).add(r.id());
            }
        }
        List<View.Line> lines = new ArrayList<>();
        by.forEach((t, ids) -> lines.add(new View.Line(String.join(", ", ids) + " (" + Shown.sci(t) + ")", t)));
        return lines;
    }

    /** At most {@code max} of the points, evenly spaced in their order, the last always kept (as run charts are). */
    static List<double[]> thin(List<double[]> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        List<double[]> out = new ArrayList<>();
        double step = (double) points.size() / max;
        for (int i = 0; i < max - 1; i++) {
            out.add(points.get((int) (i * step)));
        }
        out.add(points.get(points.size() - 1));
        return out;
    }

    private static double epoch(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
}
