package org.computegov.registry.kernel;

import java.util.Collection;
import java.util.List;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;

/**
 * Who is reading: an authenticated actor, or the public (no signature). The public sees the log, the actor list and
 * statistics; a provider its own customers and usage; a developer its own runs; a regulator everything.
 */
public record Viewer(Actor actor) {
    public static final Viewer PUBLIC = new Viewer(null);

    public boolean isPublic() {
        return actor == null;
    }

    public boolean is(Role role) {
        return actor != null && actor.has(role);
    }

    public boolean regulator() {
        return is(Role.REGULATOR);
    }

    public String id() {
        return actor == null ? null : actor.id();
    }

    /** Requires a signed request by an actor holding one of the roles. */
    public void require(String what, Role... roles) throws Rejection {
        if (actor == null) {
            throw new Rejection(401, "signature-required", "Signed request required", what
                    + " is not public; sign the request (RFC 9421) with a registered key", null,
                    "Use cgov with --key, or sign with Signature-Input/Signature headers.");
        }
        for (Role r : roles) {
            if (actor.has(r)) {
                return;
            }
        }
        throw Rejection.forbidden(actor.id() + " (" + wires(actor.roles()) + ") may not read " + what + "; that needs the role "
                + wires(List.of(roles)).replace(",", " or "), "Sign with a key of an actor that has the role"
                + " (cgov actor list shows the roles), or ask the regulator to register it.");
    }

    private static String wires(Collection<Role> roles) {
        return String.join(",", roles.stream().map(Role::wire).toList());
    }
}
