package org.computegov.server;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Any PostgreSQL server reached by JDBC URL (e.g. jdbc:postgresql://db.example:5432/computegov). */
public final class ExternalDatabase implements Database {
    private final PGSimpleDataSource dataSource;

    public ExternalDatabase(String url, String user, String password) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database URL must start with jdbc:postgresql:, got " + url);
        }
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setReWriteBatchedInserts(true); // one multi-row INSERT per log batch instead of one per entry
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String description() {
        return "PostgreSQL at " + dataSource.getServerNames()[0] + ":" + dataSource.getPortNumbers()[0] + "/"
                + dataSource.getDatabaseName();
    }

    @Override
    public void close() {
        // Connections are opened per use; nothing is held.
    }
}
