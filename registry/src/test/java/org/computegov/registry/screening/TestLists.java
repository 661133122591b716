package org.computegov.registry.screening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real lists under shared/data/screening, loaded once per test JVM. */
final class TestLists {
    private static ScreeningList sdn;
    private static ScreeningList csl;
    private static ScreeningIndex realIndex;
    private static ScreeningList twelveK;
    private static ScreeningIndex twelveKIndex;

    private TestLists() {
    }

    /** {@code -Dscreening.data=DIR}, else the copies in src/test/resources/screening, else shared/data/screening above. */
    static Path dataDir() {
        String prop = System.getProperty("screening.data");
        if (prop != null) return Path.of(prop);
        Path bundled = Path.of("src", "test", "resources", "screening");
        if (Files.isRegularFile(bundled.resolve("ofac_sdn.csv"))) return bundled;
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            for (Path c : List.of(p.resolve("shared/data/screening"), p.resolveSibling("shared").resolve("data/screening"))) {
                if (Files.isRegularFile(c.resolve("ofac_sdn.csv"))) return c;
            }
        }
        throw new IllegalStateException("shared/data/screening not found; set -Dscreening.data=DIR");
    }

    static synchronized ScreeningList sdn() {
        if (sdn == null) sdn = load(dataDir().resolve("ofac_sdn.csv"));
        return sdn;
    }

    static synchronized ScreeningList csl() {
        if (csl == null) csl = load(dataDir().resolve("csl_sample.csv"));
        return csl;
    }

    /** OFAC SDN (with ALT and ADD) + the CSL sample: the real lists, as the evaluation uses them. */
    static synchronized ScreeningIndex realIndex() {
        if (realIndex == null) realIndex = ScreeningIndex.build(ScreeningList.merge(List.of(sdn(), csl())));
        return realIndex;
    }

    /** SDN + CSL sample + the bundled synthetic list, padded with generated fictitious entries to 12,000. */
    static synchronized ScreeningList twelveK() {
        if (twelveK == null) {
            ScreeningList base = ScreeningList.merge(List.of(sdn(), csl(), ScreeningLists.synthetic()));
            List<ListEntry> pad = SyntheticLists.generate(12_000 - base.size(), 7L, 100_000);
            ListVersion v = new ListVersion("padding", java.time.Instant.now(), pad.size(), "generated padding");
            twelveK = ScreeningList.merge(List.of(base, new ScreeningList(v, pad)));
        }
        return twelveK;
    }

    static synchronized ScreeningIndex twelveKIndex() {
        if (twelveKIndex == null) twelveKIndex = ScreeningIndex.build(twelveK());
        return twelveKIndex;
    }

    private static ScreeningList load(Path p) {
        try {
            return ScreeningLists.load(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ListFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> queries(List<EvaluationSet.Case> cases) {
        List<String> q = new ArrayList<>(cases.size());
        for (EvaluationSet.Case c : cases) q.add(c.query());
        return q;
    }
}
