package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.licensing.admission.Admission;
import org.computegov.licensing.admission.ComputeRate;
import org.computegov.registry.client.RegistryClient;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
    private static Path root;
    private static Path dir;
    private static CgovServer registry;
    private static RegistryClient regulator;
    private static AdmissionServeTest.Gateway gateway;
    private static double a100;

    @BeforeAll
    static void start() throws Exception {
        root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("integrations/slurm"))) {
            root = root.getParent();
        }
        assertThat(root).as("repository root with integrations/slurm").isNotNull();
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
        dir = Files.createTempDirectory("cgov-slurm-gateway");
        Run up = run(List.of(root.resolve("integrations/slurm/harness/slurm-up.sh").toString(), dir.toString(), gateway.url,
                PROVIDER, CLUSTER), 60);
        Assumptions.assumeFalse(up.code == 3 && "1".equals(System.getenv("CGOV_SKIP_SLURM")), "Slurm cannot run here: " + up.err);
        org.junit.jupiter.api.Assertions.assertNotEquals(3, up.code, () -> "Slurm cannot run here (set CGOV_SKIP_SLURM=1 to skip): " + up.err);
        assertThat(up.code).as("slurm-up: " + up.out + up.err).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        if (dir != null) {
            run(List.of(root.resolve("integrations/slurm/harness/slurm-down.sh").toString(), dir.toString()), 30);
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
        Run ok = sbatch("-t", "30", "--gres=gpu:a100:2", "-A", "acct-1", "--comment=licence=L-SLURM", "--wrap", "sleep 2");
        assertThat(ok.code).as(ok.err).isZero();
        assertThat(ok.err).contains("computegov: Allowed under licence L-SLURM");
        String jobId = ok.out.trim().split(";")[0];
        JsonNode held = budget();
        assertThat(held.path("heldFlop").asText()).isEqualTo(Admission.flop(a100).toString());
        assertThat(held.path("openHolds").asInt()).isEqualTo(1);

        // 2 × A100 × 60 min = 2 chip-hours with 1 free: refused at sbatch with the registry's requested vs available.
        Run over = sbatch("-t", "60", "--gres=gpu:a100:2", "-A", "acct-1", "--comment=licence=L-SLURM", "--wrap", "true");
        assertThat(over.code).isNotZero();
        assertThat(over.err).contains("computegov: Licence L-SLURM has").contains("1.00 A100 chip-hours").contains("2.00 chip-hours");
        assertThat(budget().path("heldFlop").asText()).isEqualTo(held.path("heldFlop").asText());
        assertThat(sbatch("-t", "5", "--wrap", "true").code).as("a CPU job never asks").isZero();

        // The job finishes; the collector's sacct report goes through the service; the registry settles the hold.
        long elapsed = waitForCompletion(jobId);
        Run collect = run(List.of(root.resolve("integrations/slurm/cgov-slurm-collect").toString(), "--url", gateway.url,
                "--provider", PROVIDER, "--cluster", CLUSTER, "--completion"), 60);
        assertThat(collect.code).as(collect.err).isZero();
        assertThat(collect.out).contains("\"settled\":1");
        JsonNode settled = budget();
        assertThat(settled.path("heldFlop").asText()).isEqualTo("0");
        BigInteger used = Admission.flop(2 * (elapsed / 3600.0) * a100);
        assertThat(settled.path("usedFlop").asText()).isEqualTo(used.toString());
        Run again = run(List.of(root.resolve("integrations/slurm/cgov-slurm-collect").toString(), "--url", gateway.url,
                "--provider", PROVIDER, "--cluster", CLUSTER, "--completion"), 60);
        assertThat(again.out).contains("\"settled\":0").contains("\"alreadySettled\":1");

        // The budget moved in the registry: 2 × 45 min = 1.5 chip-hours now fits.
        Run fits = sbatch("-t", "45", "--gres=gpu:a100:2", "-A", "acct-1", "--comment=licence=L-SLURM", "--wrap", "true");
        assertThat(fits.code).as(fits.err).isZero();

        // The registry stopped: the service answers, and GPU jobs are refused with its reason; CPU jobs still run.
        registry.close();
        registry = null;
        Run down = sbatch("-t", "10", "--gres=gpu:a100:1", "--comment=licence=L-SLURM", "--wrap", "true");
        assertThat(down.code).isNotZero();
        assertThat(down.err).contains("computegov: The computegov registry could not be asked about this job")
                .contains("submit again");
        assertThat(sbatch("-t", "5", "--wrap", "true").code).isZero();
    }

    private static long waitForCompletion(String jobId) throws Exception {
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

    private static Run sbatch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable", "-o", "/dev/null"));
        cmd.addAll(List.of(args));
        return run(cmd, 30);
    }

    record Run(int code, String out, String err) {}

    private static Run run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
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
