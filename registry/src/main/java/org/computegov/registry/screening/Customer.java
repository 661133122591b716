package org.computegov.registry.screening;

import java.util.List;
import java.util.Objects;

/** A customer as the registry knows it, for (re-)screening: its id, name, aliases and country. */
public record Customer(String id, String name, List<String> aliases, String country) {
    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public ScreeningQuery toQuery() {
        return new ScreeningQuery(name, aliases, country, null);
    }
}
