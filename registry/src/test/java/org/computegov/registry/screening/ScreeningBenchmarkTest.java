package org.computegov.registry.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs the screening benchmark on request (-Dscreening.bench=true) and prints its figures; the target (at least
 * 1,000 queries/s against 12,000 entries) is checked in docs/BENCHMARKS.md, never by a timing assertion. The full
 * benchmark is {@link ScreeningBenchmark#main}; see README-screening.md.
 */
@EnabledIfSystemProperty(named = "screening.bench", matches = "true")
class ScreeningBenchmarkTest {
    @Test
    void printsQueriesPerSecondAgainstTwelveThousandEntries() {
        ScreeningBenchmark.Figures f = ScreeningBenchmark.run(3.0, 3);
        System.out.print(ScreeningBenchmark.format(f));
        assertThat(f.entries()).isEqualTo(12_000);
    }
}
