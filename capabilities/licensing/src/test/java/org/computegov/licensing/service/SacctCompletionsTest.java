package org.computegov.licensing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SacctCompletionsTest {
    @Test
    void jobsWithAnAdmissionReferenceAreReadStepsAndOthersSkipped() throws Exception {
        String out = """
                JobID|WCKey|Account|Elapsed|State
                17|cgov-1733390000-0-42|acct-1|00:00:02|COMPLETED
                17.batch|cgov-1733390000-0-42|acct-1|00:00:02|COMPLETED
                18||acct-1|1-02:03:04|TIMEOUT
                19|*cgov-77|acct-2|2-00:00:00|CANCELLED by 0
                20|cgov-78|acct-2|05:30.250|FAILED
                """;
        List<SacctCompletions.Completion> c = SacctCompletions.parse(out);
        assertThat(c).containsExactly(
                new SacctCompletions.Completion("17", "1733390000-0-42", 2, "COMPLETED"),
                new SacctCompletions.Completion("19", "77", 172_800, "CANCELLED"),
                new SacctCompletions.Completion("20", "78", 331, "FAILED"));
    }

    @Test
    void elapsedTimesInEverySacctShape() throws Exception {
        assertThat(SacctCompletions.elapsed("1-02:03:04", 1)).isEqualTo(93_784);
        assertThat(SacctCompletions.elapsed("00:00:00", 1)).isZero();
        assertThat(SacctCompletions.elapsed("59:59", 1)).isEqualTo(3599);
        assertThatThrownBy(() -> SacctCompletions.elapsed("soon", 3)).hasMessageContaining("line 3");
    }

    @Test
    void missingColumnsSayWhichFormatToUse() {
        assertThatThrownBy(() -> SacctCompletions.parse("JobID|Elapsed|State\n1|00:01:00|COMPLETED\n"))
                .hasMessageContaining("wckey").hasMessageContaining("--format=");
        assertThatThrownBy(() -> SacctCompletions.parse("")).hasMessageContaining("empty");
    }
}
