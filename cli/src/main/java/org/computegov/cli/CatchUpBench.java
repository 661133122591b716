package org.computegov.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.client.RegistryClient;
import org.computegov.registry.kernel.Registry;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cgov bench catch-up}: issue 12's slow paths that an attacker with a raw-log key (or a busy log) could lean
 * on. Many raw entries are appended, then the server restarts: its start and first registry write are timed against
 * a second restart and steady writes of the same kind (the same-run baselines); then {@code registry replay} runs
 * while a writer keeps writing, and the writer's latencies during the replay are set against its steady ones.
 */
@Command(name = "catch-up", mixinStandardHelpOptions = true, description = {
        "Restart and first registry write after many raw log entries; registry replay while a writer writes.",
        "Each beside a same-run baseline: a restart with nothing to catch up, steady writes with no replay."})
final class CatchUpBench implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--entries", paramLabel = "N", defaultValue = "22000", description = "Raw log entries to append (default ${DEFAULT-VALUE}, the figure of issue 12).") int entries;
    @Option(names = "--writes", paramLabel = "N", defaultValue = "30", description = "Steady registry writes timed for the baseline (default ${DEFAULT-VALUE}).") int writes;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the benchmark's database lives (default: a new temporary directory).") Path dataDir;
    @Option(names = "--json", description = "Print the figures as JSON.") boolean json;

    private static final String ORIGIN = "bench.computegov/log";

    @Override
    public Integer call() throws Exception {
        if (entries < 1 || entries > 10_000_000 || writes < 3 || writes > 10_000) {
            throw new InvalidInputException("--entries", "Need 1 <= --entries <= 10000000 and 3 <= --writes <= 10000.",
                    "e.g. --entries 22000 --writes 30");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr(); // progress, so --json prints JSON alone
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("cgov-bench-catch-up");
        Ed25519PrivateKey rawKey = Ed25519PrivateKey.generate();
        Path pem = dir.resolve("raw-submitter.pem");
        Files.writeString(pem, PemKeys.toPem(rawKey.publicKey()));
        ServerOptions options = new ServerOptions(0, dir.resolve("data"), null, null, null, false, null, null,
                new LogOptions(ORIGIN, List.of(pem), List.of(), 0));

        Ed25519DsseSigner signer = new Ed25519DsseSigner("raw", rawKey);
        byte[][] raw = new byte[entries][];
        IntStream.range(0, entries).parallel().forEach(i -> raw[i] = Dsse.sign("application/vnd.in-toto+json",
                rawStatement(i).getBytes(StandardCharsets.UTF_8), List.of(signer)).toJson());
        long appendNanos;
        try (CgovServer server = CgovServer.start(options, Clock.systemUTC())) {
            Writer w = new Writer(server, dir);
            w.write(); // the registry's first statement, before the raw entries
            progress(err, "appending %,d raw entries…", entries);
            long t0 = System.nanoTime();
            for (int from = 0; from < entries; from += 1000) {
                server.log().submitAll(Arrays.asList(raw).subList(from, Math.min(entries, from + 1000)));
            }
            appendNanos = System.nanoTime() - t0;
        }

        progress(err, "restarting over them…");
        long t1 = System.nanoTime();
        double restartS;
        double firstWriteMs;
        double[] steady;
        double restartAgainS;
        Registry.ReplayReport report;
        double replayS;
        double[] duringReplay;
        try (CgovServer server = CgovServer.start(options, Clock.systemUTC())) {
            restartS = (System.nanoTime() - t1) / 1e9;
            Writer w = new Writer(server, dir);
            firstWriteMs = w.write();
            steady = new double[writes];
            for (int i = 0; i < writes; i++) {
                steady[i] = w.write();
            }
        }
        progress(err, "restarting with nothing to catch up (baseline)…");
        long t2 = System.nanoTime();
        try (CgovServer server = CgovServer.start(options, Clock.systemUTC())) {
            restartAgainS = (System.nanoTime() - t2) / 1e9;
            Writer w = new Writer(server, dir);
            w.write();
            progress(err, "registry replay of %,d entries while a writer writes…", server.log().state().size());
            AtomicBoolean replaying = new AtomicBoolean(true);
            List<Double> latencies = new ArrayList<>();
            AtomicInteger failures = new AtomicInteger();
            Thread writer = new Thread(() -> {
                while (replaying.get()) {
                    try {
                        double ms = w.write();
                        synchronized (latencies) {
                            latencies.add(ms);
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            }, "bench-writer");
            long t3 = System.nanoTime();
            writer.start();
            try {
                report = server.registry().replay();
            } finally {
                replaying.set(false);
                writer.join();
            }
            replayS = (System.nanoTime() - t3) / 1e9;
            synchronized (latencies) {
                duringReplay = latencies.stream().mapToDouble(Double::doubleValue).toArray();
            }
            if (failures.get() > 0) {
                throw new CommandFailure(failures.get() + " writes failed during the replay");
            }
        }
        if (!report.equal()) {
            throw new CommandFailure("the replay differs from the live registry: " + report.tables());
        }
        Arrays.sort(steady);
        Arrays.sort(duringReplay);
        double steadyP50 = at(steady, 0.5);
        double replayMax = duringReplay.length == 0 ? Double.NaN : duringReplay[duringReplay.length - 1];
        if (json) {
            var o = org.computegov.registry.kernel.Json.object();
            o.put("entries", entries).put("appendSeconds", appendNanos / 1e9).put("restartSeconds", restartS)
                    .put("restartWithoutCatchUpSeconds", restartAgainS).put("firstWriteMs", firstWriteMs)
                    .put("steadyWriteP50Ms", steadyP50).put("steadyWriteMaxMs", steady[steady.length - 1])
                    .put("replaySeconds", replayS).put("replayLogSize", report.logSize())
                    .put("writesDuringReplay", duringReplay.length).put("writeP50DuringReplayMs", at(duringReplay, 0.5))
                    .put("writeMaxDuringReplayMs", replayMax).put("replayEqual", report.equal());
            out.println(org.computegov.registry.kernel.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            return 0;
        }
        out.printf(Locale.ROOT, "%,d raw entries appended in %.1f s (%,.0f /s)%n", entries, appendNanos / 1e9,
                entries / (appendNanos / 1e9));
        out.printf(Locale.ROOT, "restart over them: %.2f s; again with nothing to catch up: %.2f s (%.2f×)%n",
                restartS, restartAgainS, restartS / restartAgainS);
        out.printf(Locale.ROOT, "first registry write after the restart: %.1f ms; steady writes p50 %.1f ms, max %.1f ms (%.1f×)%n",
                firstWriteMs, steadyP50, steady[steady.length - 1], firstWriteMs / steadyP50);
        out.printf(Locale.ROOT, "registry replay of %,d entries: %.2f s, equal to the live registry%n", report.logSize(), replayS);
        out.printf(Locale.ROOT, "a writer during it: %d writes, p50 %.1f ms, max %.1f ms (%.1f× the steady p50; the longest wait"
                + " is the writer's lock held for the tail and the comparison)%n", duringReplay.length,
                at(duringReplay, 0.5), replayMax, replayMax / steadyP50);
        return 0;
    }

    private static void progress(PrintWriter out, String format, Object... args) {
        if (out != null) {
            out.printf(Locale.ROOT, format + "%n", args);
            out.flush();
        }
    }

    private static double at(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    private static String rawStatement(int n) {
        return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"raw-" + n + "\",\"digest\":{\"sha256\":\""
                + "%064x".formatted(n) + "\"}}],\"predicateType\":\"https://computegov.org/attestation/bench/v1\","
                + "\"predicate\":{\"n\":" + n + "}}";
    }

    /** The regulator registering new actors over HTTP, one signed statement per write; returns each write's ms. */
    private static final class Writer {
        private static final AtomicInteger NEXT = new AtomicInteger();
        private final StatementWriter regulator;
        private final RegistryClient client;

        Writer(CgovServer server, Path dir) throws Exception {
            SignerKey root = KeyFiles.readSignerKey(dir.resolve("data").resolve("regulator.key"));
            regulator = new StatementWriter(root, "regulator", Clock.systemUTC());
            client = new RegistryClient(URI.create("http://localhost:" + server.port()), null, Clock.systemUTC());
        }

        double write() throws Exception {
            String id = "bench-actor-" + NEXT.incrementAndGet() + "-" + System.nanoTime();
            var p = regulator.predicate();
            var a = p.putObject("actor");
            a.put("id", id).put("name", "Benchmark Actor " + id).put("jurisdiction", "US");
            a.putArray("roles").add("compute-provider");
            a.putArray("keys").add(SignerKey.generate(id + "/main").verifierKey().encode());
            var statement = regulator.publicStatement("actor", "actor:" + id, p, null, null);
            long t0 = System.nanoTime();
            var answer = client.submit(statement);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (!answer.ok()) {
                throw new CommandFailure("the registry refused a benchmark actor: " + answer.body());
            }
            return ms;
        }
    }
}
