package org.computegov.registry.kernel;

import java.util.Set;
import org.computegov.registry.statement.Role;

/** A registered organization as the registry knows it. */
public record Actor(String id, String name, Set<Role> roles, String jurisdiction) {
    public boolean has(Role role) {
        return roles.contains(role);
    }
}
