package org.computegov.registry.statement;

import java.util.Locale;

/** What an actor may do in the registry; one actor may hold several roles. */
public enum Role {
    REGULATOR, COMPUTE_PROVIDER, DEVELOPER, EVALUATOR, AUDITOR;

    /** The role's name in statements and the API, e.g. {@code compute-provider}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a wire name; null when unknown. */
    public static Role parse(String wire) {
        for (Role r : values()) {
            if (r.wire().equals(wire)) {
                return r;
            }
        }
        return null;
    }
}
