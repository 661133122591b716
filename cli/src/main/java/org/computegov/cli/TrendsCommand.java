package org.computegov.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.computegov.api.TrendsApi;
import org.computegov.knowledge.trends.CrossingForecast;
import org.computegov.knowledge.trends.Estimate;
import org.computegov.knowledge.trends.FrontierPoint;
import org.computegov.knowledge.trends.TrendFit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgov trends}: growth of training compute over time (subcommands registered by {@link Cgov}). */
@Command(name = "trends", mixinStandardHelpOptions = true,
        description = "Trends of training compute over time, from Epoch AI's notable-models data (CC-BY 4.0), or with --registry from the registry's own runs.")
final class TrendsCommand {

    /** The period and domain every trends command takes. */
    static final class Selection {
        @Option(names = "--from", paramLabel = "DATE", description = "First publication date (default 2010-01-01).") String from;
        @Option(names = "--to", paramLabel = "DATE", description = "Last publication date (default: the end of the data).") String to;
        @Option(names = "--domain", paramLabel = "D", description = "Only models of this domain, e.g. Language, Vision, Games (any case).") String domain;
        @Option(names = "--registry", description = "Fit the registry's own runs you may read (regulator: all; developer: its own; --url, --key) instead of Epoch AI's data.") boolean fromRegistry;
        @Mixin RegistryConnection registry;

        /** The registry's answer at {@code path} with these parameters (null ones left out), as {@code type}. */
        <T> T ask(String path, Class<T> type, String... params) throws Exception {
            StringBuilder q = new StringBuilder("/api/v1/registry/trends/" + path);
            String[] all = new String[params.length + 6];
            System.arraycopy(new String[] {"from", from, "to", to, "domain", domain}, 0, all, 0, 6);
            System.arraycopy(params, 0, all, 6, params.length);
            for (int i = 0; i < all.length; i += 2) {
                if (all[i + 1] != null) {
                    q.append(q.indexOf("?") < 0 ? '?' : '&').append(all[i]).append('=').append(RegistryCommands.enc(all[i + 1]));
                }
            }
            return org.computegov.api.Json.mapper().convertValue(registry.get(q.toString()), type);
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fit log10 FLOP against time: growth per year, doubling time, with confidence intervals.")
    static final class Fit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Selection selection;
        @Mixin JsonOption json;
        @Option(names = "--basis", paramLabel = "B", description = "all (every model with a compute estimate, default) or frontier (largest run to date).") String basis;
        @Option(names = "--confidence", paramLabel = "C", description = "Confidence level of the intervals (default 0.9).") String confidence;

        @Override
        public Integer call() throws Exception {
            TrendFit fit = selection.fromRegistry ? selection.ask("fit", TrendFit.class, "basis", basis, "confidence", confidence)
                    : TrendsApi.builtIn().fit(selection.from, selection.to, selection.domain, basis, confidence);
            PrintWriter out = spec.commandLine().getOut();
            if (json.printed(out, fit)) {
                return 0;
            }
            printFit(out, fit);
            if (!selection.fromRegistry) {
                out.println("Published for comparison:");
                TrendFit.PUBLISHED.forEach(p -> out.println("  " + p));
            }
            out.println("Data: " + fit.source());
            out.flush();
            return 0;
        }
    }

    @Command(name = "frontier", mixinStandardHelpOptions = true,
            description = "The models that were the largest training run to date when published.")
    static final class Frontier implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Selection selection;
        @Mixin JsonOption json;

        @Override
        public Integer call() throws Exception {
            TrendsApi.FrontierView view = selection.fromRegistry ? selection.ask("frontier", TrendsApi.FrontierView.class)
                    : TrendsApi.builtIn().frontier(selection.from, selection.to, selection.domain);
            PrintWriter out = spec.commandLine().getOut();
            if (json.printed(out, view)) {
                return 0;
            }
            Table t = new Table("date", "model", "organization", "FLOP").alignRight(3);
            for (FrontierPoint p : view.frontier()) {
                t.row(p.date().toString(), p.model(), p.organization(), Format.sci(p.flop()));
            }
            t.print(out);
            out.println("Data: " + view.source());
            out.flush();
            return 0;
        }
    }

    @Command(name = "forecast", mixinStandardHelpOptions = true,
            description = "When the frontier trend reaches a level of training compute, with an interval.")
    static final class Forecast implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Selection selection;
        @Mixin JsonOption json;
        @Option(names = "--flop", required = true, paramLabel = "F", description = "The level of training compute, e.g. 1e27.") String flop;
        @Option(names = "--confidence", paramLabel = "C", description = "Confidence level of the interval (default 0.9).") String confidence;

        @Override
        public Integer call() throws Exception {
            CrossingForecast f = selection.fromRegistry ? selection.ask("forecast", CrossingForecast.class, "flop", flop,
                    "confidence", confidence) : TrendsApi.builtIn().forecast(flop, selection.from, selection.to, selection.domain, confidence);
            PrintWriter out = spec.commandLine().getOut();
            if (json.printed(out, f)) {
                return 0;
            }
            String pct = percent(f.trend().confidence());
            out.println("The frontier trend reaches " + Format.sci(f.flop()) + " FLOP on " + f.trendDate() + " ("
                    + pct + " interval " + (f.low() == null ? "unbounded: the slope is not distinguishable from zero"
                    : f.low() + " to " + f.high()) + ").");
            if (f.firstReachedBy() != null) {
                FrontierPoint p = f.firstReachedBy();
                out.println("Already reached: " + p.model() + " (" + p.organization() + ", " + p.date() + ", "
                        + Format.sci(p.flop()) + " FLOP).");
            }
            printFit(out, f.trend());
            out.println("Data: " + f.trend().source());
            out.flush();
            return 0;
        }
    }

    static void printFit(PrintWriter out, TrendFit fit) {
        String pct = percent(fit.confidence());
        boolean runs = fit.source().startsWith("computegov registry");
        out.println((fit.basis().name().equals("FRONTIER") ? "Frontier training compute" : runs ? "Training compute of the registry's runs"
                : "Training compute of notable models")
                + (fit.domain() == null ? "" : " (" + fit.domain() + ")") + ", " + fit.from() + " to "
                + (fit.to() == null ? "the end of the data" : fit.to()) + ": " + fit.models() + (runs ? " runs, " : " models, ")
                + fit.first() + " to " + fit.last());
        Table t = new Table("", "estimate", pct + " interval").alignRight(1);
        t.row("orders of magnitude per year", f3(fit.oomPerYear().value()), range(fit.oomPerYear(), ""));
        t.row("growth per year", "×" + f3(fit.growthPerYear().value()), range(fit.growthPerYear(), "×"));
        t.row("doubling time (months)", f3(fit.doublingMonths().value()), range(fit.doublingMonths(), ""));
        t.row("R²", f3(fit.rSquared()), "");
        t.row("scatter about the line (OOM)", f3(fit.residualStdErrorOom()), "");
        t.print(out);
    }

    private static String range(Estimate e, String prefix) {
        return (e.low() == null ? "open" : prefix + f3(e.low())) + " – " + (e.high() == null ? "open" : prefix + f3(e.high()));
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String percent(double c) {
        return String.format(Locale.ROOT, "%.0f%%", c * 100);
    }
}
