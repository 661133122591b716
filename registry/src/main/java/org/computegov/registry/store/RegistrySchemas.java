package org.computegov.registry.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The registry's schemas, each brought up to date by Flyway: {@code registry} (the live projection),
 * {@code registry_vault} (sealed payloads and attachments, which replay reads but never rebuilds) and, during a
 * replay, a fresh projection schema built by the same migrations as the live one.
 */
public final class RegistrySchemas {
    public static final String LIVE = "registry";
    public static final String VAULT = "registry_vault";
    public static final String REPLAY = "registry_replay";

    private RegistrySchemas() {}

    public static void migrate(DataSource dataSource) {
        projection(dataSource, LIVE);
        Flyway.configure().dataSource(dataSource).schemas(VAULT).locations("classpath:db/vault").load().migrate();
    }

    /** Creates (or updates) a projection schema. */
    public static void projection(DataSource dataSource, String schema) {
        Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/registry").load().migrate();
    }
}
