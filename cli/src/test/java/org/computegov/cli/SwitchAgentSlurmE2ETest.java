package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The off switch acting on a real single-node Slurm (integrations/slurm/harness): holders' votes logged in a demo
 * registry halt the switch, {@code cgov switch agent --once} sets the partition DOWN and suspends the running job, a
 * new job stays pending; k resume votes and the agent resumes the job it suspended and the partition takes jobs again.
 * Skips only when Slurm cannot run here (not root, packages missing).
 */
class SwitchAgentSlurmE2ETest {
    @TempDir static Path data;
    private static CgovServer server;
    private static String url;
    private static Path root;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("integrations/slurm"))) {
            root = root.getParent();
        }
        assertThat(root).as("repository root with integrations/slurm").isNotNull();
        dir = Files.createTempDirectory("cgov-switch-e2e");
        // CPU jobs never reach job_submit.lua's admission service, so it need not run.
        Run up = run(List.of(root.resolve("integrations/slurm/harness/slurm-up.sh").toString(), dir.toString(),
                "http://127.0.0.1:9", "cloud-a", "shared"), 60);
        // ./test installs Slurm; a harness that cannot start it fails the test, unless skipping was asked for by name.
        Assumptions.assumeFalse(up.code == 3 && "1".equals(System.getenv("CGOV_SKIP_SLURM")), "Slurm cannot run here: " + up.err);
        org.junit.jupiter.api.Assertions.assertNotEquals(3, up.code, () -> "Slurm cannot run here (set CGOV_SKIP_SLURM=1 to skip): " + up.err);
        assertThat(up.code).as("slurm-up: " + up.out + up.err).isZero();
        server = CgovServer.start(new ServerOptions(0, data.resolve("data"), null, null, null, true, null, null,
                LogOptions.defaults()), Clock.systemUTC());
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (dir != null && Files.exists(dir.resolve("slurm.conf"))) {
            run(List.of("scancel", "--full", "-p", "gpu"), 10);
            run(List.of(root.resolve("integrations/slurm/harness/slurm-down.sh").toString(), dir.toString()), 30);
        }
        if (server != null) {
            server.close();
        }
    }

    private static String key(String actor) {
        return data.resolve("data/demo-keys/" + actor + ".key").toString();
    }

    private static CliRun agent() {
        return CliRun.of("switch", "agent", "cloud-a-shared-1", "--partition", "gpu", "--once", "--url", url,
                "--slurm-conf", dir.resolve("slurm.conf").toString(), "--state-file", dir.resolve("agent.state").toString());
    }

    @Test
    void haltSuspendsRunningJobsAndStopsNewOnesResumeRestoresThem() throws Exception {
        Run job = run(List.of("sbatch", "--parsable", "-o", "/dev/null", "-p", "gpu", "-t", "10", "--wrap", "sleep 300"), 30);
        assertThat(job.code).as(job.err).isZero();
        String id = job.out.strip().split(";")[0];
        awaitState(id, "RUNNING");
        assertThat(agent().exit()).isZero(); // running: nothing to undo

        // The demo switch (2 of cloud-a, regulator, frontier-lab) has the regulator's halt; frontier-lab's flips it.
        CliRun halt = CliRun.of("switch", "sign", "cloud-a-shared-1", "--action", "halt", "--url", url, "--key", key("frontier-lab"));
        assertThat(halt.exit()).as(halt.err()).isZero();
        CliRun halted = agent();
        assertThat(halted.exit()).as(halted.err()).isZero();
        assertThat(halted.out()).contains("HALTED").contains("1 running job(s) suspended").contains(id);
        assertThat(state(id)).isEqualTo("SUSPENDED");
        assertThat(run(List.of("scontrol", "show", "partition", "gpu"), 10).out).contains("State=DOWN");
        Run later = run(List.of("sbatch", "--parsable", "-o", "/dev/null", "-p", "gpu", "-t", "5", "--wrap", "true"), 30);
        assertThat(later.code).as(later.err).isZero();
        String laterId = later.out.strip().split(";")[0];
        Thread.sleep(2000);
        assertThat(state(laterId)).isEqualTo("PENDING");
        assertThat(agent().out()).isEmpty(); // nothing changed: nothing done

        // Resuming needs two holders too.
        for (String holder : List.of("cloud-a", "regulator")) {
            CliRun v = CliRun.of("switch", "sign", "cloud-a-shared-1", "--action", "resume", "--url", url, "--key", key(holder));
            assertThat(v.exit()).as(v.err()).isZero();
        }
        CliRun resumed = agent();
        assertThat(resumed.out()).contains("RUNNING").contains("1 job(s) resumed");
        assertThat(state(id)).isEqualTo("RUNNING");
        assertThat(run(List.of("scontrol", "show", "partition", "gpu"), 10).out).contains("State=UP");
        awaitState(laterId, "COMPLETED", "RUNNING", "");
    }

    private static String state(String id) throws Exception {
        return run(List.of("squeue", "-h", "-j", id, "-o", "%T"), 10).out.strip();
    }

    /** Waits until the job is in one of the states ("" once it has left the queue). */
    private static void awaitState(String id, String... states) throws Exception {
        String s = "";
        for (int i = 0; i < 60; i++) {
            s = state(id);
            if (List.of(states).contains(s)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + id + " is " + s + ", not " + List.of(states));
    }

    record Run(int code, String out, String err) {}

    private static Run run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd));
        if (dir != null) {
            pb.environment().put("SLURM_CONF", dir.resolve("slurm.conf").toString());
            pb.directory(dir.toFile());
        }
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
