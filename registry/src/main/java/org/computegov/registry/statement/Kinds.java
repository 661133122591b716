package org.computegov.registry.statement;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.computegov.ledger.intoto.PredicateTypes;

/** The registry's corner of the predicate-type namespace. */
final class Kinds {
    static final String PREFIX = PredicateTypes.NAMESPACE + "registry-";

    private Kinds() {}

    static String list() {
        return Arrays.stream(Kind.values()).map(Kind::predicateType).collect(Collectors.joining(", "));
    }
}
