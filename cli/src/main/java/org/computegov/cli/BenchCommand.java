package org.computegov.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.DsseVerifier;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.merkle.ProofVerifier;
import org.computegov.ledger.merkle.Rfc6962;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.computegov.server.log.LogService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cgov bench log}: durable appends of signed envelopes into a real server's log (embedded PostgreSQL,
 * fsync on), against the ceiling of verifying the same envelopes' Ed25519 signatures on every core, measured in the
 * same run; then inclusion-proof generation and verification on the resulting tree.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (results: docs/BENCHMARKS.md).")
final class BenchCommand {

    @Command(name = "log", mixinStandardHelpOptions = true,
            description = "Durable log appends (signature verification included) vs the Ed25519 verification ceiling; proof rates.")
    static final class LogBench implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--seconds", paramLabel = "SECONDS", defaultValue = "15", description = "Length of each timed phase (default ${DEFAULT-VALUE}).") int seconds;
        @Option(names = "--threads", paramLabel = "N", defaultValue = "64", description = "Concurrent submitters (default ${DEFAULT-VALUE}).") int threads;
        @Option(names = "--batch", paramLabel = "N", defaultValue = "0", description = "Submit envelopes in batches of this many (0: one per call).") int batch;
        @Option(names = "--envelopes", paramLabel = "N", defaultValue = "250000", description = "Distinct signed envelopes prepared before timing.") int envelopes;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the benchmark's database lives (default: a new temporary directory).") Path dataDir;

        @Override
        public Integer call() throws Exception {
            var out = spec.commandLine().getOut();
            int cores = Runtime.getRuntime().availableProcessors();
            Path dir = dataDir != null ? dataDir : Files.createTempDirectory("cgov-bench");
            Ed25519PrivateKey key = Ed25519PrivateKey.generate();
            Path pem = dir.resolve("bench-submitter.pem");
            Files.writeString(pem, PemKeys.toPem(key.publicKey()));
            out.printf(Locale.ROOT, "preparing %,d signed envelopes on %d cores…%n", envelopes, cores);
            out.flush();
            Ed25519DsseSigner signer = new Ed25519DsseSigner("bench", key);
            byte[][] prepared = new byte[envelopes][];
            IntStream.range(0, envelopes).parallel().forEach(i -> prepared[i] = Dsse.sign("application/vnd.in-toto+json",
                    statement(i).getBytes(StandardCharsets.UTF_8), List.of(signer)).toJson());
            int entryBytes = prepared[0].length;

            // Ceiling: verify the same envelopes' signatures on every core, nothing else.
            Envelope sample = Envelope.parse(prepared[0]);
            byte[] pae = sample.pae();
            byte[] sig = sample.signatures().get(0).sig();
            double rawRate = timed(cores, seconds, (i) -> key.publicKey().verify(pae, sig));
            out.printf(Locale.ROOT, "Ed25519 signature verification (BouncyCastle), %d threads: %,.0f /s%n", cores, rawRate);
            Dsse dsse = new Dsse(List.of(DsseVerifier.ed25519("", key.publicKey())), 1);
            double verifyRate = timed(cores, seconds, (i) -> dsse.verify(Envelope.parse(prepared[i % envelopes])));
            out.printf(Locale.ROOT, "DSSE envelope parse + verification, %d threads: %,.0f /s (the ceiling for appends)%n", cores, verifyRate);
            out.flush();

            try (CgovServer server = CgovServer.start(new ServerOptions(0, dir.resolve("data"), null, null, null, false, null,
                    null, new LogOptions("bench.computegov/log", List.of(pem), List.of(), 0)), Clock.systemDefaultZone())) {
                LogService log = server.log();
                AtomicInteger next = new AtomicInteger();
                long sizeBefore = log.state().size();
                double appendRate;
                if (batch <= 0) {
                    appendRate = timed(threads, seconds, (i) -> log.submit(prepared[next.getAndIncrement() % envelopes]));
                } else {
                    appendRate = batch * timed(threads, seconds, (i) -> {
                        List<byte[]> b = new ArrayList<>(batch);
                        for (int k = 0; k < batch; k++) {
                            b.add(prepared[next.getAndIncrement() % envelopes]);
                        }
                        log.submitAll(b);
                    });
                }
                long appended = log.state().size() - sizeBefore;
                out.printf(Locale.ROOT, "durable appends (%s, %d submitters, %d-byte envelopes): %,.0f entries/s; %,d appended; "
                        + "%.2f× the verification ceiling%n", batch <= 0 ? "one envelope per call" : "batches of " + batch,
                        threads, entryBytes, appendRate, appended, appendRate / verifyRate);
                if (next.get() > envelopes) {
                    out.println("note: submitters wrapped around the prepared envelopes; repeats were deduplicated, not appended");
                }
                out.flush();

                long size = log.state().size();
                double proveRate = timed(cores, seconds, (i) -> log.inclusionProof(ThreadLocalRandom.current().nextLong(size), size));
                out.printf(Locale.ROOT, "inclusion proofs generated at size %,d, %d threads: %,.0f /s%n", size, cores, proveRate);
                long index = size / 3;
                byte[] leaf = Rfc6962.leafHash(log.entry(index));
                List<byte[]> proof = log.inclusionProof(index, size).stream().map(java.util.Base64.getDecoder()::decode).toList();
                byte[] root = log.state().root();
                double verifyProofRate = timed(cores, seconds, (i) -> ProofVerifier.verifyInclusion(index, size, leaf, proof, root));
                out.printf(Locale.ROOT, "inclusion proofs verified, %d threads: %,.0f /s%n", cores, verifyProofRate);
            }
            return 0;
        }

