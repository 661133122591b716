package org.computegov.shaping.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.computegov.knowledge.thresholds.Metric;
import org.computegov.knowledge.thresholds.Regime;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.knowledge.thresholds.RegimeFinding;
import org.computegov.registry.kernel.ConsolePages;
import org.computegov.registry.kernel.Shown;
import org.computegov.registry.kernel.View;
import org.computegov.registry.kernel.View.Cell;
import org.computegov.registry.kernel.View.Column;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.computegov.shaping.concern.ActorAssessment;
import org.computegov.shaping.concern.Aggregate;

/**
 * Chips in the console, from {@link ChipReads} only (an owner its own holdings and transfers, the regulator all):
 * holdings per owner and country, what each owner's chips could train over a year against the training-compute
 * thresholds in force (a chart), transfers with their export-control verdicts, and for the regulator the actors of
 * concern.
 */
final class ChipPages implements ConsolePages {
    /** The utilization the chart assumes, as {@code cgov concern} does by default. */
    static final double UTILIZATION = 0.4;
    private static final int[] DAYS = {1, 7, 30, 60, 90, 180, 365};
    private final ChipReads reads;
    private final RegimeCatalog regimes;
    private final Clock clock;

    ChipPages(ChipReads reads, RegimeCatalog regimes, Clock clock) {
        this.reads = reads;
        this.regimes = regimes;
        this.clock = clock;
    }

    @Override
    public String key() {
        return "chips";
    }

    @Override
    public String label() {
        return "Chips";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.REGULATOR, Role.COMPUTE_PROVIDER);
    }

    @Override
    public View index(Viewer v, Map<String, String> query) throws Rejection {
        List<Aggregate> owners = reads.holdings(v, "owner");
        List<View.Block> blocks = new ArrayList<>();
        long chips = owners.stream().mapToLong(Aggregate::chipCount).sum();
        double peak = owners.stream().mapToDouble(Aggregate::peakTrainingFlops).sum();
        blocks.add(new View.Figures(List.of(
                new View.Figure("Registered chips", Shown.count(chips), owners.size() + (owners.size() == 1 ? " owner" : " owners")),
                new View.Figure("Peak (dense FP16)", Shown.sci(peak) + " FLOP/s", "all registered chips together"),
                new View.Figure("In 90 days at " + Shown.percent(UTILIZATION), Shown.flop(peak * UTILIZATION * 86_400 * 90),
                        "if pooled into one run"))));
        blocks.add(table("holdings", "Holdings by owner", "Owner", owners));
        blocks.add(new View.Heading("What these chips could train"));
        List<View.Series> series = new ArrayList<>();
        for (Aggregate a : owners) {
            List<double[]> pts = new ArrayList<>();
            for (int d : DAYS) {
                pts.add(new double[] {d, a.peakTrainingFlops() * UTILIZATION * 86_400 * d});
            }
            series.add(new View.Series(a.key(), pts, false));
        }
        blocks.add(new View.Chart("capacity-chart", "FLOP each owner's registered chips could apply to one run, pooled,"
                + " by days of training at " + Shown.percent(UTILIZATION) + " utilization (log scale), with each"
                + " training-compute threshold in force.", false, true, "FLOP", series, thresholds()));
        if (v.regulator()) {
            blocks.add(table("countries", "Holdings by country", "Country", reads.holdings(v, "country")));
            blocks.add(concern(reads.concern(v, "90", Double.toString(UTILIZATION), today(), false)));
        }
        List<List<Cell>> transfers = new ArrayList<>();
        View.Pages transferPages = View.Pages.of(query, "transfers-page", View.Pages.SIZE, reads.transferCount(v));
        for (JsonNode t : reads.transfers(v, transferPages.size(), transferPages.offset())) {
            String action = t.path("exportControl").asText();
            transfers.add(List.of(Cell.of(t.path("day").asText()), Cell.of(t.path("from").asText()),
                    Cell.of(t.path("to").asText() + " (" + t.path("toCountry").asText() + ")"),
                    Cell.of(Shown.count(t.path("count").asDouble()) + " × " + t.path("chip").asText()),
                    Cell.tag(action.toLowerCase(java.util.Locale.ROOT), "ALLOW".equalsIgnoreCase(action) ? "good"
                            : "BLOCK".equalsIgnoreCase(action) ? "bad" : "warn")));
        }
        blocks.add(new View.Table("transfers", "Transfers", List.of(new Column("Day", false), new Column("From", false),
                new Column("To", false), new Column("Chips", true), new Column("Export control", false)), transfers,
                "No transfers.", transferPages));
        return new View(v.regulator() ? "Where compute is" : "Your chips", "Chips", blocks);
    }

    @Override
    public View item(Viewer v, String item, Map<String, String> query) throws Rejection {
        throw Rejection.notFound("no page " + item + " under chips", null);
    }

    private static View.Table table(String id, String caption, String keyHeading, List<Aggregate> rows) {
        List<List<Cell>> out = new ArrayList<>();
        for (Aggregate a : rows) {
            StringBuilder mix = new StringBuilder();
            new TreeMap<>(a.chips()).forEach((chip, n) -> mix.append(mix.length() == 0 ? "" : ", ")
                    .append(Shown.count(n)).append(" ").append(chip));
            out.add(List.of(Cell.of(a.key()), Cell.of(mix.toString()), Cell.of(Shown.count(a.chipCount())),
                    Cell.of(Shown.sci(a.peakTrainingFlops()) + " FLOP/s")));
        }
        return new View.Table(id, caption, List.of(new Column(keyHeading, false), new Column("Chips", false),
                new Column("Count", true), new Column("Peak (dense FP16)", true)), out, "No chips registered.");
    }

    private static View.Table concern(List<ActorAssessment> actors) {
        List<List<Cell>> out = new ArrayList<>();
        for (ActorAssessment a : actors) {
            List<String> crossed = new ArrayList<>();
            for (RegimeFinding f : a.crossable()) {
                crossed.add(f.regime() + (f.inForce() ? "" : " (not in force)"));
            }
            out.add(List.of(Cell.of(a.owner()), Cell.of(Shown.flop(a.achievableFlop())),
                    Cell.of(a.largestSite() + ": " + Shown.flop(a.largestSiteFlop())),
                    crossed.isEmpty() ? Cell.of("none") : Cell.tag(String.join(", ", crossed), "bad")));
        }
        return new View.Table("concern", "Actors of concern: what each could train in 90 days at "
                + Shown.percent(UTILIZATION) + " utilization", List.of(new Column("Owner", false),
                new Column("Pooled", true), new Column("Largest site", true), new Column("Thresholds it could cross", false)),
                out, "No owner could cross a threshold within 90 days.");
    }

    /** Training-compute thresholds in force today, one line per distinct threshold (regimes sharing one named together). */
    private List<View.Line> thresholds() {
        Map<Double, List<String>> by = new TreeMap<>();
        LocalDate today = today();
        for (Regime r : regimes.all()) {
            if (r.metric() == Metric.TRAINING_COMPUTE && r.inForceOn(today)) {
                by.computeIfAbsent(r.threshold(), k -> new ArrayList<>()).add(r.id());
            }
        }
        List<View.Line> lines = new ArrayList<>();
        by.forEach((t, ids) -> lines.add(new View.Line(String.join(", ", ids) + " (" + Shown.sci(t) + ")", t)));
        return lines;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
