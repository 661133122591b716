package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.licensing.admission.Admission;
import org.computegov.licensing.admission.ComputeRate;
import org.computegov.licensing.slurm.SlurmHarness;
import org.computegov.licensing.slurm.SlurmHarness.Run;
import org.computegov.registry.client.RegistryClient;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop as an operator following integrations/slurm/README.md sets it up: a real single-node Slurm (Debian's
 * slurmctld, slurmd, munge; 4 fake A100s) whose job_submit.lua asks {@code cgov admission serve} (in this JVM), which
 * asks a real demo registry signed with cloud-a's key. sbatch → job_submit.lua → the service → the registry's hold;
 * cgov-slurm-collect → the service → the registry's settlement; the registry stopped → GPU jobs refused at sbatch with
 * the service's reason. Runs as root; skips only when Slurm cannot run here and CGOV_SKIP_SLURM=1 says to.
 */
class SlurmGatewayE2ETest {
    private static final String PROVIDER = "cloud-a";
    private static final String CLUSTER = "e2e";
    @TempDir static Path data;
    @TempDir static Path work;
    private static SlurmHarness slurm;
    private static CgovServer registry;
    private static RegistryClient regulator;
    private static AdmissionServeTest.Gateway gateway;
    private static double a100;

    @BeforeAll
    static void start() throws Exception {
        registry = CgovServer.start(new ServerOptions(0, data, null, null, null, true, null, null, LogOptions.defaults()),
                Clock.systemUTC());
        String url = "http://127.0.0.1:" + registry.port();
        String reg = data.resolve("demo-keys/regulator.key").toString();
        regulator = new RegistryClient(URI.create(url), KeyFiles.readSignerKey(data.resolve("demo-keys/regulator.key")),
                Clock.systemUTC());
        // The regulator licenses two A100 chip-hours at cloud-a's cluster e2e.
        a100 = ComputeRate.builtIn().flopPerChipHour("A100");
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Path terms = Files.writeString(work.resolve("terms.json"), """
                {"id": "L-SLURM", "developer": "frontier-lab", "run": "slurm-run",
                 "tranches": [{"flop": "%s"}], "tranchesReleased": 1, "clusters": ["cloud-a/e2e"], "accounts": [],
                 "validFrom": "%s", "validUntil": "%s", "conditions": []}"""
                .formatted(Admission.flop(2 * a100), today.minus(Duration.ofDays(1)), today.plus(Duration.ofDays(30))));
        CliRun issued = CliRun.of("licence", "issue", terms.toString(), "--url", url, "--key", reg);
        assertThat(issued.exit()).as(issued.err()).isZero();

        gateway = AdmissionServeTest.Gateway.start("admission", "serve", "--url", url, "--key",
                data.resolve("demo-keys/cloud-a.key").toString(), "--cluster", CLUSTER, "--port", "0", "--timeout", "1500ms");
        slurm = SlurmHarness.in(Files.createTempDirectory("cgov-slurm-gateway"));
        slurm.startCluster(gateway.url, PROVIDER, CLUSTER);
    }

    @AfterAll
    static void stop() throws Exception {
        if (slurm != null) {
            slurm.stop();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static JsonNode budget() throws Exception {
        RegistryClient.Answer a = regulator.get("/api/v1/licences/L-SLURM");
        assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
        return a.body();
    }

    @Test
    void sbatchHoldsInTheRegistryTheCollectorSettlesThereAndWithoutTheRegistryGpuJobsAreRefused() throws Exception {
        // 2 × A100 × 30 min = 1 chip-hour of the 2 licensed: admitted, and the registry holds it.
        Run ok = slurm.sbatch("-t", "30", "--gres=gpu:a100:2", "-A", "acct-1", "--comment=licence=L-SLURM", "--wrap", "sleep 2");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.err()).contains("computegov: Allowed under licence L-SLURM");
        String jobId = ok.out().trim().split(";")[0];
        JsonNode held = budget();
        assertThat(held.path("heldFlop").asText()).isEqualTo(Admission.flop(a100).toString());
        assertThat(held.path("openHolds").asInt()).isEqualTo(1);

        // 2 × A100 × 60 min = 2 chip-hours with 1 free: refused at sbatch with the registry's requested vs available.
        Run over = slurm.sbatch("-t", "60", "--gres=gpu:a100:2", "-A", "acct-1", "--comment=licence=L-SLURM", "--wrap", "true");
        assertThat(over.code()).isNotZero();
        assertThat(over.err()).contains("computegov: Licence L-SLURM has").contains("1.00 A100 chip-hours").contains("2.00 chip-hours");
        assertThat(budget().path("heldFlop").asText()).isEqualTo(held.path("heldFlop").asText());
        assertThat(slurm.sbatch("-t", "5", "--wrap", "true").code()).as("a CPU job never asks").isZero();

        // The job finishes; the collector's sacct report goes through the service; the registry settles the hold.
        long elapsed = slurm.waitForCompletion(jobId);
        Run collect = slurm.collectCompletions(60);
        assertThat(collect.code()).as(collect.err()).isZero();
        assertThat(collect.out()).contains("\"settled\":1");
        JsonNode settled = budget();
        assertThat(settled.path("heldFlop").asText()).isEqualTo("0");
        BigInteger used = Admission.flop(2 * (elapsed / 3600.0) * a100);
        assertThat(settled.path("usedFlop").asText()).isEqualTo(used.toString());
        Run again = slurm.collectCompletions(60);
        assertThat(again.out()).contains("\"settled\":0").contains("\"alreadySettled\":1");

        // The budget moved in the registry: 2 × 45 min = 1.5 chip-hours now fits.
        Run fits = slurm.sbatch("-t", "45", "--gres=gpu:a100:2", "-A", "acct-1", "--comment=licence=L-SLURM", "--wrap", "true");
        assertThat(fits.code()).as(fits.err()).isZero();

        // The registry stopped: the service answers, and GPU jobs are refused with its reason; CPU jobs still run.
        registry.close();
        registry = null;
        Run down = slurm.sbatch("-t", "10", "--gres=gpu:a100:1", "--comment=licence=L-SLURM", "--wrap", "true");
        assertThat(down.code()).isNotZero();
        assertThat(down.err()).contains("computegov: The computegov registry could not be asked about this job")
                .contains("submit again");
        assertThat(slurm.sbatch("-t", "5", "--wrap", "true").code()).isZero();
    }
}
