package org.computegov.registry.usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.computegov.knowledge.InvalidInputException;

/**
 * Throughput of reading sacct output into usage records with FLOP, in memory, against a same-run baseline that
 * only reads the lines and splits them on {@code |}. Not a test: run it with
 *
 * <pre>
 * mvn -B -q -pl registry -am test -Dtest=UsageBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dusage.bench=true
 * </pre>
 *
 * (system properties {@code usage.bench.lines}, {@code usage.bench.rounds} change the size), or as a main with the
 * test classpath. Each mode runs {@code warmup} rounds, then {@code rounds} measured rounds over the same text; the
 * median round is reported.
 */
public final class UsageBenchmark {

    /** Reads the lines and splits each on '|' into at most 26 fields: the floor any parser pays. */
    static long baseline(String text) throws IOException {
        long sum = 0;
        BufferedReader in = new BufferedReader(new StringReader(text));
        String line;
        while ((line = in.readLine()) != null) {
            String[] fields = line.split("\\|", SacctParser.FIELD_COUNT);
            sum += fields.length + fields[fields.length - 1].length();
        }
        return sum;
    }

    /** Result of one parse-and-attribute round: records and the FLOP they add up to (kept so the JIT keeps it all). */
    record Round(int records, double flop, long ids) {}

    static Round parseAndAttribute(SacctParser parser, UsageCompute compute, String text, boolean ids)
            throws InvalidInputException {
        ParsedUsage parsed = parser.parse(text);
        if (!parsed.ok()) {
            throw new IllegalStateException("benchmark input has problems: " + parsed.problems().get(0).describe());
        }
        double flop = 0;
        long idBits = 0;
        for (UsageRecord r : parsed.records()) {
            flop += compute.attribute(r).flop();
            if (ids) {
                idBits += r.recordId().charAt(0);
            }
        }
        return new Round(parsed.records().size(), flop, idBits);
    }

    public static void main(String[] args) throws Exception {
        int lines = Integer.getInteger("usage.bench.lines", 200_000);
        int rounds = Integer.getInteger("usage.bench.rounds", 10);
        int warmup = Integer.getInteger("usage.bench.warmup", 5);
        System.out.println(run(lines, warmup, rounds));
    }

    static String run(int lines, int warmup, int rounds) throws Exception {
        SacctWorkload.Workload w = SacctWorkload.generate(lines, 42);
        SacctParser parser = Samples.parser(SacctOptions.of("acme-cloud", ZoneOffset.UTC).withDefaultChip("sol", "A100"));
        UsageCompute compute = new UsageCompute(Samples.CATALOG);
        int records = parseAndAttribute(parser, compute, w.text(), false).records();
        if (records != w.expectedRecords()) {
            throw new IllegalStateException("expected " + w.expectedRecords() + " records, got " + records);
        }
        List<UsageRecord> parsedOnce = parser.parse(w.text()).records();
        interface Phase {
            long run() throws Exception;
        }
        Phase[] phases = {
            () -> baseline(w.text()),
            () -> parser.parse(w.text()).records().size(),
            () -> (long) (parseAndAttribute(parser, compute, w.text(), false).flop() / 1e20),
            () -> parseAndAttribute(parser, compute, w.text(), true).ids(),
            () -> {
                double flop = 0;
                for (UsageRecord record : parsedOnce) {
                    flop += compute.attribute(record).flop();
                }
                return (long) (flop / 1e20);
            }
        };
        long[][] times = new long[phases.length][rounds];
        long sink = 0;
        for (int r = -warmup; r < rounds; r++) {
            // Rotate the order so that no phase always pays for the garbage of the same predecessor.
            for (int k = 0; k < phases.length; k++) {
                int p = Math.floorMod(r + k, phases.length);
                long t0 = System.nanoTime();
                sink += phases[p].run();
                long t1 = System.nanoTime();
                if (r >= 0) {
                    times[p][r] = t1 - t0;
                }
            }
        }
        long[] base = times[0];
        long[] parse = times[1];
        long[] attributed = times[2];
        long[] withIds = times[3];
        long[] attributeOnly = times[4];
        long b = median(base);
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "usage benchmark: %,d sacct lines (%,d bytes) -> %,d records; median of %d"
                + " rounds after %d warm-up; JDK %s, %d cores (sink %d)", lines, w.text().length(), records, rounds,
                warmup, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), sink % 10));
        out.add(row("baseline: read lines + split on '|'", b, lines, records, b));
        out.add(row("parse (SacctParser)", median(parse), lines, records, b));
        out.add(row("parse + attribute (UsageRecord + FLOP)", median(attributed), lines, records, b));
        out.add(row("parse + attribute + record id (SHA-256)", median(withIds), lines, records, b));
        out.add(row("attribute only (records parsed before)", median(attributeOnly), lines, records, b));
        return String.join("\n", out);
    }

    private static String row(String what, long nanos, int lines, int records, long baseline) {
        double s = nanos / 1e9;
        return String.format(Locale.ROOT, "  %-42s %8.1f ms  %,12.0f lines/s  %,12.0f records/s  %5.2f× baseline time",
                what, nanos / 1e6, lines / s, records / s, (double) nanos / baseline);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
