package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Brief fuzzing of every parser of outside bytes in the suite (the long run is {@code cgov bench fuzz --seconds N}):
 * a damaged valid sample is refused with the parser's documented exception or read; anything else is a failure.
 */
class FuzzTest {
    static final List<Fuzz.Target> TARGETS;

    static {
        try {
            TARGETS = Fuzz.targets();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<Fuzz.Target> targets() {
        return Arbitraries.of(TARGETS);
    }

    @Example
    void everyValidSampleIsRead() throws Exception {
        // The mutations start from inputs the parsers accept: a sample refused outright would fuzz only the refusal.
        for (Fuzz.Target t : TARGETS) {
            for (byte[] sample : t.samples()) {
                t.parser().parse(sample);
            }
        }
    }

    @Property(tries = 1500)
    void damagedSamplesAreRefusedAsDocumented(@ForAll("targets") Fuzz.Target t, @ForAll long seed) {
        Random r = new Random(seed);
        byte[] input = Fuzz.mutate(t.samples().get(r.nextInt(t.samples().size())), r);
        Fuzz.Finding f = Fuzz.run(t, input);
        assertThat(f).as("%s on %s", t.name(), HexFormat.of().formatHex(input, 0, Math.min(input.length, 512))).isNull();
    }
}
