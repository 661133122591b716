package org.computegov.customers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.Schemas;
import org.computegov.registry.kyc.CustomerRecord;
import org.computegov.registry.screening.ListFormatException;
import org.computegov.registry.screening.ScreeningIndex;
import org.computegov.registry.screening.ScreeningList;
import org.computegov.registry.screening.ScreeningLists;
import org.computegov.registry.screening.ScreeningOptions;
import org.computegov.registry.screening.ScreeningQuery;
import org.computegov.registry.screening.ScreeningResult;
import org.jdbi.v3.core.Handle;

/**
 * Denied-party screening over the loaded lists: one index per list version (lists are content-addressed, so a sha256
 * names one index forever, shared by the live projection and replays), the hits of a customer, and ad-hoc screening
 * of a prospective customer's name.
 */
final class Screenings {
    private final ScreeningOptions options;
    private final Map<String, ScreeningIndex> indexes = new ConcurrentHashMap<>();

    Screenings(ScreeningOptions options) {
        this.options = options;
    }

    record LoadedList(String name, ScreeningIndex index) {}

    ScreeningIndex index(String sha256, Supplier<ScreeningList> list) {
        return indexes.computeIfAbsent(sha256, k -> ScreeningIndex.build(list.get()));
    }

    /** Every loaded list with its index (built once per list version, from the attachment in the vault). */
    List<LoadedList> lists(Handle h) {
        List<LoadedList> out = new ArrayList<>();
        for (String[] l : h.createQuery("SELECT name, sha256 FROM screening_list ORDER BY name")
                .map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)}).list()) {
            out.add(new LoadedList(l[0], index(l[1], () -> {
                byte[] file = h.createQuery("SELECT content FROM " + Schemas.VAULT + ".attachment WHERE sha256 = :h")
                        .bind("h", l[1]).mapTo(byte[].class).one();
                try {
                    return ScreeningLists.loadCsl(file, l[0]);
                } catch (ListFormatException e) {
                    throw new IllegalStateException("a stored screening list no longer reads: " + e.getMessage(), e);
                }
            })));
        }
        return out;
    }

    int insertHits(Handle h, String provider, CustomerRecord r, LoadedList list, long index) {
        List<ScreeningResult> results = list.index().screen(r.toScreeningCustomer(), options);
        Map<String, ScreeningResult> best = new TreeMap<>();
        for (ScreeningResult x : results) {
            best.merge(x.entry().key(), x, (a, b) -> a.score() >= b.score() ? a : b);
        }
        for (ScreeningResult x : best.values()) {
            h.createUpdate("""
                    INSERT INTO screening_hit (provider, customer_id, list_name, entry_id, score, matched_name, query_name,
                                               fields, source, log_index)
                    VALUES (:p, :c, :l, :e, :s, :m, :q, :f, :src, :i)""")
                    .bind("p", provider).bind("c", r.customerId()).bind("l", list.name()).bind("e", x.entry().key())
                    .bind("s", x.score()).bind("m", x.matchedName()).bind("q", x.queryName())
                    .bind("f", fields(x)).bind("src", x.source()).bind("i", index).execute();
        }
        return best.size();
    }

    private static String fields(ScreeningResult x) {
        return x.matchedFields().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    /** Screens a name (a prospective customer) against every loaded list. */
    ArrayNode screen(Handle h, String name, String country) {
        ArrayNode out = Json.array();
        for (LoadedList l : lists(h)) {
            for (ScreeningResult x : l.index().screen(new ScreeningQuery(name, List.of(), country, null), options)) {
                ObjectNode o = out.addObject();
                o.put("list", l.name());
                o.put("entryId", x.entry().key());
                o.put("score", x.score());
                o.put("matchedName", x.matchedName());
                o.put("queryName", x.queryName());
                o.put("fields", fields(x));
                o.put("source", x.source());
                o.put("explanation", x.explanation());
            }
        }
        return out;
    }
}
