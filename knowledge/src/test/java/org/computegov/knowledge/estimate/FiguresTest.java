package org.computegov.knowledge.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The JDK's formatter is the oracle: Figures must print exactly what it prints. */
class FiguresTest {
    @Provide
    Arbitrary<Double> figures() {
        // Every magnitude the project prints (1e-12 … 1e40), whole numbers, halves at the rounding edge, and raw bits.
        Arbitrary<Double> scaled = Arbitraries.doubles().between(1, 10).ofScale(6)
                .flatMap(m -> Arbitraries.integers().between(-12, 40).map(e -> m * Math.pow(10, e)));
        Arbitrary<Double> whole = Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L).map(Long::doubleValue);
        Arbitrary<Double> halves = Arbitraries.integers().between(1, 99_999).flatMap(
                n -> Arbitraries.integers().between(-6, 6).map(e -> (n + 0.5) * Math.pow(10, e)));
        Arbitrary<Double> bits = Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite);
        Arbitrary<Double> signed = Arbitraries.oneOf(scaled, whole, halves, bits);
        return Arbitraries.oneOf(signed, signed.map(d -> -d));
    }

    @Property(tries = 5000)
    void significantPrintsWhatTheJdkFormatterPrints(@ForAll("figures") double v, @ForAll @IntRange(min = 1, max = 6) int digits) {
        assertThat(Figures.significant(v, digits)).isEqualTo(String.format(Locale.ROOT, "%." + digits + "g", v));
    }

    @Property(tries = 5000)
    void groupedPrintsWhatTheJdkFormatterPrints(@ForAll("figures") double v, @ForAll @IntRange(min = 0, max = 3) int decimals) {
        assertThat(Figures.grouped(v, decimals)).isEqualTo(String.format(Locale.ROOT, "%,." + decimals + "f", v));
    }

    @Example
    void edgesOfRoundingAndNotation() {
        double[] edges = {0.0, -0.0, 1e-4, 9.9995e-5, 0.00099995, 999.5, 999.4999, 9.995, 1e6, 999_999.5, 1.005, 2.675,
            0.5, 1.5, 2.5, -2.5, 1e21, 1e22, 1.7976931348623157e308, Double.MIN_VALUE, 123_456_789.5, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : edges) {
            for (int d = 1; d <= 4; d++) {
                assertThat(Figures.significant(v, d)).as("%%.%dg of %s", d, v).isEqualTo(String.format(Locale.ROOT, "%." + d + "g", v));
                assertThat(Figures.grouped(v, d - 1)).as("%%,.%df of %s", d - 1, v).isEqualTo(String.format(Locale.ROOT, "%,." + (d - 1) + "f", v));
            }
        }
        assertThat(Figures.significant(1.25e26, 3)).isEqualTo("1.25e+26");
        assertThat(Figures.grouped(16384, 0)).isEqualTo("16,384");
    }
}
