package org.computegov.console;

import org.computegov.console.auth.Session;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Viewer;

/** The registry viewer a console user reads as: their actor with its roles, or the public before sign-in. */
public final class Viewers {
    private Viewers() {}

    public static Viewer of(Session s) {
        return s == null ? Viewer.PUBLIC : new Viewer(new Actor(s.actorId(), s.actorName(), s.roles(), null));
    }
}
