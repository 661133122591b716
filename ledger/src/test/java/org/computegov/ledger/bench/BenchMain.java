package org.computegov.ledger.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link LedgerBenchmark} with short, fixed settings suited to a 2-core machine. Pass a regex
 * to select benchmarks. See ledger/README.md for the command line.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws RunnerException {
        Options opt = new OptionsBuilder()
                .include(LedgerBenchmark.class.getSimpleName() + "\\." + (args.length > 0 ? ".*" + args[0] + ".*" : ""))
                .forks(1)
                .threads(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx2g")
                .build();
        new Runner(opt).run();
    }
}
