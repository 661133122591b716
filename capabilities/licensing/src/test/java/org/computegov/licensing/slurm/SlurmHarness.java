package org.computegov.licensing.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The end-to-end tests' handle on a real Slurm started in a directory by integrations/slurm/harness: a single-node
 * cluster whose job_submit.lua asks an admission service ({@link #startCluster}, slurm-up.sh / slurm-down.sh) or Slurm
 * accounting on MariaDB ({@link #startAccounting}, slurmdbd-up.sh / slurmdbd-down.sh). Commands run with that
 * directory's slurm.conf as SLURM_CONF and the directory as working directory. Starting fails the test when Slurm
 * cannot run here (not root, packages missing: ./test installs them), and skips it, with the harness's reason, only
 * when CGOV_SKIP_SLURM=1 asks to.
 *
 * <p>Published to the server and cli tests as the licensing module's test-jar (capabilities/licensing/pom.xml).
 */
public final class SlurmHarness {
    /** What a command did: its exit code and what it wrote to stdout and stderr. */
    public record Run(int code, String out, String err) {}

    private final Path root;
    private final Path dir;
    private String down;
    private int downTimeoutSeconds;
    private boolean sbinOnPath;
    private String admissionUrl;
    private String provider;
    private String cluster;

    private SlurmHarness(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    /** A harness for Slurm in {@code dir} (nothing started yet), with the repository root found above this directory. */
    public static SlurmHarness in(Path dir) {
        return new SlurmHarness(repositoryRoot(), dir);
    }

    /** The repository root: the nearest directory at or above the working directory that holds integrations/slurm. */
    private static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("integrations/slurm"))) {
            root = root.getParent();
        }
        assertThat(root).as("repository root with integrations/slurm").isNotNull();
        return root;
    }

    public Path dir() {
        return dir;
    }

    /** The cluster's slurm.conf (SLURM_CONF of every command run here). */
    public Path conf() {
        return dir.resolve("slurm.conf");
    }

    /**
     * Starts the single-node cluster (slurm-up.sh DIR URL PROVIDER CLUSTER) whose job_submit.lua asks the admission
     * service at {@code admissionUrl} as {@code provider}'s {@code cluster}; {@link #stop} runs slurm-down.sh.
     */
    public void startCluster(String admissionUrl, String provider, String cluster) throws IOException, InterruptedException {
        this.admissionUrl = admissionUrl;
        this.provider = provider;
        this.cluster = cluster;
        down = "slurm-down.sh";
        downTimeoutSeconds = 30;
        requireUp("Slurm", "slurm-up", run(List.of(harness("slurm-up.sh"), dir.toString(), admissionUrl, provider, cluster), 60));
    }

    /**
     * Starts Slurm accounting (slurmdbd-up.sh DIR CLUSTER GPUTYPE): MariaDB, slurmdbd and a slurmctld that registers
     * {@code cluster} and gres/gpu:{@code gpuType}; from here on commands also find /usr/sbin on PATH.
     * {@link #stop} runs slurmdbd-down.sh.
     */
    public void startAccounting(String cluster, String gpuType) throws IOException, InterruptedException {
        this.cluster = cluster;
        down = "slurmdbd-down.sh";
        downTimeoutSeconds = 60;
        sbinOnPath = true;
        requireUp("Slurm accounting", "slurmdbd-up", run(List.of(harness("slurmdbd-up.sh"), dir.toString(), cluster, gpuType), 240));
    }

    /** Stops what was started (also after a start that failed); nothing when nothing was started. */
    public void stop() throws IOException, InterruptedException {
        if (down != null) {
            run(List.of(harness(down), dir.toString()), downTimeoutSeconds);
        }
    }

    private void requireUp(String what, String script, Run up) {
        Assumptions.assumeFalse(up.code == 3 && "1".equals(System.getenv("CGOV_SKIP_SLURM")), "Slurm cannot run here: " + up.err);
        Assertions.assertNotEquals(3, up.code, () -> what + " cannot run here (set CGOV_SKIP_SLURM=1 to skip): " + up.err);
        assertThat(up.code).as(script + ": " + up.out + up.err).isZero();
    }

    private String harness(String script) {
        return root.resolve("integrations/slurm/harness").resolve(script).toString();
    }

    /** {@code sbatch --parsable -o /dev/null ARGS…}, 30 s at most; a submitted job's id is {@code out} up to ';'. */
    public Run sbatch(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable", "-o", "/dev/null"));
        cmd.addAll(List.of(args));
        return run(cmd, 30);
    }

    /**
     * integrations/slurm/cgov-slurm-collect --completion: reports the cluster's completed jobs (sacct -c) to the
     * admission service given to {@link #startCluster}.
     */
    public Run collectCompletions(int timeoutSeconds) throws IOException, InterruptedException {
        return run(List.of(root.resolve("integrations/slurm/cgov-slurm-collect").toString(), "--url", admissionUrl,
                "--provider", provider, "--cluster", cluster, "--completion"), timeoutSeconds);
    }

    /** Waits up to a minute for the job to be COMPLETED in {@code sacct -c}; returns its elapsed seconds. */
    public long waitForCompletion(String jobId) throws IOException, InterruptedException {
        for (int i = 0; i < 120; i++) {
            Run r = run(List.of("sacct", "-c", "--parsable2", "--noheader", "--allusers", "--format=jobid,elapsed,state"), 10);
            for (String line : r.out.split("\n")) {
                String[] f = line.split("\\|");
                if (f.length == 3 && f[0].equals(jobId) && f[2].startsWith("COMPLETED")) {
                    String[] hms = f[1].split(":");
                    return Long.parseLong(hms[0]) * 3600 + Long.parseLong(hms[1]) * 60 + Long.parseLong(hms[2]);
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + jobId + " did not complete within a minute");
    }

    /** Runs {@code cmd} against this Slurm; fails when it takes longer than {@code timeoutSeconds}. */
    public Run run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SLURM_CONF", conf().toString());
        if (sbinOnPath) {
            pb.environment().put("PATH", System.getenv("PATH") + ":/usr/sbin");
        }
        pb.directory(dir.toFile());
        Path out = Files.createTempFile("cgov-run", ".out");
        Path err = Files.createTempFile("cgov-run", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in " + timeoutSeconds + " s");
        }
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }
}
