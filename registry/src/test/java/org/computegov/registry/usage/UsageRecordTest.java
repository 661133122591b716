package org.computegov.registry.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageRecordTest {
    private static final Instant START = Instant.parse("2025-03-03T10:00:00Z");
    private static final Instant END = Instant.parse("2025-03-03T12:30:00Z");

    private static UsageRecord record() {
        return new UsageRecord("acme-cloud", "sol", "lab-a", Samples.H100, 8, START, END, Optional.of("run-42"), "9001");
    }

    @Test
    void chipHoursAreCountTimesWallClockHours() {
        assertThat(record().chipHours()).isEqualTo(20.0);
        UsageRecord subSecond = new UsageRecord("p", "c", "a", "x", 3, START, START.plusMillis(1500), "1");
        assertThat(subSecond.chipHours()).isEqualTo(3 * 1.5 / 3600);
        assertThat(record().duration()).hasMinutes(150);
    }

    @Test
    void theRecordIdIsSha256OverTheDocumentedEncoding() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String field : new String[] {"computegov/usage-record/v1", "acme-cloud", "sol", "9001",
                "2025-03-03T10:00:00Z", Samples.H100}) {
            byte[] b = field.getBytes(StandardCharsets.UTF_8);
            bytes.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            bytes.writeBytes(b);
            bytes.write('\n');
        }
        assertThat(record().recordId()).isEqualTo(HexFormat.of().formatHex(sha.digest(bytes.toByteArray())))
                .hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void theRecordIdIsTheSameForAResubmissionWhateverElseChanged() {
        UsageRecord r = record();
        UsageRecord changed = new UsageRecord("acme-cloud", "sol", "lab-b", Samples.H100, 4, START,
                END.plusSeconds(60), Optional.empty(), "9001");
        assertThat(changed.recordId()).isEqualTo(r.recordId());
        assertThat(changed.jobKey()).isEqualTo(r.jobKey());
    }

    @Test
    void theRecordIdChangesWithEachIdentifyingField() {
        String id = record().recordId();
        assertThat(new UsageRecord("other", "sol", "lab-a", Samples.H100, 8, START, END, "9001").recordId()).isNotEqualTo(id);
        assertThat(new UsageRecord("acme-cloud", "luna", "lab-a", Samples.H100, 8, START, END, "9001").recordId()).isNotEqualTo(id);
        assertThat(new UsageRecord("acme-cloud", "sol", "lab-a", Samples.H100, 8, START, END, "9001_1").recordId()).isNotEqualTo(id);
        assertThat(new UsageRecord("acme-cloud", "sol", "lab-a", Samples.H100, 8, START.minusSeconds(1), END, "9001").recordId()).isNotEqualTo(id);
        UsageRecord otherChip = new UsageRecord("acme-cloud", "sol", "lab-a", Samples.A100, 8, START, END, "9001");
        assertThat(otherChip.recordId()).isNotEqualTo(id);
        assertThat(otherChip.jobKey()).isEqualTo(record().jobKey()).isNotEqualTo(id);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        UsageRecord a = new UsageRecord("ab", "c", "x", "chip", 1, START, END, "1");
        UsageRecord b = new UsageRecord("a", "bc", "x", "chip", 1, START, END, "1");
        assertThat(a.recordId()).isNotEqualTo(b.recordId());
    }

    @Test
    void textFieldsMustBeNamesTheRegistryCanStoreAndShow() {
        assertThatThrownBy(() -> new UsageRecord("", "sol", "lab-a", "x", 1, START, END, "1")).hasMessageContaining("provider is missing");
        assertThatThrownBy(() -> new UsageRecord("p", "   ", "lab-a", "x", 1, START, END, "1")).hasMessageContaining("cluster is blank");
        assertThatThrownBy(() -> new UsageRecord("p", "c", "lab-a ", "x", 1, START, END, "1")).hasMessageContaining("customer has white space");
        assertThatThrownBy(() -> new UsageRecord("p", "c", "a", "x", 1, START, END, "1\n2")).hasMessageContaining("jobId contains a control character (U+000A)");
        assertThatThrownBy(() -> new UsageRecord("p", "c", "a", "x", 1, START, END, Optional.of(""), "1")).hasMessageContaining("runId is missing");
        assertThatThrownBy(() -> new UsageRecord("p", "c", "a", "x".repeat(257), 1, START, END, "1")).hasMessageContaining("longer than 256");
        assertThatThrownBy(() -> new UsageRecord("p", "c", "a", null, 1, START, END, "1")).hasMessageContaining("chip is missing");
        assertThatThrownBy(() -> new UsageRecord("p", "c", "a", "x", 1, START, END, null, "1")).isInstanceOf(NullPointerException.class);
        assertThat(new UsageRecord("p", "c", "a", "x".repeat(256), 1, START, END, "1").chip()).hasSize(256);
    }

    @Test
    void aRecordHoldsAtLeastOneChipForAPositiveInterval() {
        assertThatThrownBy(() -> new UsageRecord("p", "c", "a", "x", 0, START, END, "1")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new UsageRecord("p", "c", "a", "x", -8, START, END, "1")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new UsageRecord("p", "c", "a", "x", 1, START, START, "1")).hasMessageContaining("must be after start");
        assertThatThrownBy(() -> new UsageRecord("p", "c", "a", "x", 1, END, START, "1")).hasMessageContaining("must be after start");
        assertThatThrownBy(() -> new UsageRecord("p", "c", "a", "x", 1, null, END, "1")).isInstanceOf(NullPointerException.class);
    }
}
