package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.computegov.registry.kernel.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cgov bench catch-up} at a small size: the raw entries land, the server restarts over them and writes, and the
 * replay run beside a writer equals the live registry, so the command that measures issue 12's slow paths keeps
 * measuring what it says.
 */
class BenchCatchUpSmokeTest {
    @TempDir Path dir;

    @Test
    void restartWriteAndReplayOverRawEntries() throws Exception {
        CliRun r = CliRun.of("bench", "catch-up", "--entries", "1500", "--writes", "3", "--json", "--data-dir", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode figures = Json.MAPPER.readTree(r.out());
        assertThat(figures.path("entries").asInt()).isEqualTo(1500);
        assertThat(figures.path("replayEqual").asBoolean()).isTrue();
        // The registry's first statement, 1,500 raw entries, then the restart's 4 writes and the baseline's one,
        // plus whatever the writer managed during the replay: the replay saw all of them but the writer's last.
        assertThat(figures.path("replayLogSize").asLong()).isGreaterThanOrEqualTo(1 + 1500 + 4 + 1);
        assertThat(figures.path("restartSeconds").asDouble()).isPositive();
        assertThat(figures.path("firstWriteMs").asDouble()).isPositive();
        assertThat(figures.path("steadyWriteP50Ms").asDouble()).isPositive();
    }

    @Test
    void outOfRangeSizesAreRefusedWithTheRange() {
        CliRun r = CliRun.of("bench", "catch-up", "--entries", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--entries").contains("e.g. --entries 22000");
    }
}
