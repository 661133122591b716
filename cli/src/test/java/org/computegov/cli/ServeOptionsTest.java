package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
