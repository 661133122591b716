package org.computegov.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.knowledge.trends.Basis;
import org.computegov.knowledge.trends.DecimalYear;
import org.computegov.knowledge.trends.NotableModel;
import org.computegov.knowledge.trends.Trends;
import org.computegov.shaping.concern.ActorsOfConcern;
import org.computegov.shaping.concern.Holding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cgov bench shaping}: what shaping and foresight compute often, each beside a same-run baseline that does the
 * least the same answer needs: a trend fit (selection, OLS, t intervals) against commons-math3's SimpleRegression on
 * the same points; actors of concern over many holdings (per-owner capacity, every regime evaluated) against one
 * pass multiplying count by peak; holdings aggregated per country against a plain hash-map sum of chips.
 */
@Command(name = "shaping", mixinStandardHelpOptions = true, description = {
        "Trend fit, actors of concern and holdings aggregation, each against a same-run baseline.",
        "Synthetic holdings (fixed seed) over the catalog's data-centre chips; the trend fit on the shipped Epoch AI data."})
final class ShapingBench implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--holdings", paramLabel = "N", defaultValue = "100000", description = "Synthetic holdings (default ${DEFAULT-VALUE}).") int holdings;
    @Option(names = "--owners", paramLabel = "N", defaultValue = "10000", description = "Distinct owners among them (default ${DEFAULT-VALUE}).") int owners;
    @Option(names = "--seconds", paramLabel = "S", defaultValue = "3", description = "Measured time per case (default ${DEFAULT-VALUE}).") double seconds;
    @Option(names = "--json", description = "Print the figures as JSON.") boolean json;

    private static final String[] CHIPS = {"H100", "A100", "H200", "B200", "H20", "MI300X"};
    private static final String[] COUNTRIES = {"US", "DE", "FR", "GB", "JP", "SG", "AE", "IN", "BR", "CA"};

    @FunctionalInterface
    interface Work {
        Object run() throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        if (holdings < 1 || owners < 1 || owners > holdings || !(seconds > 0) || seconds > 600) {
            throw new org.computegov.knowledge.InvalidInputException("--holdings", "Need 1 <= --owners <= --holdings and"
                    + " --seconds in (0, 600].", "e.g. --holdings 100000 --owners 10000 --seconds 3");
        }
        PrintWriter out = spec.commandLine().getOut();
        HardwareCatalog catalog = HardwareCatalog.builtIn();
        RegimeCatalog regimes = RegimeCatalog.builtIn();
        ActorsOfConcern concern = new ActorsOfConcern(catalog, regimes);
        Trends trends = Trends.builtIn();
        List<Holding> hs = synthetic(holdings, owners);
        Map<String, Double> peak = new HashMap<>();
        for (String c : CHIPS) {
            peak.put(c, org.computegov.shaping.concern.Capacity.peakTrainingFlops(catalog.find(c), 1));
        }
        List<double[]> points = new ArrayList<>();
        for (NotableModel m : trends.data().all()) {
            if (m.trainingFlop() != null && !m.published().isBefore(Trends.DEFAULT_FROM)) {
                points.add(new double[] {DecimalYear.of(m.published()), Math.log10(m.trainingFlop())});
            }
        }
        LocalDate day = LocalDate.of(2026, 6, 1);
        double[] fit = rate(() -> trends.fit(Basis.ALL, Trends.Selection.since2010(), 0.9));
        double[] ols = rate(() -> {
            SimpleRegression r = new SimpleRegression();
            for (double[] p : points) {
                r.addData(p[0], p[1]);
            }
            return r.getSlopeConfidenceInterval(0.1);
        });
        double[] assess = rate(() -> concern.assess(hs, 90, 0.4, day, false));
        double[] multiply = rate(() -> {
            Map<String, Double> byOwner = new HashMap<>();
            for (Holding h : hs) {
                byOwner.merge(h.owner(), peak.get(h.chip()) * h.count() * 0.4 * 90 * 86_400, Double::sum);
            }
            return byOwner;
        });
        double[] aggregate = rate(() -> concern.aggregate(hs, Holding::country));
        double[] sum = rate(() -> {
            Map<String, Long> byCountry = new HashMap<>();
            for (Holding h : hs) {
                byCountry.merge(h.country(), h.count(), Long::sum);
            }
            return byCountry;
        });
        if (json) {
            out.printf(Locale.ROOT, "{\"holdings\":%d,\"owners\":%d,\"trendFitPerSecond\":%.1f,\"simpleRegressionPerSecond\":%.1f,"
                    + "\"concernPerSecond\":%.3f,\"concernBaselinePerSecond\":%.3f,\"aggregatePerSecond\":%.3f,"
                    + "\"aggregateBaselinePerSecond\":%.3f}%n", holdings, owners, fit[0], ols[0], assess[0], multiply[0],
                    aggregate[0], sum[0]);
        } else {
            out.printf(Locale.ROOT, "trend fit (since 2010, %d models, 90%% CI): %,.1f fits/s; SimpleRegression on the same points"
                    + " %,.1f /s; fit / baseline time %.2f×%n", points.size(), fit[0], ols[0], ols[0] / fit[0]);
            out.printf(Locale.ROOT, "actors of concern (%,d holdings, %,d owners, every regime): %,.2f /s (%.1f ms);"
                    + " count × peak per owner %,.1f /s; time %.1f×%n", holdings, owners, assess[0], 1000 / assess[0],
                    multiply[0], multiply[0] / assess[0]);
            out.printf(Locale.ROOT, "holdings per country (%,d holdings): %,.2f /s (%.1f ms); hash-map sum %,.1f /s; time %.1f×%n",
                    holdings, aggregate[0], 1000 / aggregate[0], sum[0], sum[0] / aggregate[0]);
        }
        out.flush();
        return 0;
    }

    /** Holdings of {@code owners} owners across sites and countries, counts 8 to 25,000 (fixed seed). */
    static List<Holding> synthetic(int n, int owners) {
        SplittableRandom r = new SplittableRandom(42);
        List<Holding> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String owner = "owner-" + (i % owners);
            out.add(new Holding(owner, "site-" + r.nextInt(4), COUNTRIES[r.nextInt(COUNTRIES.length)],
                    CHIPS[r.nextInt(CHIPS.length)], 8 + r.nextInt(25_000), r.nextBoolean() ? 400.0 : null, "synthetic"));
        }
        return out;
    }

    /** Runs {@code w} for a warm-up second, then for {@code seconds}: operations per second (and the count). */
    private double[] rate(Work w) throws Exception {
        Object sink = null;
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            sink = w.run();
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long n = 0;
        while (System.nanoTime() < end) {
            sink = w.run();
            n++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (sink == null) {
            throw new IllegalStateException("benchmark produced nothing");
        }
        return new double[] {n / elapsed, n};
    }
}
