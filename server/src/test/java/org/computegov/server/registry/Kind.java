package org.computegov.server.registry;

import org.computegov.registry.statement.Kinds;
import org.computegov.registry.statement.Role;

/**
 * The statement kinds of the standard registry as these tests know them (wire name, the role a signer needs, sealed or
 * public), so that each "for every kind" test covers each. {@code KindsCatalogueTest} checks that this list is exactly
 * what the server runs, so a kind added to a capability without a test here fails the build.
 */
enum Kind {
    ACTOR("actor", Role.REGULATOR, false),
    KEY("key", Role.REGULATOR, false),
    CUSTOMER("customer", Role.COMPUTE_PROVIDER, true),
    ACCESS("access", Role.COMPUTE_PROVIDER, true),
    SCREENING_LIST("screening-list", Role.REGULATOR, false),
    USAGE("usage", Role.COMPUTE_PROVIDER, true),
    USAGE_CORRECTION("usage-correction", Role.COMPUTE_PROVIDER, true),
    RUN("run", Role.DEVELOPER, true),
    LICENCE("licence", Role.REGULATOR, false),
    LICENCE_TRANCHE("licence-tranche", Role.REGULATOR, false),
    LICENCE_STANDING("licence-standing", Role.REGULATOR, false),
    LICENCE_APPLICATION("licence-application", Role.DEVELOPER, true),
    LICENCE_DECISION("licence-decision", Role.REGULATOR, false),
    LICENCE_NOTICE_ACK("licence-notice-ack", Role.COMPUTE_PROVIDER, false),
    CHIP_REGISTER("chip-register", Role.COMPUTE_PROVIDER, true),
    CHIP_TRANSFER("chip-transfer", Role.COMPUTE_PROVIDER, true);

    private final String wire;
    private final Role role;
    private final boolean sealed;

    Kind(String wire, Role role, boolean sealed) {
        this.wire = wire;
        this.role = role;
        this.sealed = sealed;
    }

    String wire() {
        return wire;
    }

    Role role() {
        return role;
    }

    boolean sealed() {
        return sealed;
    }

    String predicateType() {
        return Kinds.predicateType(wire);
    }
}
