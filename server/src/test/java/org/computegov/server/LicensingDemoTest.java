package org.computegov.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.registry.client.RegistryClient;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo world's licences: one near its released budget, one exhausted and suspended. */
class LicensingDemoTest {
    @TempDir Path data;

    @Test
    void theDemoHasALicenceNearItsBudgetAndAnExhaustedSuspendedOne() throws Exception {
        try (CgovServer server = CgovServer.start(new ServerOptions(0, data, null, null, null, true, null, null,
                LogOptions.defaults()), Clock.systemUTC())) {
            RegistryClient regulator = new RegistryClient(URI.create("http://127.0.0.1:" + server.port()),
                    KeyFiles.readSignerKey(data.resolve("demo-keys/regulator.key")), Clock.systemUTC());
            JsonNode near = regulator.get("/api/v1/licences/L-DEMO-1").body();
            assertThat(near.path("standing").asText()).isEqualTo("active");
            assertThat(near.path("usedShareOfReleased").asDouble()).isBetween(0.8, 0.9);
            JsonNode exhausted = regulator.get("/api/v1/licences/L-DEMO-2").body();
            assertThat(exhausted.path("standing").asText()).isEqualTo("suspended");
            assertThat(exhausted.path("standingReason").asText()).contains("budget exhausted");
            assertThat(new BigInteger(exhausted.path("availableFlop").asText()).signum()).isNegative();
        }
    }
}
