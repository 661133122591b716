package org.computegov.registry.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScreeningIndexTest {
    private static final ScreeningIndex SYN = ScreeningIndex.build(ScreeningLists.synthetic());

    private static ScreeningResult top(String query) {
        List<ScreeningResult> r = SYN.screen(query);
        assertThat(r).as(query).isNotEmpty();
        return r.get(0);
    }

    @Test
    void findsVariantsOfAName() {
        for (String q : List.of("Zorblat Quantum Dynamics LLC", "zorblat quantum dynamics", "Dynamics Zorblat Quantum, Ltd.",
                "Zorblat Quantum Dynamcis", "Zorblat Qvantum Dinamics", "ZORBLÂT QUÄNTUM DYNAMICS GmbH")) {
            ScreeningResult r = top(q);
            assertThat(r.entry().entityNumber()).as(q).isEqualTo("1");
            assertThat(r.matchedFields()).as(q).contains(MatchField.NAME);
            assertThat(r.score()).as(q).isBetween(0.85, 1.0);
        }
        assertThat(top("Zorblat Quantum Dynamics").score()).isEqualTo(1.0);
    }

    @Test
    void reportsWhichAliasMatched() {
        ScreeningResult r = top("ZQD Holdings");
        assertThat(r.entry().entityNumber()).isEqualTo("1");
        assertThat(r.matchedName()).isEqualTo("ZQD Holdings");
        assertThat(r.matchedFields()).containsExactly(MatchField.ALIAS);
        assertThat(r.viaAlias()).isTrue();
        assertThat(r.source()).isEqualTo("Synthetic Entity List (SEL) - computegov test data");
        assertThat(r.entityId()).isEqualTo("1");
        assertThat(r.queryName()).isEqualTo("ZQD Holdings");
        assertThat(r.explanation()).isEqualTo("zqd=zqd 1.00, holdings=holdings 1.00");
    }

    @Test
    void parenthesisedAbbreviationIsAnAliasAndTheNameWorksWithoutIt() {
        assertThat(top("AIA").entry().entityNumber()).isEqualTo("5");
        assertThat(top("AIA").matchedFields()).contains(MatchField.ALIAS);
        ScreeningResult r = top("Academy of Imaginary Accelerators");
        assertThat(r.entry().entityNumber()).isEqualTo("5");
        assertThat(r.score()).isEqualTo(1.0);
        assertThat(r.matchedFields()).contains(MatchField.NAME);
        assertThat(top("AIA Compute Bureau").matchedName()).isEqualTo("AIA Compute Bureau");
    }

    @Test
    void crossesScriptsAndJoinsWords() {
        assertThat(top("Зорбалинк Трейдинг").entry().entityNumber()).isEqualTo("3");
        assertThat(top("Zorbalink Treyding OOO").entry().entityNumber()).isEqualTo("3");
        assertThat(top("Lodzwerk Fiktiv Halbleiter").entry().entityNumber()).isEqualTo("2");
        assertThat(top("Omega Oneiropolos").entry().entityNumber()).isEqualTo("11");
        ScreeningResult joined = top("AeroPhantasma Airlines");
        assertThat(joined.entry().entityNumber()).isEqualTo("10");
        assertThat(top("Mueller Fakeburg Halbleiter").entry().entityNumber()).isEqualTo("9");
        assertThat(top("Pseudonex Compute Co").entry().entityNumber()).isEqualTo("4");
    }

    @Test
    void personsInAnyOrder() {
        assertThat(top("Travok Marrow Quillenby").entry().entityNumber()).isEqualTo("6");
        assertThat(top("Travok Quilenby").entry().entityNumber()).isEqualTo("6");
    }

    @Test
    void unrelatedNamesFindNothing() {
        for (String q : List.of("Harborview Analytics LLC", "Emily Johnson", "Northwind Cloud Services GmbH", "Quantum", "Zorblat Fish Shop"))
            assertThat(SYN.screen(q)).as(q).isEmpty();
    }

    @Test
    void thresholdAndMaxResultsAreHonouredBestFirst() {
        ScreeningOptions low = ScreeningOptions.defaults().withThreshold(0.5).withMaxResults(50);
        List<ScreeningResult> r = SYN.screen(ScreeningQuery.of("Zorblat Quantum"), low);
        assertThat(r).hasSizeGreaterThanOrEqualTo(1);
        assertThat(r).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        assertThat(r).allSatisfy(x -> assertThat(x.score()).isBetween(0.5, 1.0));
        assertThat(SYN.screen(ScreeningQuery.of("Zorblat Quantum"), low.withThreshold(0.95))).isEmpty();
        assertThat(SYN.screen(ScreeningQuery.of("Novarix Systems"), low.withMaxResults(1))).hasSize(1);
    }

    @Test
    void countryBoostsOrFilters() {
        ScreeningOptions boost = ScreeningOptions.defaults().withThreshold(0.7);
        List<ScreeningResult> r = SYN.screen(ScreeningQuery.of("Novarix Systemz", "Iran"), boost);
        assertThat(r).hasSize(2);
        assertThat(r.get(0).entry().entityNumber()).isEqualTo("8");
        assertThat(r.get(0).matchedFields()).contains(MatchField.COUNTRY);
        assertThat(r.get(0).score()).isGreaterThan(r.get(1).score());
        assertThat(r.get(0).nameScore()).isEqualTo(r.get(1).nameScore());
        assertThat(r.get(1).matchedFields()).doesNotContain(MatchField.COUNTRY);
        List<ScreeningResult> filtered = SYN.screen(ScreeningQuery.of("Novarix Systems", "BY"), boost.withCountryMode(CountryMode.FILTER));
        assertThat(filtered).extracting(x -> x.entry().entityNumber()).containsExactly("7");
        List<ScreeningResult> ignored = SYN.screen(ScreeningQuery.of("Novarix Systems", "BY"), boost.withCountryMode(CountryMode.IGNORE));
        assertThat(ignored).hasSize(2).allSatisfy(x -> assertThat(x.score()).isEqualTo(1.0));
    }

    @Test
    void addressMatchIsReportedAndBoosts() {
        ScreeningQuery q = new ScreeningQuery("Zorblat Quantum Dynamic", List.of(), null, "12 Fictive Road, Shenzhen");
        ScreeningResult r = SYN.screen(q, ScreeningOptions.defaults()).get(0);
        assertThat(r.matchedFields()).containsExactlyInAnyOrder(MatchField.NAME, MatchField.ADDRESS);
        assertThat(r.score()).isGreaterThan(r.nameScore());
    }

    @Test
    void customerAliasesAreScreenedToo() {
        Customer c = new Customer("c-1", "Harborview Analytics", List.of("Zorblat QD"), "CN");
        ScreeningResult r = SYN.screen(c, ScreeningOptions.defaults()).get(0);
        assertThat(r.entry().entityNumber()).isEqualTo("1");
        assertThat(r.queryName()).isEqualTo("Zorblat QD");
        assertThat(r.matchedFields()).isEqualTo(Set.of(MatchField.ALIAS, MatchField.COUNTRY));
    }

    @Test
    void exactBaselineIgnoresOrderCaseAndLegalFormOnly() {
        assertThat(SYN.exactMatches("dynamics zorblat quantum GmbH")).extracting(ListEntry::entityNumber).containsExactly("1");
        assertThat(SYN.exactMatches("Zorblat Quantum Dynamcis")).isEmpty();
    }

    @Test
    void blockingFindsWhatAFullScanFinds() {
        ScreeningIndex idx = TestLists.realIndex();
        List<EvaluationSet.Case> cases = EvaluationSet.build(idx, 25, 10, 10, 7);
        ScreeningOptions o = ScreeningOptions.defaults().withMaxResults(1000);
        int both = 0;
        int scanOnly = 0;
        List<String> missed = new java.util.ArrayList<>();
        for (EvaluationSet.Case c : cases) {
            ScreeningQuery q = ScreeningQuery.of(c.query());
            Set<String> blocked = keys(idx.screen(q, o, false));
            Set<String> scan = keys(idx.screen(q, o, true));
            assertThat(scan).as(c.query()).containsAll(blocked);
            both += blocked.size();
            scanOnly += scan.size() - blocked.size();
            if (scan.size() > blocked.size()) missed.add(c.query());
        }
        // blocking may miss a candidate whose every token has two edits in its first four letters: rare
        assertThat((double) scanOnly / (both + scanOnly)).as("missed by blocking: %s", missed).isLessThan(0.01);
        assertThat(both).isGreaterThan(100);
    }

    @Test
    void threadsScreeningTogetherGetWhatOneThreadGets() throws Exception {
        ScreeningIndex idx = TestLists.realIndex();
        List<String> queries = TestLists.queries(EvaluationSet.build(idx, 60, 40, 20, 11));
        List<List<ScreeningResult>> expected = new java.util.ArrayList<>();
        for (String q : queries) expected.add(idx.screen(q));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 7;
                runs.add(pool.submit(() -> {
                    for (int k = 0; k < queries.size(); k++) {
                        int i = (k + offset) % queries.size();
                        if (!idx.screen(queries.get(i)).equals(expected.get(i))) return false;
                    }
                    return true;
                }));
            }
            for (var r : runs) assertThat(r.get()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Set<String> keys(List<ScreeningResult> r) {
        return r.stream().map(x -> x.entry().key()).collect(java.util.stream.Collectors.toSet());
    }
}
