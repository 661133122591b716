package org.computegov.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.computegov.knowledge.thresholds.DueObligation;
import org.computegov.knowledge.thresholds.Regime;
import org.computegov.knowledge.thresholds.RegimeFinding;
import org.computegov.knowledge.thresholds.ThresholdReport;
import org.computegov.knowledge.thresholds.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgov thresholds}: compute-threshold regimes and checks against them (subcommands registered by {@link Cgov}). */
@Command(name = "thresholds", mixinStandardHelpOptions = true, description = "Regulatory compute thresholds (EU AI Act, SB 53, …) and checks against them.")
final class ThresholdsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the regimes with their status, threshold and comparison.")
    static final class ListRegimes implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KnowledgeOptions knowledge;
        @Mixin JsonOption json;
        @Mixin ListOptions list;
        @Option(names = "--date", paramLabel = "DATE", description = "Report each regime's standing on this date (default today).") String date;
        @Option(names = "--jurisdiction", paramLabel = "CODE", description = "Only this jurisdiction's regimes, e.g. EU or US-CA.") String jurisdiction;
        @Option(names = "--in-force", description = "Only regimes in force on --date.") boolean inForce;

        @Override
        public Integer call() throws Exception {
            var day = date == null ? java.time.LocalDate.now() : org.computegov.knowledge.Inputs.date("--date", date);
            var regimes = list.apply(knowledge.api().regimes().stream()
                    .filter(r -> ListOptions.matches(jurisdiction, r.jurisdiction()))
                    .filter(r -> !inForce || r.inForceOn(day)).toList());
            var out = spec.commandLine().getOut();
            if (json.printed(out, java.util.Map.of("regimes", regimes))) {
                return 0;
            }
            Table t = new Table("id", "jurisdiction", "measures", "threshold", "counts", "standing on " + day).alignRight(3);
            for (Regime r : regimes) {
                t.row(r.id(), r.jurisdiction(), r.metric().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        r.comparison().symbol() + " " + Format.sci(r.threshold()), r.counts().name().toLowerCase(Locale.ROOT),
                        r.stateOn(day));
            }
            t.print(out);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Which regimes a training run falls under, why, and what is due by when.")
    static final class CheckRun implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KnowledgeOptions knowledge;
        @Mixin JsonOption json;
        @Option(names = "--flop", required = true, paramLabel = "F", description = "This run's compute, e.g. 3.8e25.") String flop;
        @Option(names = "--base-flop", paramLabel = "B", description = "For a fine-tune or other modification: the base model's cumulative compute.") String baseFlop;
        @Option(names = "--bio", description = "Trained primarily on biological sequence data.") boolean bio;
        @Option(names = "--cost-usd", paramLabel = "USD", description = "Training cost at market prices.") String costUsd;
        @Option(names = "--revenue-usd", paramLabel = "USD", description = "The developer's annual revenue.") String revenueUsd;
        @Option(names = "--date", paramLabel = "DATE", description = "When the compute is reached (default today); deadlines count from it.") String date;

        @Override
        public Integer call() throws Exception {
            ThresholdReport report = knowledge.api().checkRun(flop, baseFlop, bio, costUsd, revenueUsd, date);
            print(spec.commandLine().getOut(), json, report);
            return 0;
        }
    }

    @Command(name = "cluster", mixinStandardHelpOptions = true, description = "Whether a cluster's peak capacity crosses the cluster thresholds.")
    static final class CheckCluster implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KnowledgeOptions knowledge;
        @Mixin JsonOption json;
        @Option(names = "--ops-per-second", paramLabel = "X", description = "Peak capacity in op/s, e.g. 1e20.") String ops;
        @Option(names = "--chip", paramLabel = "NAME", description = "The cluster's accelerator (with --count).") String chip;
        @Option(names = "--count", paramLabel = "N", description = "How many.") String count;
        @Option(names = "--network-gbps", paramLabel = "G", description = "Data-centre networking between machines, Gbit/s.") String network;
        @Option(names = "--date", paramLabel = "DATE", description = "Evaluation date (default today).") String date;

        @Override
        public Integer call() throws Exception {
            print(spec.commandLine().getOut(), json, knowledge.api().checkCluster(ops, chip, count, network, date));
            return 0;
        }
    }

    static void print(PrintWriter out, JsonOption json, ThresholdReport report) {
        if (json.printed(out, report)) {
            return;
        }
        out.println(report.subject() + ", on " + report.date() + ":");
        Table t = new Table("regime", "verdict", "in force", "why");
        for (RegimeFinding f : report.findings()) {
            t.row(f.regime(), f.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '), f.inForce() ? "yes" : "no", f.reason());
        }
        t.print(out);
        var binding = report.binding();
        out.println();
        if (binding.isEmpty()) {
            out.println("No regime in force on " + report.date() + " is crossed.");
        }
        for (RegimeFinding f : binding) {
            out.println("Due under " + f.regime() + " (" + f.name() + "):");
            for (DueObligation o : f.obligations()) {
                String when = o.dueBy() != null ? "by " + o.dueBy() : switch (o.trigger()) {
                    case CROSSING -> "on crossing";
                    case DEPLOYMENT -> "at deployment";
                    case INCIDENT -> o.dueDays() == null ? "on an incident" : "within " + o.dueDays() + " days of an incident";
                    case QUARTERLY -> "quarterly";
                    case ONGOING -> "ongoing";
                };
                out.println("  - " + when + ": " + o.what() + (o.citation().isBlank() ? "" : " [" + o.citation() + "]"));
            }
        }
        long open = report.findings().stream().filter(f -> f.verdict() == Verdict.INDETERMINATE).count();
        if (open > 0) {
            out.println(open + " regime(s) need more facts to decide; see 'why'.");
        }
        out.flush();
    }
}
