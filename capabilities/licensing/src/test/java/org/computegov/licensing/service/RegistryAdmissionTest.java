package org.computegov.licensing.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.licensing.admission.AdmissionPolicy;
import org.computegov.registry.client.RegistryClient;
import org.junit.jupiter.api.Test;

/** The online endpoint's own rules, without a registry: nothing here reaches one (port 9 refuses connections). */
class RegistryAdmissionTest {
    private static final byte[] JOB = ("{\"account\":\"a\",\"licence\":\"L-1\",\"chip\":\"H100\",\"chips\":1,"
            + "\"timeLimitMinutes\":60,\"jobRef\":\"j1\"}").getBytes(StandardCharsets.UTF_8);

    private static RegistryAdmission admission() {
        RegistryClient unreachable = new RegistryClient(URI.create("http://127.0.0.1:9"), SignerKey.generate("cloud-a/main"),
                Clock.systemUTC());
        return new RegistryAdmission(unreachable, new AdmissionScope("cloud-a", "sol"), AdmissionPolicy.WhenUnreachable.FAIL_CLOSED,
                message -> { }, Duration.ofSeconds(2));
    }

    @Test
    void aDecisionThatWaitedPastTheCallersTimeoutIsNotAskedAndHoldsNothing() throws Exception {
        long threeSecondsAgo = System.nanoTime() - Duration.ofSeconds(3).toNanos();
        AdmissionHttpServer.Answer stale = admission().answer(new AdmissionHttpServer.Call("POST", "/api/v1/admission/decide",
                Map.of(), JOB, threeSecondsAgo));
        assertThat(stale.status()).isEqualTo(503);
        assertThat(new ObjectMapper().readTree(stale.body()).path("type").asText()).endsWith("/admission-busy");
        // The same request on time is asked of the registry: unreachable here, so a fail-closed deny (200).
        AdmissionHttpServer.Answer fresh = admission().answer(new AdmissionHttpServer.Call("POST", "/api/v1/admission/decide",
                Map.of(), JOB));
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(fresh.body()).path("code").asText()).isEqualTo("registry-unreachable");
    }
}
