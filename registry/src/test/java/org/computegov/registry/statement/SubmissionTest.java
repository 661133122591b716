package org.computegov.registry.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.computegov.ledger.keys.SignerKey;
import org.junit.jupiter.api.Test;

class SubmissionTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T20:00:00Z"), ZoneOffset.UTC);
    private final StatementWriter writer = new StatementWriter(SignerKey.generate("cloud-a/main"), "cloud-a", CLOCK);

    @Test
    void theEnvelopeIsKeptByteForByteWhateverItsSpacing() throws Exception {
        Submission s = writer.sealedStatement("run", "run:cloud-a/r1", writer.predicate().put("run", "r1"),
                "{\"runId\":\"r1\",\"dataDomain\":\"general\"}".getBytes(StandardCharsets.UTF_8));
        String envelope = new String(s.envelope(), StandardCharsets.UTF_8);
        // The same envelope object with extra white space and key order changes inside: those exact bytes must come out.
        String spaced = envelope.replace("{", "{ \n\t").replace(",", " ,  ");
        String body = "{ \"sealed\": {\"payload\": \"" + Base64.getEncoder().encodeToString(s.sealed().payload())
                + "\", \"salt\": \"" + Base64.getEncoder().encodeToString(s.sealed().salt()) + "\"},\n \"envelope\" : "
                + spaced + " }";
        Submission parsed = Submission.parse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(parsed.envelope(), StandardCharsets.UTF_8)).isEqualTo(spaced);
        assertThat(parsed.sealed().commitment()).isEqualTo(s.sealed().commitment());
        assertThat(Submission.parse(s.toJson()).envelope()).isEqualTo(s.envelope());
    }

    @Test
    void malformedSubmissionsAreRefusedNamingTheMember() {
        assertRefused("[]", null);
        assertRefused("{\"sealed\": {\"salt\": \"AAAA\", \"payload\": \"AAAA\"}}", "envelope");
        assertRefused("{\"envelope\": \"text\"}", null);
        assertRefused("{\"envelope\": {}, \"extra\": 1}", "extra");
        assertRefused("{\"envelope\": {}, \"sealed\": {\"salt\": \"AAAA\"}}", "sealed");
        assertRefused("{\"envelope\": {}, \"sealed\": {\"salt\": \"AAAA\", \"payload\": \"AAAA\"}}", "sealed.salt");
        assertRefused("{\"envelope\": {}, \"attachment\": \"not base64!\"}", "attachment");
        assertRefused("{\"envelope\": {}} trailing", null);
        // Only UTF-8 bodies have envelope bytes to keep exactly.
        assertThatThrownBy(() -> Submission.parse("{\"envelope\": {\"a\": 1}}".getBytes(StandardCharsets.UTF_16)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.getMessage()).contains("UTF-8"));
    }

    private static void assertRefused(String body, String field) {
        assertThatThrownBy(() -> Submission.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.field()).isEqualTo(field);
                });
    }
}
