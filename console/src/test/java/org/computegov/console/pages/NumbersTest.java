package org.computegov.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void largeAndSmallValuesInScientificNotationWithSuperscriptExponents() {
        assertThat(Numbers.flop(3.15e23)).isEqualTo("3.15 × 10²³ FLOP");
        assertThat(Numbers.flop(1e26)).isEqualTo("1 × 10²⁶ FLOP");
        assertThat(Numbers.sci(9.999e25)).isEqualTo("1 × 10²⁶");
        assertThat(Numbers.sci(1.5e-7)).isEqualTo("1.5 × 10⁻⁷");
    }

    @Test
    void everydayValuesInPlainNotation() {
        assertThat(Numbers.sci(2368.0)).isEqualTo("2,368");
        assertThat(Numbers.sci(2.909)).isEqualTo("2.909");
        assertThat(Numbers.sci(0.05)).isEqualTo("0.05");
        assertThat(Numbers.sci(900)).isEqualTo("900");
        assertThat(Numbers.count(116_146_176.4)).isEqualTo("116,146,176");
    }
}
