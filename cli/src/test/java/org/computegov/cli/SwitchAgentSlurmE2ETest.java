package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.computegov.licensing.slurm.SlurmHarness;
import org.computegov.licensing.slurm.SlurmHarness.Run;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
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
    private static SlurmHarness slurm;

    @BeforeAll
    static void start() throws Exception {
        slurm = SlurmHarness.in(Files.createTempDirectory("cgov-switch-e2e"));
        // CPU jobs never reach job_submit.lua's admission service, so it need not run.
        // ./test installs Slurm; a harness that cannot start it fails the test, unless skipping was asked for by name.
        slurm.startCluster("http://127.0.0.1:9", "cloud-a", "shared");
        server = CgovServer.start(new ServerOptions(0, data.resolve("data"), null, null, null, true, null, null,
                LogOptions.defaults()), Clock.systemUTC());
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (slurm != null && Files.exists(slurm.conf())) {
            slurm.run(List.of("scancel", "--full", "-p", "gpu"), 10);
            slurm.stop();
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
                "--slurm-conf", slurm.conf().toString(), "--state-file", slurm.dir().resolve("agent.state").toString());
    }

    @Test
    void haltSuspendsRunningJobsAndStopsNewOnesResumeRestoresThem() throws Exception {
        Run job = slurm.sbatch("-p", "gpu", "-t", "10", "--wrap", "sleep 300");
        assertThat(job.code()).as(job.err()).isZero();
        String id = job.out().strip().split(";")[0];
        awaitState(id, "RUNNING");
        assertThat(agent().exit()).isZero(); // running: nothing to undo

        // The demo switch (2 of cloud-a, regulator, frontier-lab) has the regulator's halt; frontier-lab's flips it.
        CliRun halt = CliRun.of("switch", "sign", "cloud-a-shared-1", "--action", "halt", "--url", url, "--key", key("frontier-lab"));
        assertThat(halt.exit()).as(halt.err()).isZero();
        CliRun halted = agent();
        assertThat(halted.exit()).as(halted.err()).isZero();
        assertThat(halted.out()).contains("HALTED").contains("1 running job(s) suspended").contains(id);
        assertThat(state(id)).isEqualTo("SUSPENDED");
        assertThat(slurm.run(List.of("scontrol", "show", "partition", "gpu"), 10).out()).contains("State=DOWN");
        Run later = slurm.sbatch("-p", "gpu", "-t", "5", "--wrap", "true");
        assertThat(later.code()).as(later.err()).isZero();
        String laterId = later.out().strip().split(";")[0];
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
        assertThat(slurm.run(List.of("scontrol", "show", "partition", "gpu"), 10).out()).contains("State=UP");
        awaitState(laterId, "COMPLETED", "RUNNING", "");
    }

    private static String state(String id) throws Exception {
        return slurm.run(List.of("squeue", "-h", "-j", id, "-o", "%T"), 10).out().strip();
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
}
