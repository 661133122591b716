package org.computegov.registry.statement;

import org.computegov.ledger.intoto.PredicateTypes;

/**
 * The kinds of registry statement, each with its predicate type, the role its signer needs and whether it carries
 * a sealed (confidential) payload. Key statements are also accepted from the key's own actor (see the registry).
 */
public enum Kind {
    ACTOR("actor", Role.REGULATOR, false),
    KEY("key", Role.REGULATOR, false),
    CUSTOMER("customer", Role.COMPUTE_PROVIDER, true),
    ACCESS("access", Role.COMPUTE_PROVIDER, true),
    SCREENING_LIST("screening-list", Role.REGULATOR, false),
    USAGE("usage", Role.COMPUTE_PROVIDER, true),
    USAGE_CORRECTION("usage-correction", Role.COMPUTE_PROVIDER, true),
    RUN("run", Role.DEVELOPER, true);

    private final String wire;
    private final Role role;
    private final boolean sealed;
    private final String predicateType;

    Kind(String wire, Role role, boolean sealed) {
        this.wire = wire;
        this.role = role;
        this.sealed = sealed;
        this.predicateType = PredicateTypes.of("registry-" + wire, 1);
    }

    public String wire() {
        return wire;
    }

    /** The role a signer needs (for {@link #KEY}, the actor itself may also sign). */
    public Role role() {
        return role;
    }

    /** Whether statements of this kind commit to a confidential payload submitted beside them. */
    public boolean sealed() {
        return sealed;
    }

    public String predicateType() {
        return predicateType;
    }

    /** The kind of a predicate type URI, or null when it is not a registry statement. */
    public static Kind ofPredicateType(String uri) {
        for (Kind k : values()) {
            if (k.predicateType.equals(uri)) {
                return k;
            }
        }
        return null;
    }
}
