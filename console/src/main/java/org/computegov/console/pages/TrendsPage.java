package org.computegov.console.pages;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.computegov.api.KnowledgeApi;
import org.computegov.api.TrendsApi;
import org.computegov.console.Page;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.thresholds.Metric;
import org.computegov.knowledge.thresholds.Regime;
import org.computegov.knowledge.trends.DecimalYear;
import org.computegov.knowledge.trends.FrontierPoint;
import org.computegov.knowledge.trends.TrendFit;
import org.computegov.registry.kernel.Shown;
import org.computegov.registry.kernel.View;
import org.computegov.registry.kernel.View.Cell;
import org.computegov.registry.kernel.View.Column;

/**
 * Where training compute is heading, as a page of the knowledge section: the frontier's record-setting models, the
 * log-linear trend fitted to notable models (extended three years past the data) and the training-compute
 * thresholds in force as lines, so a reader sees when the trend meets each. From {@link TrendsApi}, as the CLI's
 * {@code cgov trends} and the API's /api/v1/trends answer.
 */
final class TrendsPage {
    private final TrendsApi trends;
    private final KnowledgeApi knowledge;

    TrendsPage(TrendsApi trends, KnowledgeApi knowledge) {
        this.trends = trends;
        this.knowledge = knowledge;
    }

    View view(Page p) throws InvalidInputException {
        String from = p.param("from");
        String domain = p.param("domain");
        TrendFit fit = trends.fit(from, null, domain, null, null);
        List<FrontierPoint> frontier = trends.frontier(from, null, domain).frontier();
        List<double[]> front = new ArrayList<>();
        for (FrontierPoint f : frontier) {
            front.add(new double[] {epoch(f.date()), f.flop()});
        }
        List<double[]> line = new ArrayList<>();
        LocalDate end = fit.last().plusYears(3);
        for (LocalDate d = fit.first(); !d.isAfter(end); d = d.plusMonths(6)) {
            line.add(new double[] {epoch(d), Math.pow(10, fit.intercept() + fit.oomPerYear().value() * DecimalYear.of(d))});
        }
        List<View.Line> lines = new ArrayList<>();
        Map<Double, List<String>> by = new TreeMap<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (Regime r : knowledge.regimes()) {
            if (r.metric() == Metric.TRAINING_COMPUTE && r.inForceOn(today)) {
                by.computeIfAbsent(r.threshold(), k -> new ArrayList<>()).add(r.id());
            }
        }
        by.forEach((t, ids) -> lines.add(new View.Line(String.join(", ", ids) + " (" + Shown.sci(t) + ")", t)));
        // Where each threshold line meets the frontier trend: who crossed it first, or when the trend says it will be.
        List<List<Cell>> crossings = new ArrayList<>();
        for (View.Line l : lines) {
            org.computegov.knowledge.trends.CrossingForecast f;
            try {
                f = trends.forecast(Double.toString(l.y()), from, null, domain, null);
            } catch (InvalidInputException noTrend) { // a frontier that does not grow in this selection
                crossings.add(List.of(Cell.of(l.label()), Cell.of("–"), Cell.of(noTrend.getMessage())));
                continue;
            }
            crossings.add(List.of(Cell.of(l.label()), f.firstReachedBy() == null ? Cell.tag("not yet", "warn")
                    : Cell.of(f.firstReachedBy().model() + " (" + f.firstReachedBy().date() + ")"),
                    Cell.of(f.trendDate() + (f.low() == null ? "" : " (" + f.low() + " to " + f.high() + ")"))));
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = frontier.size() - 1; i >= 0 && rows.size() < 12; i--) {
            FrontierPoint f = frontier.get(i);
            rows.add(List.of(Cell.of(f.date().toString()), Cell.of(f.model()), Cell.of(f.organization()),
                    Cell.of(Shown.flop(f.flop()))));
        }
        return new View("Where training compute is heading", "Knowledge · trends", List.of(
                new View.Figures(List.of(
                        new View.Figure("Growth", "×" + String.format(java.util.Locale.ROOT, "%.2f", fit.growthPerYear().value())
                                + " a year", String.format(java.util.Locale.ROOT, "%.0f%% interval ×%.2f–×%.2f",
                                        fit.confidence() * 100, fit.growthPerYear().low(), fit.growthPerYear().high())),
                        new View.Figure("Doubling time", String.format(java.util.Locale.ROOT, "%.1f months",
                                fit.doublingMonths().value()), "log10 FLOP against the publication date"),
                        new View.Figure("Models", Shown.count(fit.models()), fit.first() + " to " + fit.last()))),
                new View.Chart("trends-chart", "Training compute of the frontier's record-setting models (dots) and the"
                        + " trend fitted to all notable models since " + fit.from() + ", extended three years (log scale),"
                        + " with each training-compute threshold in force.", true, true, "FLOP",
                        List.of(new View.Series("Frontier models", front, true), new View.Series("Trend", line, false)), lines),
                new View.Table("crossings", "When the frontier reaches each threshold in force", List.of(
                        new Column("Threshold", false), new Column("First model at or above it", false),
                        new Column("Frontier trend reaches it (90% interval)", false)), crossings,
                        "No training-compute threshold is in force."),
                new View.Table("frontier", "The latest record-setting models", List.of(new Column("Published", false),
                        new Column("Model", false), new Column("Organization", false), new Column("Training compute", true)),
                        rows, "No models in this period."),
                new View.Text("Data: " + fit.source())));
    }

    private static double epoch(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
}
