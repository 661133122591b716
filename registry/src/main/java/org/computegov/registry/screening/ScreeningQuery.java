package org.computegov.registry.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who to screen: a name, optionally aliases, a country (ISO alpha-2 code or English name) and an address.
 * Every name and alias is screened; an entry's score is the best over them.
 */
public record ScreeningQuery(String name, List<String> aliases, String country, String address) {
    public ScreeningQuery {
        Objects.requireNonNull(name, "name");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public static ScreeningQuery of(String name) {
        return new ScreeningQuery(name, List.of(), null, null);
    }

    public static ScreeningQuery of(String name, String country) {
        return new ScreeningQuery(name, List.of(), country, null);
    }

    /** The name followed by the aliases. */
    public List<String> allNames() {
        List<String> all = new ArrayList<>(1 + aliases.size());
        all.add(name);
        all.addAll(aliases);
        return all;
    }
}
