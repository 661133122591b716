package org.computegov.registry.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any record written as JSON reads back as the same record, with the same id. */
class UsageJsonPropertiesTest {
    private final UsageJson json = new UsageJson(Samples.CATALOG);

    @Provide
    Arbitrary<UsageRecord> records() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('!', '~').withChars('é', '雪', ' ', '"', '\\')
                .ofMinLength(1).ofMaxLength(30).filter(s -> UsageRecord.textProblem(s) == null);
        Arbitrary<String> chips = Arbitraries.of(Samples.CATALOG.all()).map(a -> a.name());
        Arbitrary<Instant> starts = Arbitraries.longs().between(946_684_800L, 4_102_444_800L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        Arbitrary<Long> lengths = Arbitraries.longs().between(1, 400L * 24 * 3600 * 1_000_000_000L);
        Arbitrary<Optional<String>> runs = names.optional();
        return Combinators.combine(names, names, names, chips, Arbitraries.integers().between(1, 200_000), starts,
                lengths, runs).as((p, c, cu, chip, n, start, nanos, run) ->
                        new UsageRecord(p, c, cu, chip, n, start, start.plusNanos(nanos), run, p + "-" + n));
    }

    @Property(tries = 300)
    void whatIsWrittenIsReadBackUnchanged(@ForAll("records") UsageRecord record) {
        ParsedUsage back = json.read(UsageJson.write(List.of(record)));
        assertThat(back.problems()).isEmpty();
        assertThat(back.records()).containsExactly(record);
        assertThat(back.records().get(0).recordId()).isEqualTo(record.recordId());
    }
}
