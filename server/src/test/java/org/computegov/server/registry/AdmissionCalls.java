package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import org.computegov.registry.client.RegistryClient.Answer;
import org.computegov.server.registry.RegistryHarness.TestActor;

/** Admission through the registry's API as provider prov-a at cluster c1, for the licence budget tests. */
final class AdmissionCalls {
    private AdmissionCalls() {}

    /** A job of {@code chips} H100 for {@code minutes} under {@code licence}, with the provider's reference {@code ref}. */
    static String job(String licence, int chips, int minutes, String ref) {
        return "{\"provider\":\"prov-a\",\"cluster\":\"c1\",\"account\":\"acct-1\",\"licence\":\"" + licence + "\","
                + "\"chip\":\"H100\",\"chips\":" + chips + ",\"timeLimitMinutes\":" + minutes + ",\"jobRef\":\"" + ref + "\"}";
    }

    /** The decision (200 expected) for {@code body}. */
    static JsonNode decide(TestActor provider, String body) throws Exception {
        Answer a = provider.post("/api/v1/admission/decide", body);
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        return a.body();
    }

    /** Reports usage at c1 as sacct lines, each {@code "ref@HH:MM:SS"}; the counts the registry answers. */
    static JsonNode usage(TestActor provider, String... lines) throws Exception {
        StringBuilder sacct = new StringBuilder("JobID|Elapsed|State|WCKey\n");
        int id = 100;
        for (String l : lines) {
            String[] refAndElapsed = l.split("@");
            sacct.append(id++).append('|').append(refAndElapsed[1]).append("|COMPLETED|cgov-").append(refAndElapsed[0]).append('\n');
        }
        Answer a = provider.client().post("/api/v1/admission/usage?cluster=c1", sacct.toString().getBytes());
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        return a.body();
    }

    /** A FLOP figure (a decimal string) of a JSON answer. */
    static BigInteger flop(JsonNode n, String field) {
        return new BigInteger(n.path(field).asText());
    }

    /** Replay (as the regulator) refuses nothing and rebuilds every table exactly as the live registry has it. */
    static void assertReplayEqual(RegistryHarness registry) throws Exception {
        JsonNode report = registry.regulator.client().post("/api/v1/registry/replay").body();
        assertThat(report.path("refused").asLong()).as("%s", report).isZero();
        for (JsonNode t : report.path("tables")) {
            assertThat(t.path("onlyLive").asLong() + t.path("onlyReplayed").asLong()).as("%s", t).isZero();
        }
    }
}
