package org.computegov.registry.kernel;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;

/**
 * The registry's schemas: {@code registry} (the live projection), {@code registry_vault} (sealed payloads and
 * attachments, which replay reads but never rebuilds) and the fresh projections replay and rebuilds write. A
 * projection schema gets the kernel's migrations and then each capability's, each with its own Flyway history table,
 * so a capability's migrations are its own and adding one touches no other's history.
 */
public final class Schemas {
    public static final String LIVE = "registry";
    public static final String VAULT = "registry_vault";
    public static final String REPLAY = "registry_replay";
    static final String REBUILD = "registry_rebuild";
    private static final String HISTORY_SUFFIX = "_schema_history";

    private Schemas() {}

    public static void vault(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).schemas(VAULT).locations("classpath:db/vault").load().migrate();
    }

    /** Creates (or updates) a projection schema: the kernel's tables, then every capability's. */
    public static void projection(DataSource dataSource, String schema, List<Capability> capabilities) {
        migrate(dataSource, schema, "kernel", "db/kernel");
        for (Capability c : capabilities) {
            if (c.migrations() != null) {
                migrate(dataSource, schema, c.name(), c.migrations());
            }
        }
    }

    private static void migrate(DataSource dataSource, String schema, String name, String location) {
        // Baseline at 0 on a schema that has tables but not this history (a data directory from before the kernel, or
        // before this capability): every V1 still runs, and creates only what is missing.
        Flyway.configure().dataSource(dataSource).schemas(schema).table(name + HISTORY_SUFFIX)
                .locations("classpath:" + location).baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    /** The projection tables of a schema (its Flyway histories excluded): what replay compares. */
    static List<String> tables(Handle h, String schema) {
        return h.createQuery("""
                SELECT table_name FROM information_schema.tables WHERE table_schema = :s AND table_type = 'BASE TABLE'
                AND table_name NOT LIKE :history ORDER BY table_name""")
                .bind("s", schema).bind("history", "%" + HISTORY_SUFFIX).mapTo(String.class).list();
    }
}
