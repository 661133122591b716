package org.computegov.ledger.intoto;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The namespace of computegov's own in-toto predicate types:
 * {@code https://computegov.org/attestation/<name>/v<N>}, where {@code name} is lowercase
 * letters, digits and hyphens and {@code N} a positive version without leading zeros.
 *
 * <p>A breaking change to a predicate's schema gets a new version; old versions stay valid.
 */
public final class PredicateTypes {
    /** The namespace prefix, ending in a slash. */
    public static final String NAMESPACE = "https://computegov.org/attestation/";

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern TYPE = Pattern.compile(Pattern.quote(NAMESPACE) + "(" + NAME.pattern() + ")/v([1-9][0-9]{0,8})");

    private PredicateTypes() {}

    /** A parsed computegov predicate type. */
    public record PredicateType(String name, int version) {
        public PredicateType {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("predicate name must be lowercase words joined by hyphens: " + name);
            }
            if (version < 1) {
                throw new IllegalArgumentException("predicate version must be positive: " + version);
            }
        }

        /** Returns the predicate type URI. */
        public String uri() {
            return NAMESPACE + name + "/v" + version;
        }
    }

    /** Returns the URI of a computegov predicate type, e.g. {@code of("training-run", 1)}. */
    public static String of(String name, int version) {
        return new PredicateType(name, version).uri();
    }

    /** Parses a URI as a computegov predicate type; empty if it is not one (e.g. SLSA's). */
    public static Optional<PredicateType> parse(String uri) {
        Matcher m = TYPE.matcher(uri == null ? "" : uri);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PredicateType(m.group(1), Integer.parseInt(m.group(2))));
    }

    /** Returns whether a URI is in the computegov namespace (well-formed or not). */
    public static boolean isComputegov(String uri) {
        return uri != null && uri.startsWith(NAMESPACE);
    }
}
