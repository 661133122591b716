package org.computegov.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PagingTest {
    @Property
    void thePagesTogetherAreTheListInOrderAndEachIsBounded(@ForAll @IntRange(min = 0, max = 500) int total,
            @ForAll @IntRange(min = 1, max = 60) int size) {
        List<Integer> all = IntStream.range(0, total).boxed().toList();
        List<Integer> seen = new ArrayList<>();
        Paging p = Paging.of("page", null, size, total, "/x");
        while (true) {
            List<Integer> rows = p.slice(all);
            assertThat(rows.size()).isLessThanOrEqualTo(size);
            seen.addAll(rows);
            if (!p.hasNext()) {
                break;
            }
            p = Paging.of("page", Integer.toString(p.page() + 1), size, total, "/x");
        }
        assertThat(seen).isEqualTo(all);
    }

    @Test
    void aPageOutOfRangeOrUnreadableIsTheNearestOne() {
        assertThat(Paging.of("page", "99", 10, 25, "/x").page()).isEqualTo(3);
        assertThat(Paging.of("page", "-4", 10, 25, "/x").page()).isEqualTo(1);
        assertThat(Paging.of("page", "two", 10, 25, "/x").page()).isEqualTo(1);
        Paging third = Paging.of("page", "3", 10, 25, "/console/customers?review=1");
        assertThat(third.from()).isEqualTo(21);
        assertThat(third.to()).isEqualTo(25);
        assertThat(third.href(2)).isEqualTo("/console/customers?review=1&page=2");
        assertThat(Paging.of("page", null, 10, 10, "/x").more()).isFalse();
    }

    @Test
    void aCapabilitysPageIsAskedForByItsOwnParameterAndClampedTheSameWay() {
        var query = java.util.Map.of("incidents-page", "2", "orders-page", "99");
        var incidents = org.computegov.registry.kernel.View.Pages.of(query, "incidents-page", 25, 26);
        assertThat(incidents.page()).isEqualTo(2);
        assertThat(incidents.offset()).isEqualTo(25);
        assertThat(org.computegov.registry.kernel.View.Pages.of(query, "orders-page", 25, 26).page()).isEqualTo(2);
        assertThat(org.computegov.registry.kernel.View.Pages.of(query, "switches-page", 25, 0).page()).isEqualTo(1);
        assertThat(org.computegov.registry.kernel.View.Pages.of("p", "3000000000", 25, 26).page()).isEqualTo(2);
        Paging p = Paging.of(incidents, "/console/deployments");
        assertThat(p.from()).isEqualTo(26);
        assertThat(p.to()).isEqualTo(26);
        assertThat(p.hasNext()).isFalse();
    }

    @Test
    void aPagersLinksKeepTheOtherListsPages() {
        var query = new java.util.LinkedHashMap<String, List<String>>();
        query.put("orders-page", List.of("2"));
        query.put("incidents-page", List.of("3"));
        query.put("recorded", List.of("17"));
        query.put("q", List.of("a b&c"));
        String base = Paging.base("/console/deployments", query, "incidents-page");
        assertThat(base).isEqualTo("/console/deployments?orders-page=2&q=a+b%26c");
        assertThat(Paging.of("incidents-page", "3", 25, 80, base).href(4))
                .isEqualTo("/console/deployments?orders-page=2&q=a+b%26c&incidents-page=4");
        assertThat(Paging.base("/console/licences", java.util.Map.of(), "page")).isEqualTo("/console/licences");
    }
}
