package org.computegov.registry.kernel;

import java.time.Instant;
import java.util.Map;
import org.computegov.registry.statement.Rejection;

/** An authenticated request as a route handler sees it. */
public record Request(Viewer viewer, Map<String, String> pathParams, Map<String, String> query, byte[] body, Instant now) {
    public String path(String name) {
        return pathParams.get(name);
    }

    /** A query parameter, or null when absent. */
    public String query(String name) {
        return query.get(name);
    }

    /** A whole-number query parameter in [1, max], {@code otherwise} when absent. */
    public int limit(String name, int otherwise, int max) throws Rejection {
        String text = query(name);
        if (text == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Rejection(400, "invalid-input", "Invalid input", name + " must be a whole number in [1, " + max
                + "], got '" + text + "'.", name, null);
    }
}
