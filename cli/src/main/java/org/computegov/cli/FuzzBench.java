package org.computegov.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cgov bench fuzz}: mutation fuzzing of every parser of outside bytes for a given time, split evenly between
 * them; reports cases per second and findings (an exception other than the parser's documented one). Exit 1 when
 * anything was found.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz the parsers of outside bytes (envelopes, notes, checkpoints, tiles, sacct, CSL, OFAC, KYC,"
                + " usage and run JSON, HTTP signature headers); cases/s and findings.")
final class FuzzBench implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--seconds", paramLabel = "SECONDS", defaultValue = "60", description = "Total fuzzing time, split between parsers (default ${DEFAULT-VALUE}).") int seconds;
    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the mutations, to reproduce a run (default ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--json", description = "Print the tallies as JSON.") boolean json;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 86_400) {
            throw new InvalidInputException("--seconds", "Give --seconds 1..86400.", "e.g. --seconds 60");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Fuzz.Target> targets = Fuzz.targets();
        long perTarget = seconds * 1_000_000_000L / targets.size();
        List<Fuzz.Tally> tallies = Fuzz.fuzz(targets, seed, perTarget, Long.MAX_VALUE);
        long findings = tallies.stream().mapToLong(t -> t.findings().size()).sum();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ArrayNode a = m.createArrayNode();
            for (Fuzz.Tally t : tallies) {
                var o = a.addObject().put("parser", t.target()).put("cases", t.cases())
                        .put("casesPerSecond", t.cases() / (perTarget / 1e9));
                var f = o.putArray("findings");
                t.findings().forEach(x -> f.addObject().put("exception", x.exception())
                        .put("inputHex", HexFormat.of().formatHex(x.input(), 0, Math.min(x.input().length, 4096))));
            }
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(a));
        } else {
            out.printf(Locale.ROOT, "%-22s %12s %12s %9s%n", "parser", "cases", "cases/s", "findings");
            for (Fuzz.Tally t : tallies) {
                out.printf(Locale.ROOT, "%-22s %12d %12.0f %9d%n", t.target(), t.cases(), t.cases() / (perTarget / 1e9),
                        t.findings().size());
                t.findings().stream().map(Fuzz.Finding::exception).distinct().limit(5)
                        .forEach(e -> out.println("    " + (e.length() > 200 ? e.substring(0, 200) : e)));
            }
            out.printf(Locale.ROOT, "seed %d, %d s: %d findings%n", seed, seconds, findings);
        }
        out.flush();
        return findings == 0 ? 0 : 1;
    }
}
