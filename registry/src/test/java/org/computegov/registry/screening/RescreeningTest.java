package org.computegov.registry.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RescreeningTest {
    private static final List<Customer> CUSTOMERS = List.of(
            new Customer("c-zorblat", "Zorblat Quantum Dynamics", List.of(), "CN"),
            new Customer("c-clean", "Harborview Analytics", List.of(), "US"),
            new Customer("c-newly-listed", "Glimmerquay Compute Partners", List.of("GQC Partners"), "AE"),
            new Customer("c-delisted", "Pseudonex Compute", List.of(), "AE"),
            new Customer("c-alias", "Northwind Data", List.of("Lodzwerk Fiktiv Halbleiter"), "PL"));

    private static ScreeningList version(List<ListEntry> entries) throws Exception {
        return ScreeningLists.loadCsl(SyntheticLists.toCsl(entries).getBytes(StandardCharsets.UTF_8), "v");
    }

    @Test
    void reportsNewChangedAndRemovedHitsOnly() throws Exception {
        List<ListEntry> v1 = ScreeningLists.synthetic().entries();
        List<ListEntry> v2 = new ArrayList<>(v1);
        v2.removeIf(e -> e.entityNumber().equals("4"));
        ListEntry lodz = v1.stream().filter(e -> e.entityNumber().equals("2")).findFirst().orElseThrow();
        v2.set(v2.indexOf(lodz), new ListEntry(lodz.source(), lodz.entityNumber(), lodz.listId(), lodz.type(), lodz.name(),
                List.of("Lodzwerk Semiconductors"), lodz.addresses(), lodz.countries(), List.of("SYN-PL", "SYN-NEW"), lodz.ids(), lodz.remarks()));
        v2.add(new ListEntry(v1.get(0).source(), "9001", "", "Entity", "Glimmerquay Compute Partners Ltd", List.of(),
                List.of("1 Pretend Pier, Dubai, AE"), new TreeSet<>(List.of("AE")), List.of("SYN-AE"), List.of(), SyntheticLists.REMARK));
        ScreeningIndex before = ScreeningIndex.build(version(v1));
        ScreeningIndex after = ScreeningIndex.build(version(v2));
        List<RescreenHit> hits = Rescreening.rescreen(CUSTOMERS, before, after, ScreeningOptions.defaults());
        assertThat(hits).extracting(h -> h.customerId() + " " + h.change() + " " + h.entryKey()).containsExactlyInAnyOrder(
                "c-newly-listed NEW SEL:9001",
                "c-delisted REMOVED SEL:4",
                "c-alias CHANGED SEL:2");
        RescreenHit changed = hits.stream().filter(h -> h.change() == RescreenHit.Change.CHANGED).findFirst().orElseThrow();
        assertThat(changed.previous().entry().programs()).containsExactly("SYN-PL");
        assertThat(changed.current().entry().programs()).contains("SYN-NEW");

        // the cheaper path, from recorded hits, agrees
        Map<String, List<ScreeningResult>> recorded = new java.util.HashMap<>();
        for (Customer c : CUSTOMERS) recorded.put(c.id(), before.screen(c, ScreeningOptions.defaults()));
        assertThat(Rescreening.rescreen(CUSTOMERS, recorded, after, ScreeningOptions.defaults())).isEqualTo(hits);
    }

    @Test
    void sameListVersionMeansNothingToReport() throws Exception {
        ScreeningList l = ScreeningLists.synthetic();
        ScreeningIndex a = ScreeningIndex.build(l);
        ScreeningIndex b = ScreeningIndex.build(ScreeningLists.synthetic());
        assertThat(Rescreening.rescreen(CUSTOMERS, a, b, ScreeningOptions.defaults())).isEmpty();
        // and from no recorded hits, every current hit is new
        assertThat(Rescreening.rescreen(CUSTOMERS, Map.of(), a, ScreeningOptions.defaults()))
                .extracting(RescreenHit::change).containsOnly(RescreenHit.Change.NEW).hasSizeGreaterThanOrEqualTo(3);
    }
}
