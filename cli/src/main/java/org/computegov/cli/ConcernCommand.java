package org.computegov.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.computegov.api.ShapingApi;
import org.computegov.knowledge.thresholds.RegimeFinding;
import org.computegov.shaping.concern.ActorAssessment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgov concern}: who could cross a threshold within a window, from holdings. */
@Command(name = "concern", mixinStandardHelpOptions = true,
        description = {"Actors of concern: the compute each could apply to one run within DAYS at a utilization, "
                + "and which thresholds that would cross; with the chips of a reference type each threshold takes."})
final class ConcernCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KnowledgeOptions knowledge;
    @Mixin JsonOption json;
    @Option(names = "--within", required = true, paramLabel = "DAYS", description = "The window for one run, in days, e.g. 90.") String within;
    @Option(names = "--utilization", paramLabel = "U", description = "Fraction of dense FP16 peak a run sustains (default 0.4).") String utilization;
    @Option(names = "--holdings", paramLabel = "FILE", description = "Declared holdings, CSV: owner,site,country,chip,count[,network_gbps].") Path holdings;
    @Option(names = "--chip", paramLabel = "NAME", description = "Reference chip for 'chips needed' (default A100).") String chip;
    @Option(names = "--date", paramLabel = "DATE", description = "Regimes as in force on this date (default today).") String date;
    @Option(names = "--all", description = "List every owner, not only those that could cross a threshold.") boolean all;
    @Option(names = "--registry", description = "Assess the holdings registered in the registry (a regulator's read; --url, --key) instead of --holdings.") boolean fromRegistry;
    @Mixin RegistryConnection registry;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (fromRegistry) {
            if (holdings != null) {
                throw new org.computegov.knowledge.InvalidInputException("--registry", "Give --registry or --holdings, not both.", "");
            }
            knowledge.shaping().reach(chip, within, utilization, date); // checks the inputs before asking the server
            String q = "/api/v1/registry/concern?within=" + RegistryCommands.enc(within)
                    + (utilization == null ? "" : "&utilization=" + RegistryCommands.enc(utilization))
                    + (date == null ? "" : "&date=" + RegistryCommands.enc(date)) + (all ? "&all=true" : "");
            var answer = registry.get(q);
            var actors = org.computegov.api.Json.mapper().convertValue(answer.get("actors"),
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.List<ActorAssessment>>() {});
            ShapingApi.Concern reach = knowledge.shaping().concern(java.util.List.of(), within, utilization, date, chip, all);
            return print(out, new ShapingApi.Concern(reach.days(), reach.utilization(), reach.date(), reach.referenceChip(),
                    reach.chipsNeeded(), actors), "the registry");
        }
        ShapingApi.Concern c = knowledge.shaping().concern(holdings, within, utilization, date, chip, all);
        return print(out, c, holdings == null ? null : holdings.toString());
    }

    private Integer print(PrintWriter out, ShapingApi.Concern c, String source) {
        if (json.printed(out, c)) {
            return 0;
        }
        String window = Format.num(c.days()) + " days at " + Math.round(c.utilization() * 100) + "% of dense FP16 peak";
        out.println("Training-compute thresholds in force on " + c.date() + ", in " + c.referenceChip() + "s for one run of "
                + window + ":");
        Table reach = new Table("regime", "chips needed").alignRight(1);
        for (Map.Entry<String, Double> e : c.chipsNeeded().entrySet()) {
            reach.row(e.getKey(), String.format(Locale.ROOT, "%,.0f", Math.ceil(e.getValue())));
        }
        reach.print(out);
        if (source == null) {
            out.flush();
            return 0;
        }
        out.println();
        if (c.actors().isEmpty()) {
            out.println("No owner in " + source + " could cross a threshold within " + window + ".");
            out.flush();
            return 0;
        }
        Table t = new Table("owner", "chips", "peak FLOP/s", "FLOP in window", "largest site", "could cross", "clusters")
                .alignRight(1, 2, 3);
        for (ActorAssessment a : c.actors()) {
            t.row(a.owner(), String.format(Locale.ROOT, "%,d", a.holdings().chipCount()), Format.sci(a.holdings().peakTrainingFlops()),
                    Format.sci(a.achievableFlop()), a.largestSite() + " (" + Format.sci(a.largestSiteFlop()) + ")",
                    crossable(a),
                    a.clusters().stream().map(s -> s.site() + ": " + s.crossed().stream().map(RegimeFinding::regime)
                            .collect(Collectors.joining(","))).collect(Collectors.joining("; ")));
        }
        t.print(out);
        out.println("'could cross' lists regimes in force on " + c.date() + " (--json has all). FLOP in window pools every site;"
                + " one run on the largest site alone is shown beside it.");
        out.flush();
        return 0;
    }

    private static String crossable(ActorAssessment a) {
        String inForce = a.crossable().stream().filter(RegimeFinding::inForce).map(RegimeFinding::regime)
                .collect(Collectors.joining(","));
        long others = a.crossable().stream().filter(f -> !f.inForce()).count();
        return inForce + (others == 0 ? "" : " (+" + others + " not in force)");
    }
}
