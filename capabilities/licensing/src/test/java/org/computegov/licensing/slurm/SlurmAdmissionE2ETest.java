package org.computegov.licensing.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.computegov.licensing.admission.Admission;
import org.computegov.licensing.admission.AdmissionPolicy;
import org.computegov.licensing.admission.ComputeRate;
import org.computegov.licensing.admission.Licence;
import org.computegov.licensing.admission.LicenceBook;
import org.computegov.licensing.budget.Tranche;
import org.computegov.licensing.service.AdmissionHttpServer;
import org.computegov.licensing.service.AdmissionService;
import org.computegov.licensing.slurm.SlurmHarness.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real single-node Slurm (Debian's slurmctld, slurmd, munge; 4 fake A100 devices) whose job_submit.lua asks this
 * JVM's admission service: a licensed job runs and holds its maximum, an over-budget and an unlicensed large GPU job
 * are refused at sbatch with the reason, usage collected from sacct settles the hold and the budget moves, and with
 * the service down GPU jobs are refused (fail-closed). Skips only when Slurm cannot run here (not root, packages
 * missing: ./test installs them).
 */
class SlurmAdmissionE2ETest {
    private static final String PROVIDER = "cloud-t";
    private static final String CLUSTER = "e2e";
    private static SlurmHarness slurm;
    private static AdmissionHttpServer server;
    private static String url;
    private static double a100;

    @BeforeAll
    static void start() throws Exception {
        ComputeRate rate = ComputeRate.builtIn();
        a100 = rate.flopPerChipHour("A100");
        LicenceBook book = new LicenceBook();
        // Two A100 chip-hours released; de-minimis of three chip-hours for unlicensed jobs.
        book.add(new Licence("L-E2E", "frontier-lab", "run-e2e", List.of(new Tranche(1, Admission.flop(2 * a100), "")),
                Set.of(PROVIDER + "/" + CLUSTER), Set.of(), Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1)), List.of()), 1);
        AdmissionService service = new AdmissionService(new Admission(book, rate,
                new AdmissionPolicy(Admission.flop(3 * a100), AdmissionPolicy.WhenUnreachable.FAIL_CLOSED),
                Clock.systemUTC()), book);
        server = new AdmissionHttpServer(new InetSocketAddress("127.0.0.1", 0), service, book);
        url = "http://127.0.0.1:" + server.port();
        slurm = SlurmHarness.in(Files.createTempDirectory("cgov-slurm-e2e"));
        // ./test installs Slurm; a harness that cannot start it fails the test, unless skipping was asked for by name.
        slurm.startCluster(url, PROVIDER, CLUSTER);
    }

    @AfterAll
    static void stop() throws Exception {
        if (slurm != null) {
            slurm.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void licensedJobsRunWithinTheBudgetOthersAreRefusedWithTheReasonAndUsageSettles() throws Exception {
        // 2 × A100 × 30 min = 1 chip-hour of the 2 released: admitted, held.
        Run ok = slurm.sbatch("-t", "30", "--gres=gpu:a100:2", "-A", "acct-1", "--comment=licence=L-E2E", "--wrap", "sleep 2");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.err()).contains("computegov: Allowed under licence L-E2E");
        String jobId = ok.out().trim().split(";")[0];
        assertThat(budget().path("heldFlop").asText()).isEqualTo(Admission.flop(a100).toString());

        // 2 × A100 × 60 min = 2 chip-hours, 1 free: refused at sbatch with requested vs available.
        Run over = slurm.sbatch("-t", "60", "--gres=gpu:a100:2", "-A", "acct-1", "--comment=licence=L-E2E", "--wrap", "true");
        assertThat(over.code()).isNotZero();
        assertThat(over.err()).contains("computegov: Licence L-E2E has").contains("1.00 A100 chip-hours")
                .contains("2.00 chip-hours");

        // Unlicensed: 1 chip-hour is within the de-minimis, 4 × 10 h is not; a CPU job never asks.
        assertThat(slurm.sbatch("-t", "60", "--gres=gpu:a100:1", "--wrap", "true").err()).contains("");
        Run unlicensed = slurm.sbatch("-t", "600", "--gres=gpu:a100:4", "--wrap", "true");
        assertThat(unlicensed.code()).isNotZero();
        assertThat(unlicensed.err()).contains("allowed without a licence");
        assertThat(slurm.sbatch("-t", "5", "--wrap", "true").code()).isZero();
        Run untyped = slurm.sbatch("-t", "5", "--gpus=1", "--wrap", "true");
        assertThat(untyped.err()).contains("without a type");

        // The licensed job finishes; the collector reports it from sacct -c; its hold settles to what it used.
        long elapsed = slurm.waitForCompletion(jobId);
        Run collect = slurm.collectCompletions(30);
        assertThat(collect.code()).as(collect.err()).isZero();
        assertThat(collect.out()).contains("\"settled\":1");
        JsonNode b = budget();
        assertThat(b.path("heldFlop").asText()).isEqualTo("0");
        BigInteger used = Admission.flop(2 * (elapsed / 3600.0) * a100);
        assertThat(b.path("usedFlop").asText()).isEqualTo(used.toString());
        assertThat(new BigInteger(b.path("availableFlop").asText()))
                .isEqualTo(Admission.flop(2 * a100).subtract(used));
        // Resending changes nothing.
        Run again = slurm.collectCompletions(30);
        assertThat(again.out()).contains("\"settled\":0").contains("\"alreadySettled\":1");

        // The budget moved: 2 × 45 min = 1.5 chip-hours now fits (it did not while 1 chip-hour was held).
        Run fits = slurm.sbatch("-t", "45", "--gres=gpu:a100:2", "-A", "acct-1", "--comment=licence=L-E2E", "--wrap", "true");
        assertThat(fits.code()).as(fits.err()).isZero();

        // The admission service down: GPU jobs are refused (fail-closed), CPU jobs still run.
        server.close();
        Run down = slurm.sbatch("-t", "10", "--gres=gpu:a100:1", "--comment=licence=L-E2E", "--wrap", "true");
        assertThat(down.code()).isNotZero();
        assertThat(down.err()).contains("could not be reached");
        assertThat(slurm.sbatch("-t", "5", "--wrap", "true").code()).isZero();
    }

    private static JsonNode budget() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url + "/api/v1/admission/licences/L-E2E")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }
}
