package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cgov bench registry} at a small size, so a rule the registry gains (issue 12 made it refuse usage of
 * customers without KYC, which broke the benchmark unnoticed) cannot silently break the command that measures it.
 */
class BenchRegistrySmokeTest {
    @TempDir Path dir;

    @Test
    void everyGeneratedRecordReachesTheRegistry() {
        CliRun r = CliRun.of("bench", "registry", "--lines", "3000", "--batch", "500", "--data-dir", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Matcher parsed = Pattern.compile("3,000 sacct lines -> ([\\d,]+) usage records").matcher(r.out());
        assertThat(parsed.find()).as(r.out()).isTrue();
        long records = Long.parseLong(parsed.group(1).replace(",", ""));
        assertThat(records).isPositive();
        assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "registry holds %,d usage records (%,d accepted as new)",
                records, records));
    }
}
