package org.computegov.registry.usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
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
    private static final DateTimeFormatter SLURM = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final int[] GPU_COUNTS = {1, 2, 4, 8, 8, 8, 16, 32, 64};

    /** What the generated lines should give, so that a run can check it measured the real path. */
    record Workload(String text, int lines, int expectedRecords) {}

    /**
     * Lines like a GPU cluster's {@code sacct --allocations} export: 70% jobs with typed GPUs, 10% untyped GPUs, 5%
     * folded arrays of 4 tasks, 8% CPU-only, 3% still running, 4% cancelled by a user; some job names contain '|'.
     */
    static Workload workload(int lines, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(lines * 260);
        LocalDateTime day = LocalDateTime.of(2025, 3, 3, 0, 0);
        int expected = 0;
        for (int i = 0; i < lines; i++) {
            int jobId = 5_000_000 + i;
            int kind = random.nextInt(100);
            int gpus = GPU_COUNTS[random.nextInt(GPU_COUNTS.length)];
            LocalDateTime submit = day.plusSeconds(random.nextInt(86_400));
            LocalDateTime start = submit.plusSeconds(random.nextInt(3_600));
            long seconds = 60 + random.nextInt(48 * 3_600);
            LocalDateTime end = start.plusSeconds(seconds);
            String id = String.valueOf(jobId);
            String state = "COMPLETED";
            String endText = SLURM.format(end);
            String tres;
            int nodes = Math.max(1, gpus / 8);
            int cpus = 8 * gpus;
            if (kind < 70) {
                tres = "billing=" + cpus + ",cpu=" + cpus + ",gres/gpu:h100=" + gpus + ",gres/gpu=" + gpus + ",mem="
                        + (gpus * 60) + "G,node=" + nodes;
                expected++;
            } else if (kind < 80) {
                tres = "billing=" + cpus + ",cpu=" + cpus + ",gres/gpu=" + gpus + ",mem=" + (gpus * 60) + "G,node="
                        + nodes;
                expected++;
            } else if (kind < 85) {
                id = jobId + "_[1-3,5]";
                tres = "billing=16,cpu=16,gres/gpu:h100=1,gres/gpu=1,mem=120G,node=1";
                expected += 4;
            } else if (kind < 93) {
                tres = "billing=" + cpus + ",cpu=" + cpus + ",mem=" + (cpus * 2) + "G,node=1";
            } else if (kind < 96) {
                state = "RUNNING";
                endText = "Unknown";
                tres = "billing=" + cpus + ",cpu=" + cpus + ",gres/gpu:h100=" + gpus + ",gres/gpu=" + gpus
                        + ",mem=500G,node=" + nodes;
            } else {
                state = "CANCELLED by " + (102_000 + random.nextInt(500));
                tres = "billing=" + cpus + ",cpu=" + cpus + ",gres/gpu:h100=" + gpus + ",gres/gpu=" + gpus
                        + ",mem=500G,node=" + nodes;
                expected++;
            }
            String account = "lab-" + (char) ('a' + random.nextInt(20));
            String user = "user" + random.nextInt(2_000);
            String name = random.nextInt(50) == 0 ? "eval|mmlu|" + random.nextInt(10) : "train-" + random.nextInt(1_000);
            sb.append(id).append('|').append(jobId).append("|sol|gpu|normal|").append(account).append('|')
                    .append(account).append("|20000|").append(user).append("|1").append(random.nextInt(100_000))
                    .append('|').append(SLURM.format(submit)).append('|').append(SLURM.format(submit)).append('|')
                    .append(SLURM.format(start)).append('|').append(endText).append('|').append(elapsed(seconds))
                    .append("|0:0|").append(state).append('|').append(nodes).append('|').append(cpus).append('|')
                    .append(cpus).append('|').append(gpus * 60).append("G|billing=").append(cpus).append(",cpu=")
                    .append(cpus).append(",gres/gpu=").append(gpus).append(",mem=").append(gpus * 60).append("G,node=")
                    .append(nodes).append('|').append(tres).append("|2-00:00:00|sol-gpu[001-")
                    .append(String.format(Locale.ROOT, "%03d", nodes)).append("]|").append(name).append('\n');
        }
        return new Workload(sb.toString(), lines, expected);
    }

    private static String elapsed(long seconds) {
        long d = seconds / 86_400;
        long h = (seconds % 86_400) / 3_600;
        long m = (seconds % 3_600) / 60;
        long s = seconds % 60;
        return (d > 0 ? d + "-" : "") + String.format(Locale.ROOT, "%02d:%02d:%02d", h, m, s);
    }

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
        Workload w = workload(lines, 42);
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
