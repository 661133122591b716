package org.computegov.registry.screening;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of fuzzy screening against a 12,000-entry list (OFAC SDN with aliases and addresses, the CSL sample,
 * the bundled synthetic list, padded with generated fictitious entries), single thread, against a same-run
 * baseline: exact lookup of the normalized name ({@link ScreeningIndex#exactMatches}).
 * Queries: the evaluation set (name variants of real entries and names on no list), in a fixed order.
 */
public final class ScreeningBenchmark {
    record Figures(int entries, int names, int queries, double fuzzyQps, double exactQps, double p50Micros, double p99Micros,
                   double buildMillis) {
        double ratio() {
            return fuzzyQps / exactQps;
        }
    }

    private ScreeningBenchmark() {
    }

    static Figures run(double seconds, int iterations) {
        ScreeningIndex index = TestLists.twelveKIndex();
        long b0 = System.nanoTime();
        ScreeningIndex.build(index.list());
        double buildMillis = (System.nanoTime() - b0) / 1e6;
        List<String> queries = TestLists.queries(EvaluationSet.build(TestLists.realIndex(), 300, 800, 300, 42));
        ScreeningOptions opts = ScreeningOptions.defaults();
        // warm-up
        timed(index, queries, opts, Math.max(1, seconds / 2), true);
        timed(index, queries, opts, Math.max(1, seconds / 2), false);
        double[] fuzzy = new double[iterations];
        double[] exact = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            fuzzy[i] = timed(index, queries, opts, seconds, true);
            exact[i] = timed(index, queries, opts, seconds, false);
        }
        long[] lat = new long[queries.size()];
        for (int i = 0; i < lat.length; i++) {
            long t0 = System.nanoTime();
            index.screen(ScreeningQuery.of(queries.get(i)), opts);
            lat[i] = System.nanoTime() - t0;
        }
        Arrays.sort(lat);
        return new Figures(index.list().size(), index.nameCount(), queries.size(), median(fuzzy), median(exact),
                lat[lat.length / 2] / 1e3, lat[(int) (lat.length * 0.99)] / 1e3, buildMillis);
    }

    static volatile int sink;

    /** Queries per second over at least {@code seconds} (whole passes over the queries). */
    private static double timed(ScreeningIndex index, List<String> queries, ScreeningOptions opts, double seconds, boolean fuzzy) {
        long n = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        int acc = 0;
        do {
            for (String q : queries) {
                acc += fuzzy ? index.screen(ScreeningQuery.of(q), opts).size() : index.exactMatches(q).size();
            }
            n += queries.size();
        } while (System.nanoTime() < end);
        sink = acc;
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static String format(Figures f) {
        return String.format(Locale.ROOT, "list: %d entries, %d indexed names, index built in %.0f ms; %d queries (evaluation set), 1 thread%n"
                        + "fuzzy screen: %.0f queries/s (p50 %.0f µs, p99 %.0f µs)%n"
                        + "exact lookup baseline: %.0f queries/s%n"
                        + "fuzzy/exact ratio: %.3f (exact is %.0f× faster)%n",
                f.entries(), f.names(), f.buildMillis(), f.queries(), f.fuzzyQps(), f.p50Micros(), f.p99Micros(), f.exactQps(), f.ratio(), 1 / f.ratio());
    }

    /** {@code ScreeningBenchmark [seconds-per-iteration [iterations]]}: prints the figures. */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.print(format(run(seconds, iterations)));
    }
}
