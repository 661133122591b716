package org.computegov.licensing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import org.computegov.licensing.admission.Decision;
import org.computegov.licensing.admission.JobRequest;
import org.junit.jupiter.api.Test;

/** The admission wire format read back: decisions as the registry sends them, jobs as a provider's service sends them. */
class AdmissionJsonTest {
    @Test
    void aDecisionReadsBackAsWritten() throws Exception {
        Decision allow = new Decision(Decision.Outcome.ALLOW, "licensed", "Allowed under licence L-1: …",
                new BigInteger("85536000000000000000000"), new BigInteger("1700000000000000000000000"), 80.0, 1_589_000.5,
                "L-1", "cloud-a/c9/j1");
        assertThat(AdmissionJson.decision(AdmissionJson.decision(allow))).isEqualTo(allow);
        Decision deny = new Decision(Decision.Outcome.DENY, "unknown-licence", "No licence 'L-9' is known.", BigInteger.TEN,
                null, 2.5, null, "L-9", null);
        assertThat(AdmissionJson.decision(AdmissionJson.decision(deny))).isEqualTo(deny);
    }

    @Test
    void somethingThatIsNotADecisionIsRefused() {
        ObjectNode d = AdmissionJson.decision(new Decision(Decision.Outcome.ALLOW, "de-minimis", "ok", BigInteger.ONE,
                BigInteger.TWO, 1.0, 2.0, null, null));
        assertThatThrownBy(() -> AdmissionJson.decision(d.deepCopy().put("decision", "maybe")))
                .isInstanceOf(AdmissionJson.BadRequest.class).hasMessageContaining("allow or deny");
        ObjectNode floatFlop = d.deepCopy();
        ((ObjectNode) floatFlop.get("requested")).put("flop", "1.5e21");
        assertThatThrownBy(() -> AdmissionJson.decision(floatFlop)).hasMessageContaining("requested.flop");
        assertThatThrownBy(() -> AdmissionJson.decision(d.deepCopy().putNull("reason"))).hasMessageContaining("'reason'");
        assertThatThrownBy(() -> AdmissionJson.decision(AdmissionJson.mapper().createArrayNode()))
                .hasMessageContaining("JSON object");
    }

    @Test
    void aJobIsWrittenAsARequestWithItsTimeLimitRoundedUpToWholeMinutes() throws Exception {
        JobRequest k8s = new JobRequest("cloud-a", "c9", "ns", "L-1", "H100", 8, Duration.ofSeconds(90), "k8s/ns/p/uid");
        ObjectNode o = AdmissionJson.request(k8s);
        assertThat(o.path("timeLimitMinutes").asLong()).isEqualTo(2);
        JobRequest back = AdmissionJson.request(AdmissionJson.bytes(o));
        assertThat(back.timeLimit()).isEqualTo(Duration.ofMinutes(2));
        assertThat(back.jobRef()).isEqualTo("k8s/ns/p/uid");
        assertThat(AdmissionJson.request(new JobRequest("p", "c", null, null, "H100", 1, Duration.ofHours(10), null))
                .path("timeLimitMinutes").asLong()).isEqualTo(600);
    }
}
