package org.computegov.registry.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A part of the registry that plugs into the kernel: its statement kinds, its tables (its own Flyway migrations,
 * applied to the live projection and to every replay, and compared row by row by replay), its reads and routes, its
 * share of the public statistics, of the OpenAPI document and of the demo world. The server's composition root lists
 * the capabilities it runs; nothing in the kernel names one.
 */
public interface Capability {
    /** A short name in the domain's words, also the Flyway history table's prefix ({@code <name>_schema_history}). */
    String name();

    List<StatementKind<?>> kinds();

    /** Reactions to other capabilities' kinds (see {@link Follower}). */
    default List<Follower<?>> followers() {
        return List.of();
    }

    /** The classpath location of its projection tables' migrations ({@code db/<name>}), or null when it has none. */
    default String migrations() {
        return null;
    }

    /** Declares its HTTP routes; reads go through {@code store}. */
    default void routes(Routes routes, ReadStore store) {}

    /** Its pages in the web console (see {@link ConsolePages}); reads go through {@code store}, "today" is {@code clock}'s. */
    default List<ConsolePages> consolePages(ReadStore store, java.time.Clock clock) {
        return List.of();
    }

    /** Adds its public, aggregate-only figures to {@code GET /api/v1/registry/stats}. */
    default void stats(Handle h, ObjectNode out) {}

    /** The classpath resource of its part of the OpenAPI document ({@code paths} and {@code components}), or null. */
    default String openApi() {
        return null;
    }

    /** Hands over the server's own writer (see {@link ServerWriter}), before the demo world and routes; not called when the server has none. */
    default void serverWriter(ServerWriter writer) {}

    /** Adds its part of {@code cgov serve --demo}'s world, after the capabilities listed before it. */
    default void demo(DemoWorld world) throws Exception {}

    /**
     * Stops what it started (a background writer), finishing what it has accepted; called once when the registry
     * closes, after HTTP has stopped and before the database pool closes.
     */
    default void close() {}
}
