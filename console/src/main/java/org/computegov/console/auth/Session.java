package org.computegov.console.auth;

import java.time.Instant;
import java.util.Set;
import org.computegov.registry.statement.Role;

/**
 * A signed-in console user. {@code csrf} is the token every form of this session carries; {@code actorKey} is the
 * actor's signing key when the user stored one sealed under their password (opened at sign-in, held only in memory,
 * gone with the session), else null.
 */
public record Session(String username, String actorId, String actorName, Set<Role> roles, String csrf,
        Instant created, Instant expires, byte[] actorKey) {
    public Session {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean canSign() {
        return actorKey != null;
    }
}