        private static String statement(int n) {
            return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"usage-" + n + "\",\"digest\":{\"sha256\":\""
                    + "%064x".formatted(n) + "\"}}],\"predicateType\":\"https://computegov.org/attestation/usage/v1\","
                    + "\"predicate\":{\"provider\":\"bench\",\"chip\":\"H100\",\"count\":8,\"hours\":1.5,\"n\":" + n + "}}";
        }

        interface Op {
            void run(int i) throws Exception;
        }

        /** Runs {@code op} on {@code threads} threads for {@code seconds} after a short warm-up; returns ops/s. */
        private static double timed(int threads, int seconds, Op op) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                AtomicLong count = new AtomicLong();
                long warmUpEnd = System.nanoTime() + 2_000_000_000L;
                long end = warmUpEnd + seconds * 1_000_000_000L;
                AtomicLong startCount = new AtomicLong(-1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t * 1_000_003;
                    futures.add(pool.submit(() -> {
                        int i = offset;
                        while (System.nanoTime() < end) {
                            op.run(i++);
                            long c = count.incrementAndGet();
                            if (System.nanoTime() >= warmUpEnd) {
                                startCount.compareAndSet(-1, c);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                return (count.get() - Math.max(0, startCount.get())) / (double) seconds;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Command(name = "registry", mixinStandardHelpOptions = true, description = {
            "Usage reporting end to end, against parsing alone in the same run.",
            "sacct parsed, sealed and signed in batches by a provider, sent over HTTP, checked, logged (durably) and "
                    + "projected with threshold monitoring."})
    static final class RegistryBench implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--lines", paramLabel = "N", defaultValue = "200000", description = "sacct lines to generate (default ${DEFAULT-VALUE}).") int lines;
        @Option(names = "--batch", paramLabel = "N", defaultValue = "5000", description = "Records per signed statement (default ${DEFAULT-VALUE}).") int batch;
        @Option(names = "--clients", paramLabel = "N", defaultValue = "2", description = "Concurrent submitting clients (default ${DEFAULT-VALUE}).") int clients;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the benchmark's database lives (default: a new temporary directory).") Path dataDir;

        @Override
        public Integer call() throws Exception {
            var out = spec.commandLine().getOut();
            org.computegov.registry.usage.SacctWorkload.Workload w = org.computegov.registry.usage.SacctWorkload.generate(lines, 42);
            org.computegov.knowledge.hardware.HardwareCatalog catalog = org.computegov.knowledge.hardware.HardwareCatalog.builtIn();
            var parser = new org.computegov.registry.usage.SacctParser(catalog,
                    org.computegov.registry.usage.SacctOptions.of("bench-provider", java.time.ZoneOffset.UTC).withDefaultChip("sol", "H100"));
            var compute = new org.computegov.registry.usage.UsageCompute(catalog);
            List<org.computegov.registry.usage.UsageRecord> records = null;
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 4; round++) {
                long t0 = System.nanoTime();
                records = parser.parse(w.text()).recordsOrThrow("sacct", "generated");
                compute.attributeAll(records);
                best = Math.min(best, System.nanoTime() - t0);
            }
            double parseRate = records.size() / (best / 1e9);
            out.printf(Locale.ROOT, "%,d sacct lines -> %,d usage records; parse + attribute in memory (1 thread, best of 4): %,.0f records/s%n",
                    lines, records.size(), parseRate);
            out.flush();

            Path dir = dataDir != null ? dataDir : Files.createTempDirectory("cgov-bench-registry");
            try (CgovServer server = CgovServer.start(new ServerOptions(0, dir.resolve("data"), null, null, null, false, null,
                    null, LogOptions.defaults()), Clock.systemUTC())) {
                java.net.URI url = java.net.URI.create("http://localhost:" + server.port());
                org.computegov.ledger.keys.SignerKey root = org.computegov.ledger.keys.KeyFiles.readSignerKey(
                        dir.resolve("data").resolve("regulator.key"));
                org.computegov.ledger.keys.SignerKey providerKey = org.computegov.ledger.keys.SignerKey.generate("bench-provider/main");
                var regulator = new org.computegov.registry.statement.StatementWriter(root, "regulator", Clock.systemUTC());
                var p = regulator.predicate();
                var a = p.putObject("actor");
                a.put("id", "bench-provider").put("name", "Benchmark Provider").put("jurisdiction", "US");
                a.putArray("roles").add("compute-provider");
                a.putArray("keys").add(providerKey.verifierKey().encode());
                var client = new org.computegov.registry.client.RegistryClient(url, null, Clock.systemUTC());
                var reg = client.submit(regulator.publicStatement("actor", "actor:bench-provider", p, null, null));
                if (!reg.ok()) {
                    throw new CommandFailure("could not register the benchmark provider: " + reg.body());
                }
                var provider = new org.computegov.registry.statement.StatementWriter(providerKey, "bench-provider", Clock.systemUTC());
                // The registry counts compute of identified customers only: each account gets its KYC record first
                // (setup, not timed).
                for (String account : new java.util.TreeSet<>(records.stream().map(org.computegov.registry.usage.UsageRecord::customer).toList())) {
                    var kyc = client.submit(org.computegov.customers.CustomerStatements.customerRecord(provider, kycRecord(account)));
                    if (!kyc.ok()) {
                        throw new CommandFailure("could not submit the KYC record of " + account + ": " + kyc.body());
                    }
                }
                List<List<org.computegov.registry.usage.UsageRecord>> batches = new ArrayList<>();
                for (int from = 0; from < records.size(); from += batch) {
                    batches.add(records.subList(from, Math.min(records.size(), from + batch)));
                }
                AtomicInteger next = new AtomicInteger();
                AtomicLong accepted = new AtomicLong();
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                long t0 = System.nanoTime();
                List<Future<?>> futures = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    futures.add(pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < batches.size()) {
                            var part = batches.get(i);
                            var s = org.computegov.accounting.AccountingStatements.usageRecords(provider, org.computegov.registry.usage.UsageJson.write(part)
                                    .getBytes(StandardCharsets.UTF_8), part.size());
                            var answer = client.submit(s);
                            if (!answer.ok()) {
                                throw new IllegalStateException("batch " + i + " refused: " + answer.body());
                            }
                            accepted.addAndGet(answer.body().path("summary").path("accepted").asLong());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                pool.shutdown();
                long stored = client.get("/api/v1/registry/stats").body().path("usageRecords").asLong();
                double rate = records.size() / seconds;
                out.printf(Locale.ROOT, "end to end (HTTP, %d clients, %d signed statements of up to %,d records, durable, monitored): "
                        + "%,d records in %.2f s = %,.0f records/s; %.2f× parsing alone%n", clients, batches.size(), batch,
                        records.size(), seconds, rate, rate / parseRate);
                out.printf(Locale.ROOT, "registry holds %,d usage records (%,d accepted as new); log size %,d%n", stored,
                        accepted.get(), server.log().state().size());
                if (stored != records.size()) {
                    throw new CommandFailure("the registry holds " + stored + " records, expected " + records.size());
                }
            }
            return 0;
        }

        /** A verified organization's KYC record for a benchmark account (the customers capability's format). */
        private static byte[] kycRecord(String account) throws java.io.IOException {
            var r = org.computegov.registry.kernel.Json.object();
            r.put("customerId", account).put("customerType", "ORGANIZATION").put("legalName", "Benchmark Customer " + account + " Inc.");
            r.putArray("aliases");
            var address = r.putObject("address");
            address.putArray("lines").add("1 Example Street");
            address.put("city", "Example City").put("country", "US");
            r.put("country", "US");
            r.putArray("beneficialOwners").addObject().put("name", "Owner of " + account).put("country", "US");
            r.putArray("paymentMeans").addObject().put("kind", "WIRE").put("reference", "****1000");
            r.put("email", "compliance@" + account + ".example").put("phone", "+15555550100");
            r.putObject("verification").put("method", "DOCUMENTARY").put("evidence", "registry extract on file")
                    .put("date", "2026-01-15").put("state", "VERIFIED");
            r.put("riskRating", "LOW");
            return org.computegov.registry.kernel.Json.MAPPER.writeValueAsBytes(r);
        }
    }
}
