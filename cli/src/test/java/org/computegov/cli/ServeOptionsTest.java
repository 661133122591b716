package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad serve options are refused before anything starts: exit 2, what is wrong and how to fix it, no data directory. */
class ServeOptionsTest {
    @TempDir Path dir;

    @Test
    void aTrustedProxyMustBeAnAddressNotAName() {
        Path data = dir.resolve("data");
        CliRun r = CliRun.of("serve", "--port", "0", "--data-dir", data.toString(), "--trusted-proxy", "proxy.internal");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'proxy.internal' is not an IP address, CIDR block or range")
                .contains("--trusted-proxy 10.0.0.0/8");
        assertThat(Files.exists(data)).isFalse();
    }

    /** The options {@code cgov serve ARGS} would start the server with (checked as serve checks them, nothing started). */
    private static org.computegov.server.ServerOptions options(String... args) throws Exception {
        ServeCommand serve = new ServeCommand();
        new picocli.CommandLine(serve).parseArgs(args);
        return serve.options();
    }

    @Test
    void theHoldGraceIsADurationDefaultingToSevenDays() throws Exception {
        Path data = dir.resolve("data");
        assertThat(options("--data-dir", data.toString()).registry().holdGrace()).isEqualTo(Duration.ofDays(7));
        assertThat(options("--data-dir", data.toString(), "--hold-grace", "36h").registry().holdGrace())
                .isEqualTo(Duration.ofHours(36));
        assertThat(options("--data-dir", data.toString(), "--hold-grace", "2d").registry().holdGrace())
                .isEqualTo(Duration.ofDays(2));
        assertThat(options("--data-dir", data.toString(), "--hold-grace", "90").registry().holdGrace())
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(Files.exists(data)).isFalse();
        assertThat(CliRun.of("serve", "--help").out()).contains("--hold-grace");
    }

    @Test
    void aBadHoldGraceIsRefusedSayingWhatADurationIs() {
        Path data = dir.resolve("data");
        for (String bad : new String[] {"7 days", "-1d", "0", "400d", "1w"}) {
            CliRun r = CliRun.of("serve", "--port", "0", "--data-dir", data.toString(), "--hold-grace", bad);
            assertThat(r.exit()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).contains("--hold-grace '" + bad + "' is not a duration of 1 minute to 366 days")
                    .contains("e.g. 48h, 90m, 2d");
            assertThat(Files.exists(data)).as(bad).isFalse();
        }
    }

    @Test
    void theDecisionRetentionIsADurationOfAtMostAYear() {
        Path data = dir.resolve("data");
        for (String bad : new String[] {"forever", "0d", "400d"}) {
            CliRun r = CliRun.of("serve", "--port", "0", "--data-dir", data.toString(), "--decision-retention", bad);
            assertThat(r.exit()).as(bad).isEqualTo(2);
            assertThat(r.err()).contains("--decision-retention '" + bad + "' is not a duration of 1 minute to 366 days");
        }
        assertThat(Files.exists(data)).isFalse();
    }
}
