package org.computegov.registry.runs;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.computegov.knowledge.InvalidInputException;

/** Any declaration written as JSON reads back as the same declaration, and writes back to the same bytes. */
class RunJsonPropertiesTest {
    @Provide
    Arbitrary<RunDeclaration> declarations() {
        Arbitrary<String> ids = Arbitraries.strings().withChars("abcXYZ0129._:-").ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> names = Arbitraries.strings().withCharRange(' ', '~').withChars('é', '雪', '"', '\\')
                .ofMinLength(1).ofMaxLength(40).filter(s -> RunDeclaration.nameProblem(s) == null);
        // Figures as people write them (3.15e23) and any positive double at all, bit pattern by bit pattern.
        Arbitrary<Double> written = Combinators.combine(Arbitraries.doubles().between(1, 10).ofScale(4),
                Arbitraries.integers().between(-3, 30)).as((m, e) -> Double.parseDouble(m + "e" + e));
        Arbitrary<Double> anyBits = Arbitraries.longs().map(Double::longBitsToDouble)
                .filter(d -> Double.isFinite(d) && d > 0);
        Arbitrary<Double> positives = Arbitraries.oneOf(written, anyBits);
        Arbitrary<String> baseRuns = Combinators.combine(ids, ids).as((dev, run) -> dev + "/" + run);
        Arbitrary<Object> base = Arbitraries.oneOf(Arbitraries.just(null), baseRuns.map(s -> (Object) s),
                positives.map(d -> (Object) d));
        return Combinators.combine(ids, names.injectNull(0.3), positives.injectNull(0.3), positives.injectNull(0.3),
                positives.injectNull(0.3), base, Arbitraries.of(DataDomain.class),
                positives.injectNull(0.3)).as((id, name, planned, params, tokens, b,
                        domain, cost) -> new RunDeclaration(id, name, planned, params, tokens,
                        b instanceof String s ? s : null, b instanceof Double d ? d : null, domain, cost));
    }

    @Property(tries = 300)
    void whatIsWrittenIsReadBackUnchanged(@ForAll("declarations") RunDeclaration d) throws InvalidInputException {
        String json = RunJson.write(d);
        RunDeclaration back = RunJson.read(json);
        assertThat(back).isEqualTo(d);
        assertThat(RunJson.write(back)).isEqualTo(json);
    }
}
