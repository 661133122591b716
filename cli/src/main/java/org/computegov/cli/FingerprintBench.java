package org.computegov.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.computegov.deployment.oms.HashJson;
import org.computegov.deployment.oms.HashedModel;
import org.computegov.deployment.oms.ModelHasher;
import org.computegov.deployment.oms.Progress;
import org.computegov.deployment.oms.Resource;
import org.computegov.deployment.oms.Reuse;
import org.computegov.deployment.oms.Serialization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cgov bench fingerprint}: OMS fingerprinting of a model of several GiB in the page cache against
 * {@code openssl dgst -sha256} over the same files, one openssl process per core, in the same run; then a
 * {@code --reuse} re-hash after changing one file in ten against a full hash.
 */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = "Model fingerprinting (OMS, files and shards) vs parallel openssl sha256 over the same files; --reuse vs full.")
final class FingerprintBench implements Callable<Integer> {
    private static final double GIB = 1024.0 * 1024 * 1024;

    @Spec CommandSpec spec;
    @Option(paramLabel = "N", names = "--gib", defaultValue = "4", description = "Model size in GiB (default ${DEFAULT-VALUE}).") double gib;
    @Option(paramLabel = "N", names = "--files", defaultValue = "20", description = "Number of weight files (default ${DEFAULT-VALUE}).") int files;
    @Option(paramLabel = "N", names = "--rounds", defaultValue = "3", description = "Timed rounds of each contender, interleaved (default ${DEFAULT-VALUE}).") int rounds;
    @Option(paramLabel = "DIR", names = "--dir", description = "Where to write the model (default: a new temporary directory, deleted after).") Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int cores = Runtime.getRuntime().availableProcessors();
        Path model = (dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("cgov-bench-model")).resolve("model");
        Files.createDirectories(model);
        long perFile = (long) (gib * GIB / files);
        try {
            List<Path> weights = write(model, perFile);
            long total = perFile * files;
            out.printf(Locale.ROOT, "model: %d files of %.0f MiB = %.2f GiB in %s, page cache warm; %d cores%n",
                    files, perFile / 1048576.0, total / GIB, model, cores);
            Serialization byFiles = new Serialization.Files(false, List.of());
            Serialization byShards = new Serialization.Shards(Serialization.Shards.DEFAULT_SIZE, false, List.of());
            try (ModelHasher hasher = new ModelHasher(cores)) {
                HashedModel first = hasher.hash(model, byFiles, Progress.NONE); // warms the JIT and the cache
                checkAgainstOpenssl(first, weights, out);
                double[] ours = new double[rounds];
                double[] shards = new double[rounds];
                double[] openssl = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    openssl[r] = seconds(() -> openssl(weights, cores, false));
                    ours[r] = seconds(() -> hasher.hash(model, byFiles, Progress.NONE));
                    shards[r] = seconds(() -> hasher.hash(model, byShards, Progress.NONE));
                }
                double o = best(openssl);
                double f = best(ours);
                double s = best(shards);
                out.printf(Locale.ROOT, "openssl dgst -sha256, %d processes: %.2f GiB/s (best of %d: %.3f s)%n", cores, total / GIB / o, rounds, o);
                out.printf(Locale.ROOT, "cgov model hash (files):            %.2f GiB/s (%.3f s)  ratio %.2f%n", total / GIB / f, f, o / f);
                out.printf(Locale.ROOT, "cgov model hash (1 GB shards):      %.2f GiB/s (%.3f s)  ratio %.2f%n", total / GIB / s, s, o / s);

                // --reuse: a developer changes one file in ten and hashes again.
                FileTime old = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
                for (Path w : weights) {
                    Files.setLastModifiedTime(w, old);
                }
                Instant at = Instant.now();
                byte[] recorded = new ObjectMapper().writeValueAsBytes(HashJson.write(hasher.hash(model, byFiles, Progress.NONE), at));
                int changed = Math.max(1, files / 10);
                double[] full = new double[rounds];
                double[] reused = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < changed; i++) {
                        touch(weights.get(i * 10 % files), r);
                    }
                    full[r] = seconds(() -> hasher.hash(model, byFiles, Progress.NONE));
                    reused[r] = seconds(() -> {
                        Reuse reuse = HashJson.readReuse(new ObjectMapper().readTree(recorded));
                        HashedModel h = hasher.hash(model, byFiles, reuse, Progress.NONE);
                        if (h.bytesHashed() != changed * perFile) {
                            throw new IllegalStateException("reuse read " + h.bytesHashed() + " bytes, expected " + changed * perFile);
                        }
                    });
                }
                double fl = best(full);
                double ru = best(reused);
                out.printf(Locale.ROOT, "--reuse after changing %d of %d files: %.3f s vs full %.3f s = %.1f%% of a full hash%n",
                        changed, files, ru, fl, 100 * ru / fl);
            }
            return 0;
        } finally {
            if (dir == null) {
                try (var walk = Files.walk(model.getParent())) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    private interface Timed {
        void run() throws Exception;
    }

    private static double seconds(Timed t) throws Exception {
        long start = System.nanoTime();
        t.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double best(double[] xs) {
        return Arrays.stream(xs).min().orElseThrow();
    }

    private List<Path> write(Path model, long perFile) throws IOException {
        byte[] chunk = new byte[1 << 20];
        new Random(42).nextBytes(chunk);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            Path f = model.resolve(String.format(Locale.ROOT, "model-%05d-of-%05d.safetensors", i + 1, files));
            try (OutputStream o = Files.newOutputStream(f)) {
                for (long written = 0; written < perFile; ) {
                    chunk[0] = (byte) i; // every chunk of every file differs
                    chunk[1] = (byte) (written >>> 20);
                    int n = (int) Math.min(chunk.length, perFile - written);
                    o.write(chunk, 0, n);
                    written += n;
                }
            }
            out.add(f);
        }
        return out;
    }

    /** Rewrites a file's first bytes in place: same size, new content, new modification time. */
    private static void touch(Path f, int round) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(("changed in round " + round).getBytes(StandardCharsets.US_ASCII)), 0);
        }
    }

    /** Runs openssl over the files, split round-robin into one process per core; returns digests if asked. */
    private static Map<String, String> openssl(List<Path> weights, int cores, boolean collect) throws IOException, InterruptedException {
        List<List<String>> groups = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            groups.add(new ArrayList<>(List.of("openssl", "dgst", "-sha256", "-r")));
        }
        for (int i = 0; i < weights.size(); i++) {
            groups.get(i % cores).add(weights.get(i).toString());
        }
        List<Process> ps = new ArrayList<>();
        for (List<String> g : groups) {
            ProcessBuilder pb = new ProcessBuilder(g).redirectError(ProcessBuilder.Redirect.INHERIT);
            if (!collect) {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            ps.add(pb.start());
        }
        Map<String, String> digests = new HashMap<>();
        for (Process p : ps) {
            if (collect) {
                try (InputStream in = p.getInputStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isBlank()) {
                            String[] parts = line.split(" \\*?", 2);
                            digests.put(Path.of(parts[1].strip()).getFileName().toString(), parts[0]);
                        }
                    }
                }
            }
            if (p.waitFor() != 0) {
                throw new IOException("openssl exited with " + p.exitValue());
            }
        }
        return digests;
    }

    /** The benchmark is only fair if both compute the same thing: every file's SHA-256 must agree. */
    private static void checkAgainstOpenssl(HashedModel h, List<Path> weights, PrintWriter out) throws Exception {
        Map<String, String> theirs = openssl(weights, 2, true);
        for (Resource r : h.manifest().resources()) {
            if (!r.digestHex().equals(theirs.get(r.name()))) {
                throw new IllegalStateException("digest of " + r.name() + " differs from openssl's: " + r.digestHex()
                        + " vs " + theirs.get(r.name()));
            }
        }
        out.println("check: all " + theirs.size() + " file digests equal openssl's");
    }
}
