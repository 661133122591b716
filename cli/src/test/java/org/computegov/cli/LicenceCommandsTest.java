package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The licence loop from the command line against a demo server: show, bundle (as the regulator), verify and admit
 * offline, suspend, and the next bundle's status denies.
 */
class LicenceCommandsTest {
    @TempDir Path data;
    @TempDir Path work;

    @Test
    void showBundleVerifyAdmitSuspend() throws Exception {
        try (CgovServer server = CgovServer.start(new ServerOptions(0, data, null, null, null, true, null, null,
                LogOptions.defaults()), Clock.systemUTC())) {
            String url = "http://127.0.0.1:" + server.port();
            String regulator = data.resolve("demo-keys/regulator.key").toString();
            String regulatorVkey = KeyFiles.readSignerKey(data.resolve("demo-keys/regulator.key")).verifierKey().encode();
            String logVkey = KeyFiles.readSignerKey(data.resolve("log.key")).verifierKey().encode();

            CliRun show = CliRun.of("licence", "show", "L-DEMO-1", "--url", url, "--key", regulator);
            assertThat(show.exit()).as(show.err()).isZero();
            assertThat(show.out()).contains("L-DEMO-1  active").contains("1 of 2 tranches");

            Path bundle = work.resolve("l1.json");
            CliRun made = CliRun.of("licence", "bundle", "L-DEMO-1", "--out", bundle.toString(), "--url", url, "--key", regulator);
            assertThat(made.exit()).as(made.err()).isZero();
            CliRun verified = CliRun.of("licence", "verify", bundle.toString(), "--issuer-key", regulatorVkey, "--log-key", logVkey);
            assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
            assertThat(verified.out()).contains("verified: licence L-DEMO-1");
            CliRun admit = CliRun.of("admit", "--bundle", bundle.toString(), "--issuer-key", regulatorVkey, "--log-key", logVkey,
                    "--provider", "cloud-a", "--cluster", "c9", "--chip", "H100", "--chips", "64", "--time-limit", "24h", "--json");
            assertThat(admit.exit()).as(admit.out() + admit.err()).isZero();
            assertThat(new ObjectMapper().readTree(admit.out()).path("decision").asText()).isEqualTo("allow");
            // Someone else's key is not the regulator's.
            String otherVkey = KeyFiles.readSignerKey(data.resolve("demo-keys/cloud-a.key")).verifierKey().encode();
            assertThat(CliRun.of("licence", "verify", bundle.toString(), "--issuer-key", otherVkey, "--log-key", logVkey).exit())
                    .isEqualTo(1);

            CliRun suspend = CliRun.of("licence", "suspend", "L-DEMO-1", "--reason", "interim evaluation failed", "--url", url,
                    "--key", regulator);
            assertThat(suspend.exit()).as(suspend.err()).isZero();
            Path after = work.resolve("l1-suspended.json");
            assertThat(CliRun.of("licence", "bundle", "L-DEMO-1", "--out", after.toString(), "--url", url, "--key", regulator).exit()).isZero();
            CliRun denied = CliRun.of("admit", "--bundle", after.toString(), "--issuer-key", regulatorVkey, "--log-key", logVkey,
                    "--provider", "cloud-a", "--cluster", "c9", "--chip", "H100", "--chips", "64", "--time-limit", "24h", "--json");
            assertThat(denied.exit()).isEqualTo(1);
            assertThat(new ObjectMapper().readTree(denied.out()).path("code").asText()).isEqualTo("licence-suspended");
            assertThat(CliRun.of("licence", "release", "L-DEMO-1", "--tranche", "5", "--url", url, "--key", regulator).exit())
                    .isEqualTo(2);
        }
    }
}
