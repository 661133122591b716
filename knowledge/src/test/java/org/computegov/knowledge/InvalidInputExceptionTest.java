package org.computegov.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {
    @Test
    void messageAndHintReadAsTwoSentences() {
        assertThat(new InvalidInputException("run", "no run x of lab", "cgov runs declare registers one.").describe())
                .isEqualTo("no run x of lab. cgov runs declare registers one.");
        assertThat(new InvalidInputException("flop", "--flop must be a number, got 'abc'.", "Give a number.").describe())
                .isEqualTo("--flop must be a number, got 'abc'. Give a number.");
        assertThat(new InvalidInputException("flop", "Not found (HTTP 404): no such thing (yet)", "Try again.").describe())
                .isEqualTo("Not found (HTTP 404): no such thing (yet). Try again.");
        assertThat(new InvalidInputException("x", "bad", null).describe()).isEqualTo("bad");
    }
}
