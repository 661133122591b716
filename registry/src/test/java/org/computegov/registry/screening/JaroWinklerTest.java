package org.computegov.registry.screening;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.Test;

/** The hot-path Jaro–Winkler gives exactly what Apache Commons Text gives. */
class JaroWinklerTest {
    private static final JaroWinklerSimilarity REFERENCE = new JaroWinklerSimilarity();

    @Property(tries = 3000)
    void equalsCommonsTextOnSimilarWords(@ForAll("words") String a, @ForAll("words") String b) {
        assertThat(JaroWinkler.similarity(a, b)).isEqualTo(REFERENCE.apply(a, b));
    }

    @Property(tries = 500)
    void equalsCommonsTextOnLongStrings(@ForAll("longStrings") String a, @ForAll("longStrings") String b) {
        assertThat(JaroWinkler.similarity(a, b)).isEqualTo(REFERENCE.apply(a, b));
    }

    @Test
    void knownValues() {
        for (String[] p : new String[][]{{"martha", "marhta"}, {"dixon", "dicksonx"}, {"jellyfish", "smellyfish"}, {"rosneft", "roshan"},
                {"a", "a"}, {"", "abc"}, {"abc", ""}, {"mohammed", "muhammad"}, {"x".repeat(70), "x".repeat(69) + "y"}}) {
            assertThat(JaroWinkler.similarity(p[0], p[1])).as(p[0] + "/" + p[1]).isEqualTo(REFERENCE.apply(p[0], p[1]));
        }
        assertThat(JaroWinkler.similarity("martha", "marhta")).isCloseTo(0.961, org.assertj.core.data.Offset.offset(0.001));
    }

    @Provide
    Arbitrary<String> words() {
        // a small alphabet makes repeated letters, transpositions and near-misses frequent
        return Arbitraries.strings().withChars("abcdeimnorst").ofMinLength(0).ofMaxLength(14);
    }

    @Provide
    Arbitrary<String> longStrings() {
        return Arbitraries.strings().withChars("abcde").ofMinLength(50).ofMaxLength(90);
    }
}
