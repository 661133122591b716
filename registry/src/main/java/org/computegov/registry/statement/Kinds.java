package org.computegov.registry.statement;

import java.util.regex.Pattern;
import org.computegov.ledger.intoto.PredicateTypes;

/**
 * The registry's corner of the predicate-type namespace: {@code https://computegov.org/attestation/registry-<kind>/v1}.
 * Which kinds exist is the kernel's catalogue's to say (capabilities register them); here only the spelling.
 */
public final class Kinds {
    public static final String PREFIX = PredicateTypes.NAMESPACE + "registry-";
    /** A kind's wire name: lowercase words joined by '-'. */
    public static final Pattern WIRE = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    private static final String VERSION = "/v1";

    private Kinds() {}

    public static String predicateType(String wire) {
        if (!WIRE.matcher(wire).matches()) {
            throw new IllegalArgumentException("not a kind's wire name: " + wire);
        }
        return PredicateTypes.of("registry-" + wire, 1);
    }

    /** The kind's wire name of a registry predicate type, or null when the URI is not one. */
    public static String wireOf(String predicateType) {
        if (predicateType == null || !predicateType.startsWith(PREFIX) || !predicateType.endsWith(VERSION)) {
            return null;
        }
        String wire = predicateType.substring(PREFIX.length(), predicateType.length() - VERSION.length());
        return WIRE.matcher(wire).matches() ? wire : null;
    }
}
