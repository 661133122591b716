package org.computegov.registry.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Something applying a statement made happen that someone should hear of (a threshold alert, a budget overrun): the
 * submitter gets it back when it may read it, and the server logs it.
 *
 * @param readableBy the actor that may read it besides the regulator, or null when only the regulator may
 */
public record Notice(String readableBy, ObjectNode body, String description) {
    public boolean visibleTo(Actor actor) {
        return actor != null && (actor.has(org.computegov.registry.statement.Role.REGULATOR) || actor.id().equals(readableBy));
    }
}
