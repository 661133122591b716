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
    LICENCE_AMENDMENT("licence-amendment", Role.REGULATOR, false),
    LICENCE_METER("licence-meter", Role.REGULATOR, false),
    LICENCE_SETTLEMENT("licence-settlement", Role.REGULATOR, false),
    LICENCE_APPLICATION("licence-application", Role.DEVELOPER, true),
    LICENCE_DECISION("licence-decision", Role.REGULATOR, false),
    LICENCE_NOTICE_ACK("licence-notice-ack", Role.COMPUTE_PROVIDER, false),
    CHIP_REGISTER("chip-register", Role.COMPUTE_PROVIDER, true),
    CHIP_TRANSFER("chip-transfer", Role.COMPUTE_PROVIDER, true),
    ALLOC_PROGRAMME("alloc-programme", Role.REGULATOR, false),
    ALLOC_CALL("alloc-call", Role.REGULATOR, false),
    ALLOC_RESOURCE("alloc-resource", Role.COMPUTE_PROVIDER, false),
    ALLOC_PROPOSAL("alloc-proposal", Role.DEVELOPER, true),
    ALLOC_REVIEW("alloc-review", Role.EVALUATOR, true),
    ALLOC_AWARD("alloc-award", Role.REGULATOR, false),
    ALLOC_REPORT("alloc-report", Role.DEVELOPER, false),
    ALLOC_CHANGE("alloc-change", Role.DEVELOPER, false),
    ALLOC_DECISION("alloc-decision", Role.REGULATOR, false),
    MODEL("model", Role.DEVELOPER, false),
    EVALUATOR_ACCREDITATION("evaluator-accreditation", Role.REGULATOR, false),
    EVALUATION_CERTIFICATE("evaluation-certificate", Role.EVALUATOR, false),
    DEPLOYMENT_AUTHORIZATION("deployment-authorization", Role.REGULATOR, false),
    AUTHORIZATION_STATUS("authorization-status", Role.REGULATOR, false),
    DEPLOYMENT("deployment", Role.COMPUTE_PROVIDER, false),
    /** Anyone files an incident: no role is wrong for it. */
    INCIDENT("incident", null, false),
    ORDER("order", Role.REGULATOR, false),
    ORDER_ACK("order-ack", Role.COMPUTE_PROVIDER, false),
    ORDER_COMPLIANCE("order-compliance", Role.COMPUTE_PROVIDER, false),
    SWITCH("switch", Role.COMPUTE_PROVIDER, false),
    /** Any actor may hold a switch: its holders, not a role, decide who votes. */
    SWITCH_VOTE("switch-vote", null, false);

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

    /** The role a signer needs; null when any registered actor may sign (the kind checks more itself). */
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
