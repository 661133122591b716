package org.computegov.registry.kernel;

import org.computegov.registry.statement.Rejection;

/**
 * Where a capability declares its HTTP routes, without knowing the web framework: the server authenticates the
 * request (RFC 9421; unsigned means the public), refuses parameters not declared here, calls the handler and writes
 * its answer as JSON (or as an {@link Answer} when it returns one); a {@link Rejection} becomes an RFC 9457 problem.
 * Handlers check the viewer's rights themselves ({@link Viewer#require}), so the same read function serves every
 * interface.
 */
public interface Routes {
    /** A GET route; {@code params} are the query parameters it takes. Paths use {@code {name}} for path parameters. */
    void get(String path, Handler handler, String... params);

    /** A POST route taking a body. */
    void post(String path, Handler handler, String... params);

    @FunctionalInterface
    interface Handler {
        Object answer(Request request) throws Rejection;
    }
}
