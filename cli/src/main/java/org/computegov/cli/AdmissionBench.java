package org.computegov.cli;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
    @Option(names = "--json", description = "Print the figures as JSON.") boolean json;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (rate < 1 || rate > 100_000 || seconds < 1 || seconds > 3600) {
            spec.commandLine().getErr().println("cgov bench admission: --rate must be in [1, 100000] and --seconds in [1, 3600]");
            return Cgov.BAD_INPUT;
        }
        ComputeRate computeRate = ComputeRate.builtIn();
        LicenceBook book = new LicenceBook();
        book.add(new Licence("L-BENCH", "bench-lab", "bench-run", List.of(new Tranche(1, java.math.BigInteger.TEN.pow(30), "")),
                Set.of("bench/c1"), Set.of(), Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), List.of()), 1);
        AdmissionService service = new AdmissionService(new Admission(book, computeRate, AdmissionPolicy.defaults(),
                Clock.systemUTC()), book);
        double[] health;
        double[] decide;
        try (AdmissionHttpServer server = new AdmissionHttpServer(new InetSocketAddress("127.0.0.1", 0), service, book)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            AtomicInteger n = new AtomicInteger();
            java.util.function.IntFunction<HttpRequest> healthReq = i -> HttpRequest.newBuilder(URI.create(base + "/health")).build();
            java.util.function.IntFunction<HttpRequest> decideReq = i -> HttpRequest.newBuilder(URI.create(base + "/api/v1/admission/decide"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"provider\":\"bench\",\"cluster\":\"c1\",\"account\":\"a\",\"licence\":\"L-BENCH\",\"chip\":\"H100\","
                                    + "\"chips\":8,\"timeLimitMinutes\":600,\"jobRef\":\"j" + n.incrementAndGet() + "\"}")).build();
            out.printf(Locale.ROOT, "warming up (HTTP admission on loopback, %d req/s)…%n", rate);
            out.flush();
            openLoop(client, decideReq, rate, 3);
            openLoop(client, healthReq, rate, 3);
            health = openLoop(client, healthReq, rate, seconds);
            decide = openLoop(client, decideReq, rate, seconds);
        }
        double[] bundles = bundleRates(seconds);
        if (json) {
            out.printf(Locale.ROOT, "{\"rate\":%d,\"seconds\":%d,\"health\":{\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f,\"errors\":%.0f},"
                    + "\"decide\":{\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f,\"errors\":%.0f},"
                    + "\"ed25519PerSecond\":%.0f,\"bundleColdPerSecond\":%.0f,\"bundleWarmPerSecond\":%.0f}%n",
                    rate, seconds, health[0], health[1], health[2], health[3], health[4], decide[0], decide[1], decide[2], decide[3],
                    decide[4], bundles[0], bundles[1], bundles[2]);
        } else {
            out.printf(Locale.ROOT, "GET /health                  at %,d req/s for %d s: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, errors %.0f%n",
                    rate, seconds, health[0], health[1], health[2], health[3], health[4]);
            out.printf(Locale.ROOT, "POST /api/v1/admission/decide at %,d req/s for %d s: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, errors %.0f%n",
                    rate, seconds, decide[0], decide[1], decide[2], decide[3], decide[4]);
            out.printf(Locale.ROOT, "decide p99 / health p99: %.2f×%n", decide[1] / health[1]);
            out.printf(Locale.ROOT, "one thread: Ed25519 verification %,.0f /s; bundle verification cold %,.0f /s (%.2f× Ed25519), warm %,.0f /s (%.2f×)%n",
                    bundles[0], bundles[1], bundles[1] / bundles[0], bundles[2], bundles[2] / bundles[0]);
        }
        return 0;
    }

    /** Sends at a fixed rate for {@code seconds}; returns p50, p99, p99.9, max (ms) and the error count. */
    private static double[] openLoop(HttpClient client, java.util.function.IntFunction<HttpRequest> request, int rate, int seconds)
            throws Exception {
        int total = rate * seconds;
        long[] latency = new long[total];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * period;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 200_000));
            }
            int slot = i;
            HttpRequest r = request.apply(i);
            client.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((resp, err) -> {
                latency[slot] = System.nanoTime() - scheduled;
                if (err != null || resp.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await();
        Arrays.sort(latency);
        return new double[] {latency[(int) (total * 0.50)] / 1e6, latency[(int) Math.min(total - 1, total * 0.99)] / 1e6,
                latency[(int) Math.min(total - 1, total * 0.999)] / 1e6, latency[total - 1] / 1e6, errors.get()};
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
