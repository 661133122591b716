package org.computegov.server;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the schema up to date with the Flyway migrations under db/migration, at every start. */
public final class Migrations {
    private Migrations() {}

    /** Applies pending migrations and returns the schema version now in place. */
    public static String migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
        flyway.migrate();
        var current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }
}
