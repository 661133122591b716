package org.computegov.shaping.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.junit.jupiter.api.Test;

class RatesAndOrcidTest {
    @Test
    void aRateChangeAppliesOnlyFromItsDate() throws Exception {
        RateSchedule rates = new RateSchedule(List.of(new ExchangeRate("r", LocalDate.of(2026, 3, 1), 1.5),
                new ExchangeRate("r", LocalDate.of(2026, 1, 1), 1.0)));
        assertThat(rates.creditsFor("r", 100, LocalDate.of(2026, 2, 28))).isEqualTo(100);
        assertThat(rates.creditsFor("r", 100, LocalDate.of(2026, 3, 1))).isEqualTo(150);
        assertThat(rates.gpuHoursFor("r", 150, LocalDate.of(2027, 1, 1))).isEqualTo(100);
        assertThatThrownBy(() -> rates.rateOn("r", LocalDate.of(2025, 12, 31))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("No exchange rate");
        assertThatThrownBy(() -> rates.rateOn("other", LocalDate.of(2026, 6, 1))).isInstanceOf(InvalidInputException.class);
        // A GPU-hour of an H100 at 40% of its 989.4 TFLOP/s dense FP16 peak: 1.42e18 FLOP.
        assertThat(RateSchedule.flopFor(1, HardwareCatalog.builtIn().find("H100"), 0.4)).isEqualTo(989.4e12 * 3600 * 0.4);
    }

    /** Against a brute-force reading of the schedule: the rate on a day is the one with the latest date not after it. */
    @Property(tries = 200)
    void rateOnADayIsTheLatestNotAfterIt(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 2000) Integer> offsets,
            @ForAll @IntRange(min = -10, max = 2100) int day) throws Exception {
        LocalDate base = LocalDate.of(2024, 1, 1);
        List<ExchangeRate> list = new ArrayList<>();
        for (int o : offsets.stream().distinct().toList()) {
            list.add(new ExchangeRate("r", base.plusDays(o), 1 + o));
        }
        RateSchedule rates = new RateSchedule(list);
        LocalDate d = base.plusDays(day);
        ExchangeRate expected = list.stream().filter(r -> !r.effectiveFrom().isAfter(d))
                .max(java.util.Comparator.comparing(ExchangeRate::effectiveFrom)).orElse(null);
        if (expected == null) {
            assertThatThrownBy(() -> rates.rateOn("r", d)).isInstanceOf(InvalidInputException.class);
        } else {
            assertThat(rates.rateOn("r", d)).isEqualTo(expected);
        }
    }

    @Test
    void orcidChecksPublishedExamples() throws Exception {
        // ORCID's own examples: Josiah Carberry, and an iD whose check character is X.
        assertThat(Orcid.parse("--pi-orcid", "0000-0002-1825-0097")).isEqualTo("0000-0002-1825-0097");
        assertThat(Orcid.parse("--pi-orcid", "https://orcid.org/0000-0002-1694-233X")).isEqualTo("0000-0002-1694-233X");
        assertThatThrownBy(() -> Orcid.parse("--pi-orcid", "0000-0002-1825-0098")).hasMessageContaining("check character");
        assertThatThrownBy(() -> Orcid.parse("--pi-orcid", "0000-0002-1825")).hasMessageContaining("not an ORCID iD");
    }

    /** MOD 11-2 catches every single-digit error. */
    @Property(tries = 300)
    void everySingleDigitChangeIsCaught(@ForAll @LongRange(min = 0, max = 999_999_999_999_999L) long n,
            @ForAll @IntRange(min = 0, max = 14) int position, @ForAll @IntRange(min = 1, max = 9) int delta) {
        String digits = String.format("%015d", n);
        char check = Orcid.checkCharacter(digits);
        char[] changed = digits.toCharArray();
        changed[position] = (char) ('0' + (changed[position] - '0' + delta) % 10);
        assertThat(Orcid.checkCharacter(new String(changed))).isNotEqualTo(check);
    }
}
