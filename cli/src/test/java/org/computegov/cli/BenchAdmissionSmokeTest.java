package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cgov bench admission} at a small rate, so the command that measures admission cannot silently stop reaching
 * it: against the provider-side server in its own JVM, and against a demo registry's signed decide route, where every
 * decision must be an allow that holds budget (a rejected signature or a deny would not).
 */
class BenchAdmissionSmokeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path data;

    @Test
    void theProviderSideServerAnswersEveryRequest() throws Exception {
        CliRun r = CliRun.of("bench", "admission", "--rate", "50", "--seconds", "1", "--max-warm-up", "2", "--no-bundles", "--clients", "raw", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode raw = JSON.readTree(r.out()).path("clients").path("raw");
        assertThat(raw.path("decide").path("errors").asInt()).isZero();
        assertThat(raw.path("health").path("errors").asInt()).isZero();
        assertThat(JSON.readTree(r.out()).path("inProcessBytesPerDecision").asDouble()).isPositive();
        assertThat(JSON.readTree(r.out()).path("bundleWarmPerSecond").isNull()).isTrue(); // not measured: null, not NaN
    }

    @Test
    void theRegistrysSignedDecideRouteHoldsBudgetForEveryDecision() throws Exception {
        try (CgovServer server = CgovServer.start(new ServerOptions(0, data, null, null, null, true, null, null,
                LogOptions.defaults()), Clock.systemUTC())) {
            String url = "http://127.0.0.1:" + server.port();
            String regulator = data.resolve("demo-keys/regulator.key").toString();
            BigInteger heldBefore = held(url, regulator);
            CliRun r = CliRun.of("bench", "admission", "--registry", url, "--key", data.resolve("demo-keys/cloud-a.key").toString(),
                    "--rate", "50", "--seconds", "1", "--max-warm-up", "2", "--no-bundles", "--json");
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode decide = JSON.readTree(r.out()).path("clients").path("raw").path("decide");
            assertThat(decide.path("errors").asInt()).as(r.out()).isZero();
            // Warm-up and measured decisions: each 1 H100 for 1 minute, each an allow that holds.
            BigInteger perJob = org.computegov.licensing.admission.Admission.flop(new org.computegov.licensing.admission.JobRequest(
                    "cloud-a", "bench", "bench", "L-DEMO-1", "H100", 1, java.time.Duration.ofMinutes(1), "x").maxChipHours()
                    * org.computegov.licensing.admission.ComputeRate.builtIn().flopPerChipHour("H100"));
            BigInteger added = held(url, regulator).subtract(heldBefore);
            assertThat(added.signum()).isPositive();
            assertThat(added.mod(perJob)).isZero();
            assertThat(added.divide(perJob).longValue()).isGreaterThanOrEqualTo(decide.path("requests").asLong());
        }
    }

    @Test
    void registryWithoutAKeyIsRefused() {
        CliRun r = CliRun.of("bench", "admission", "--registry", "http://127.0.0.1:9", "--no-bundles");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--registry and --key go together");
    }

    private static BigInteger held(String url, String key) throws Exception {
        CliRun show = CliRun.of("licence", "show", "L-DEMO-1", "--json", "--url", url, "--key", key);
        assertThat(show.exit()).as(show.err()).isZero();
        JsonNode n = JSON.readTree(show.out());
        JsonNode held = n.path("heldFlop");
        assertThat(held.isMissingNode()).as(show.out()).isFalse();
        return new BigInteger(held.asText());
    }
}
