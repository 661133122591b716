package org.computegov.cli;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.computegov.ledger.bundle.Bundle;
import org.computegov.ledger.bundle.BundleVerifier;
import org.computegov.ledger.bundle.StatusStatement;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.intoto.Subject;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.merkle.CompactRange;
import org.computegov.ledger.merkle.InMemoryHashStore;
import org.computegov.ledger.merkle.ProofBuilder;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.ledger.note.VerifierSet;
import org.computegov.licensing.admission.Admission;
import org.computegov.licensing.admission.AdmissionPolicy;
import org.computegov.licensing.admission.ComputeRate;
import org.computegov.licensing.admission.Licence;
import org.computegov.licensing.admission.LicenceBook;
import org.computegov.licensing.budget.Tranche;
import org.computegov.licensing.service.AdmissionHttpServer;
import org.computegov.licensing.service.AdmissionService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cgov bench admission}: (1) admission decisions over HTTP on loopback at a fixed request rate, open loop
 * (latency counted from each request's scheduled send time, so a stall is not hidden by sending later), beside
 * {@code GET /health} at the same rate in the same run as the floor; (2) offline bundle verification on one thread,
 * cold (every signature verified) and warm (signatures remembered), beside raw Ed25519 verification on that thread.
 */
@Command(name = "admission", mixinStandardHelpOptions = true,
        description = "Admission over HTTP (p50/p99 at a fixed rate, /health as the floor) and offline bundle verification per core.")
final class AdmissionBench implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(paramLabel = "PER_S", names = "--rate", defaultValue = "1000", description = "Requests per second (default ${DEFAULT-VALUE}).") int rate;
    @Option(paramLabel = "N", names = "--seconds", defaultValue = "20", description = "Length of each measured phase (default ${DEFAULT-VALUE}).") int seconds;
    @Option(paramLabel = "N", names = "--connections", defaultValue = "32",
            description = "Most requests in flight, each on its own kept-alive connection; a request waiting for one keeps its due time (default ${DEFAULT-VALUE}).")
    int connections;
    @Option(names = "--json", description = "Print the figures as JSON.") boolean json;
    @Option(paramLabel = "LIST", names = "--clients", defaultValue = "raw,jdk", split = ",",
            description = "Load generators, each measured with both routes: raw (HTTP/1.1 on blocking sockets, one wake-up per response) "
                    + "and jdk (the JDK's async HttpClient) (default ${DEFAULT-VALUE}).")
    List<String> clients;
    @Option(paramLabel = "URL", names = "--server",
            description = "Measure an admission server already running (e.g. `cgov bench admission --serve 8089` in another JVM) instead of one in this JVM.")
    URI server;
    @Option(paramLabel = "PORT", names = "--serve",
            description = "Only run the bench's admission server (licence L-BENCH) on 127.0.0.1:PORT until stopped, for --server in another JVM.")
    Integer serve;
    @Option(names = "--no-bundles", description = "Skip the offline bundle verification part.") boolean noBundles;
    @Option(paramLabel = "N", names = "--max-warm-up", defaultValue = "60",
            description = "Most seconds of unmeasured warm-up after the ramp, waiting for the JIT to go quiet (default ${DEFAULT-VALUE}).")
    int maxWarmUp;
    @Option(paramLabel = "URL", names = "--registry",
            description = "Measure the registry's own decide route (`cgov serve`, RFC 9421-signed, a hold row committed per allow) instead of "
                    + "the provider-side admission server; needs --key of a compute provider. Use a throwaway demo server: every allow holds budget.")
    URI registry;
    @Option(paramLabel = "FILE", names = "--key", description = "With --registry: the compute provider's signer key (e.g. data/demo-keys/cloud-a.key).")
    java.nio.file.Path key;
    @Option(paramLabel = "ID", names = "--licence", defaultValue = "L-DEMO-1",
            description = "With --registry: the licence each job names; jobs are 1 H100 for 1 minute (default ${DEFAULT-VALUE}).")
    String licence;

    /** The target for admission decisions at the 99th percentile, in milliseconds. */
    static final double TARGET_P99_MS = 2.0;

    /** The interleaved slices' length: health and decide alternate so both meet the same machine. */
    static final double SLICE_SECONDS = 2.0;

    private static String registryDecideBody(String provider, String licence, String jobRef) {
        return "{\"provider\":\"" + provider + "\",\"cluster\":\"bench\",\"account\":\"bench\",\"licence\":\"" + licence
                + "\",\"chip\":\"H100\",\"chips\":1,\"timeLimitMinutes\":1,\"jobRef\":\"" + jobRef + "\"}";
    }

    private static String decideBody(String jobRef) {
        return "{\"provider\":\"bench\",\"cluster\":\"c1\",\"account\":\"a\",\"licence\":\"L-BENCH\",\"chip\":\"H100\","
                + "\"chips\":8,\"timeLimitMinutes\":600,\"jobRef\":\"" + jobRef + "\"}";
    }

    private record Pair(String client, OpenLoop.Phase health, OpenLoop.Phase decide) {}

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (rate < 1 || rate > 100_000 || seconds < 1 || seconds > 3600 || connections < 1 || connections > 10_000 || maxWarmUp < 0 || maxWarmUp > 600
                || clients.isEmpty() || !List.of("raw", "jdk").containsAll(clients)) {
            err.println("cgov bench admission: --rate must be in [1, 100000], --seconds in [1, 3600], --connections in [1, 10000], --max-warm-up in [0, 600]"
                    + " and --clients a list of raw and jdk");
            return Cgov.BAD_INPUT;
        }
        if ((registry == null) != (key == null) || registry != null && (server != null || serve != null)) {
            err.println("cgov bench admission: --registry and --key go together (a compute provider's key), and not with --server or --serve."
                    + " Example: cgov bench admission --registry http://127.0.0.1:8080 --key data/demo-keys/cloud-a.key");
            return Cgov.BAD_INPUT;
        }
        org.computegov.registry.client.RequestSigner signer = null;
        String provider = "bench";
        if (registry != null) {
            org.computegov.ledger.keys.SignerKey k;
            try {
                k = org.computegov.ledger.keys.SignerKey.parse(Inputs.readText(key, "--key", "signer key").strip());
                provider = RegistryConnection.actorOf(k);
            } catch (org.computegov.knowledge.InvalidInputException | IllegalArgumentException e) {
                err.println("cgov bench admission: --key " + key + " is not a signer key: " + e.getMessage());
                return Cgov.BAD_INPUT;
            }
            signer = new org.computegov.registry.client.RequestSigner(k, Clock.systemUTC());
            if (connections > 16) {
                // The registry lets one client address have 16 requests in progress (docs/SECURITY.md); more would be 429s.
                connections = 16;
            }
            clients = List.of("raw");
        }
        ComputeRate computeRate = ComputeRate.builtIn();
        LicenceBook book = new LicenceBook();
        book.add(new Licence("L-BENCH", "bench-lab", "bench-run", List.of(new Tranche(1, java.math.BigInteger.TEN.pow(30), "")),
                Set.of("bench/c1"), Set.of(), Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), List.of()), 1);
        AdmissionService service = new AdmissionService(new Admission(book, computeRate, AdmissionPolicy.defaults(),
                Clock.systemUTC()), book);
        if (serve != null) {
            // Until SIGTERM or Ctrl-C: the shutdown hook wakes this thread and waits while the server closes.
            java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                main.interrupt();
                try {
                    closed.await(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-admission-stop"));
            try (AdmissionHttpServer s = new AdmissionHttpServer(new InetSocketAddress("127.0.0.1", serve), service, book)) {
                err.printf(Locale.ROOT, "cgov bench admission: serving licence L-BENCH on http://127.0.0.1:%d until stopped%n", s.port());
                err.flush();
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException stopping) {
                // the shutdown hook: the server is closed by now
            } finally {
                closed.countDown();
            }
            return 0;
        }
        String startLoad = OpenLoop.loadAverage();
        double warmSeconds;
        List<Pair> pairs = new java.util.ArrayList<>();
        double[] inProcess = null;
        AdmissionHttpServer local = server == null && registry == null
                ? new AdmissionHttpServer(new InetSocketAddress("127.0.0.1", 0), service, book) : null;
        URI base = registry != null ? registry : server != null ? server : URI.create("http://127.0.0.1:" + local.port());
        HttpClient jdkClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger n = new AtomicInteger();
        // Job references must differ between runs against one server (a settled reference is refused).
        String run = Long.toString(System.currentTimeMillis(), 36);
        String who = provider;
        java.util.Queue<String> admitted = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.function.IntFunction<String> body = registry != null
                ? i -> registryDecideBody(who, licence, "bench-" + run + "-j" + n.incrementAndGet())
                : i -> {
                    String ref = run + "-j" + n.incrementAndGet();
                    admitted.add(ref);
                    return decideBody(ref);
                };
        // Jobs finish: between slices (not measured) the provider-side server is told that the jobs admitted so far
        // ran 30 s, through its usage route, as cgov-slurm-collect would. Without it every hold stays in memory for
        // the whole run and each young GC copies the ever larger set of live holds (tens of ms on these cores), which
        // is not what a server whose jobs settle looks like. The registry's jobs are not settled (--registry).
        URI usageUri = base.resolve("/api/v1/admission/usage?provider=bench&cluster=c1");
        Runnable settle = registry != null ? () -> { } : () -> {
            StringBuilder sacct = new StringBuilder("JobID|WCKey|Elapsed|State\n");
            int jobs = 0;
            for (String ref; (ref = admitted.poll()) != null; jobs++) {
                sacct.append(jobs + 1).append("|cgov-").append(ref).append("|00:00:30|COMPLETED\n");
            }
            if (jobs > 0) {
                try {
                    var r = jdkClient.send(HttpRequest.newBuilder(usageUri).POST(HttpRequest.BodyPublishers.ofString(sacct.toString())).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("settling the bench's jobs failed: " + r.statusCode() + " " + r.body());
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        org.computegov.registry.client.RequestSigner sign = signer;
        URI decideUri = base.resolve("/api/v1/admission/decide");
        java.util.function.Function<byte[], String> headers = sign == null ? b -> "" : b -> {
            String digest = org.computegov.ledger.httpsig.ContentDigest.of(b);
            org.computegov.ledger.httpsig.SignatureHeaders h = sign.headers("POST", decideUri, digest);
            return "Content-Digest: " + digest + "\r\nSignature-Input: " + h.signatureInput() + "\r\nSignature: " + h.signature() + "\r\n";
        };
        try (OpenLoop.Raw raw = new OpenLoop.Raw(base, connections)) {
            OpenLoop load = new OpenLoop(connections);
            java.util.Map<String, OpenLoop.Client[]> byClient = new java.util.LinkedHashMap<>();
            for (String c : clients) {
                byClient.put(c, c.equals("raw")
                        ? new OpenLoop.Client[] {raw.get("/health"), raw.postJson("/api/v1/admission/decide", body, headers)}
                        : new OpenLoop.Client[] {
                            OpenLoop.jdk(jdkClient, i -> HttpRequest.newBuilder(base.resolve("/health")).build()),
                            OpenLoop.jdk(jdkClient, i -> HttpRequest.newBuilder(base.resolve("/api/v1/admission/decide"))
                                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.apply(i))).build())});
            }
            err.printf(Locale.ROOT, "cgov bench admission: warming up (ramp to %,d req/s, then until the JIT is quiet)…%n", rate);
            err.flush();
            // Warm-up, not measured: a cold JVM cannot serve the full rate (interpreted code, C2 compiling on the same
            // cores), so the rate ramps up, then 2 s slices of each route and client run until the JIT compiled for
            // under 2.5 % of a slice, at most --max-warm-up (60 s). Measuring earlier would time the compiler, not admission.
            long warmStart = System.nanoTime();
            for (int r : new int[] {Math.max(1, rate / 4), Math.max(1, rate / 2)}) {
                for (OpenLoop.Client[] cs : byClient.values()) {
                    load.run(cs[1], r, 1);
                    load.run(cs[0], r, 1);
                    settle.run();
                }
            }
            int slices = 0;
            long lastJitMs;
            do {
                lastJitMs = 0;
                for (OpenLoop.Client[] cs : byClient.values()) {
                    lastJitMs += load.run(cs[1], rate, 2).jitMs() + load.run(cs[0], rate, 2).jitMs();
                    settle.run();
                }
                slices++;
            } while ((slices < 2 || lastJitMs > 100L * byClient.size()) && System.nanoTime() - warmStart < maxWarmUp * 1_000_000_000L);
            warmSeconds = (System.nanoTime() - warmStart) / 1e9;
            for (var e : byClient.entrySet()) {
                OpenLoop.Phase[] p = load.interleaved(e.getValue()[0], e.getValue()[1], rate, seconds, SLICE_SECONDS, settle);
                pairs.add(new Pair(e.getKey(), p[0], p[1]));
            }
            if (local != null) {
                inProcess = inProcess(service, body);
            }
        } finally {
            if (local != null) {
                local.close();
            }
        }
        double[] bundles = noBundles ? new double[] {Double.NaN, Double.NaN, Double.NaN} : bundleRates(seconds);
        String endLoad = OpenLoop.loadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        String gc = OpenLoop.gcNames();
        Pair first = pairs.get(0);
        boolean met = first.decide().p99() <= TARGET_P99_MS && first.decide().errors() == 0;
        if (json) {
            StringBuilder ps = new StringBuilder();
            for (Pair p : pairs) {
                ps.append(ps.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "\"%s\":{\"health\":%s,\"decide\":%s}",
                        p.client(), json(p.health()), json(p.decide())));
            }
            out.printf(Locale.ROOT, "{\"rate\":%d,\"seconds\":%d,\"connections\":%d,\"cores\":%d,\"gc\":\"%s\",\"java\":\"%s\","
                    + "\"server\":\"%s\",\"loadAverageStart\":\"%s\",\"loadAverageEnd\":\"%s\",\"warmUpSeconds\":%.1f,"
                    + "\"clients\":{%s},\"inProcessDecideP50Ms\":%s,\"inProcessDecideP99Ms\":%s,\"inProcessBytesPerDecision\":%s,\"targetP99Ms\":%.1f,\"targetMet\":%b,"
                    + "\"ed25519PerSecond\":%s,\"bundleColdPerSecond\":%s,\"bundleWarmPerSecond\":%s}%n",
                    rate, seconds, connections, cores, gc, System.getProperty("java.version"), registry != null ? "registry " + registry : server == null ? "in-process" : server,
                    startLoad, endLoad, warmSeconds, ps, inProcess == null ? "null" : String.format(Locale.ROOT, "%.4f", inProcess[0]),
                    inProcess == null ? "null" : String.format(Locale.ROOT, "%.4f", inProcess[1]),
                    inProcess == null ? "null" : String.format(Locale.ROOT, "%.0f", inProcess[2]), TARGET_P99_MS, met,
                    perSecond(bundles[0]), perSecond(bundles[1]), perSecond(bundles[2]));
        } else {
            out.printf(Locale.ROOT, "HTTP admission on loopback, open loop: %,d req/s for %d s per route, latency from each request's due time, "
                    + "at most %d in flight (kept-alive connections), /health and decide interleaved in %.0f s slices; server %s "
                    + "(Java %s, %s, %d cores); warm-up %.0f s; load average %s at the start%n",
                    rate, seconds, connections, SLICE_SECONDS,
                    registry != null ? "the registry at " + registry + " (signed by " + provider + ", licence " + licence + ")"
                            : server == null ? "in this JVM" : "at " + server,
                    System.getProperty("java.version"), gc, cores, warmSeconds, startLoad);
            for (Pair p : pairs) {
                out.printf(Locale.ROOT, "client %s:%n", p.client());
                out.println(row("GET /health (floor)", p.health()));
                out.println(row("POST /api/v1/admission/decide", p.decide()));
                out.printf(Locale.ROOT, "  decide p99 / health p99: %.2f×; decide p50 / health p50: %.2f×%n", p.decide().p99() / p.health().p99(),
                        p.decide().p50() / p.health().p50());
            }
            if (inProcess != null) {
                out.printf(Locale.ROOT, "admission itself, no HTTP (JSON in → decision → JSON out, one thread): p50 %.4f ms, p99 %.4f ms, %,.0f bytes allocated per decision%n",
                        inProcess[0], inProcess[1], inProcess[2]);
            }
            out.printf(Locale.ROOT, "target decide p99 ≤ %.0f ms (client %s): %s (p99 %.3f ms, %d errors)%n", TARGET_P99_MS, first.client(),
                    met ? "MET" : "NOT MET", first.decide().p99(), first.decide().errors());
            if (!met) {
                out.printf(Locale.ROOT, "  (the sender's own lateness, GC pauses and JIT time above say how much of the tail is this machine; "
                        + "rerun on a quiet machine: load average now %s)%n", endLoad);
            }
            if (!noBundles) {
                out.printf(Locale.ROOT, "one thread: Ed25519 verification %,.0f /s; bundle verification cold %,.0f /s (%.2f× Ed25519), warm %,.0f /s (%.2f×)%n",
                        bundles[0], bundles[1], bundles[1] / bundles[0], bundles[2], bundles[2] / bundles[0]);
            }
        }
        return 0;
    }

    /**
     * Admission's own cost, no HTTP: what the server's decide route does between reading the body and writing the
     * response (parse, decide and hold, serialize), timed per call on this thread: p50 and p99 in milliseconds.
     */
    private static double[] inProcess(AdmissionService service, java.util.function.IntFunction<String> body) throws Exception {
        int calls = 50_000;
        long[] t = new long[calls];
        byte[][] bodies = new byte[calls][];
        for (int i = 0; i < calls; i++) {
            bodies[i] = body.apply(i).getBytes(StandardCharsets.UTF_8);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < calls; i++) {
            long s = System.nanoTime();
            byte[] resp = org.computegov.licensing.service.AdmissionJson.bytes(org.computegov.licensing.service.AdmissionJson.decision(
                    service.decide(org.computegov.licensing.service.AdmissionJson.request(bodies[i]))));
            t[i] = System.nanoTime() - s;
            if (resp.length == 0) {
                throw new IllegalStateException("empty decision");
            }
        }
        double bytesPerCall = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / (double) calls;
        java.util.Arrays.sort(t);
        return new double[] {t[calls / 2] / 1e6, t[(int) (calls * 0.99)] / 1e6, bytesPerCall};
    }

    private static String row(String route, OpenLoop.Phase p) {
        return String.format(Locale.ROOT, "%-30s p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, errors %d (%,d requests)%n"
                + "  meanwhile: sender late p50 %.3f ms, p99 %.3f ms, max %.3f ms; GC %d pauses, %d ms; JIT %d ms; load average %s",
                route, p.p50(), p.p99(), p.p999(), p.max(), p.errors(), p.count(), p.lateP50(), p.lateP99(), p.lateMax(), p.gcPauses(),
                p.gcMs(), p.jitMs(), p.load());
    }

    /** A rate as a JSON number, or null when it was not measured (--no-bundles): JSON has no NaN. */
    private static String perSecond(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String json(OpenLoop.Phase p) {
        return String.format(Locale.ROOT, "{\"requests\":%d,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f,\"errors\":%d,"
                + "\"senderLateP50Ms\":%.3f,\"senderLateP99Ms\":%.3f,\"senderLateMaxMs\":%.3f,\"gcPauses\":%d,\"gcMs\":%d,\"jitMs\":%d,"
                + "\"loadAverage\":\"%s\"}", p.count(), p.p50(), p.p99(), p.p999(), p.max(), p.errors(), p.lateP50(), p.lateP99(), p.lateMax(),
                p.gcPauses(), p.gcMs(), p.jitMs(), p.load());
    }

    /** Ed25519 verifications, cold and warm bundle verifications per second on this thread. */
    private static double[] bundleRates(int seconds) throws Exception {
        Ed25519DsseSigner issuer = new Ed25519DsseSigner("regulator", Ed25519PrivateKey.generate());
        Ed25519NoteSigner logKey = new Ed25519NoteSigner("bench.log/1", Ed25519PrivateKey.generate());
        CompactRange range = new CompactRange();
        InMemoryHashStore store = new InMemoryHashStore();
        int n = 1 << 16;
        byte[][] entries = new byte[n][];
        for (int i = 0; i < n; i++) {
            Statement s = new Statement(List.of(Subject.sha256("licence-" + i, String.format(Locale.ROOT, "%064x", i))),
                    "https://computegov.org/attestation/licence/v1", null);
            entries[i] = Dsse.sign(Statement.PAYLOAD_TYPE, s.toJson(), List.of(issuer)).toJson();
            store.putAll(range.appendEntry(entries[i]));
        }
        byte[] cp = SignedCheckpoint.sign(new Checkpoint("bench.log/1", range.size(), range.root()), logKey);
        Instant now = Instant.now();
        int distinct = 2048;
        Bundle[] bundles = new Bundle[distinct];
        ProofBuilder proofs = new ProofBuilder(store);
        for (int i = 0; i < distinct; i++) {
            int index = (int) ((i * 2654435761L) % n);
            bundles[i] = new Bundle(entries[index], cp, index, n, proofs.inclusionProof(index, n), Optional.of(
                    StatusStatement.of("licence", entries[index], StatusStatement.State.VALID, n, now, "").sign(List.of(issuer))));
        }
        BundleVerifier.Freshness fresh = new BundleVerifier.Freshness(Duration.ofHours(1), Duration.ofMinutes(1));
        Dsse issuerPolicy = new Dsse(List.of(issuer.verifier()), 1);
        VerifierSet logKeys = VerifierSet.of(logKey.verifier());
        Envelope sample = Envelope.parse(entries[0]);
        byte[] pae = sample.pae();
        byte[] sig = sample.signatures().get(0).sig();
        var pub = issuer.key().publicKey();
        double ed = perSecond(seconds, i -> pub.verify(pae, sig));
        // Cold: a new verifier per bundle, so both signatures (licence, status) and the checkpoint are verified.
        double cold = perSecond(seconds, i -> new BundleVerifier(issuerPolicy, logKeys, "bench.log/1", Statement.PAYLOAD_TYPE,
                fresh, Clock.systemUTC()).verify(bundles[i % distinct]));
        BundleVerifier warmVerifier = new BundleVerifier(issuerPolicy, logKeys, "bench.log/1", Statement.PAYLOAD_TYPE, fresh,
                Clock.systemUTC());
        for (Bundle b : bundles) {
            warmVerifier.verify(b);
        }
        double warm = perSecond(seconds, i -> warmVerifier.verify(bundles[i % distinct]));
        return new double[] {ed, cold, warm};
    }

    interface Op {
        void run(int i) throws Exception;
    }

    private static double perSecond(int seconds, Op op) throws Exception {
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        int i = 0;
        while (System.nanoTime() < warmEnd) {
            op.run(i++);
        }
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long count = 0;
        while (System.nanoTime() < end) {
            op.run(i++);
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
