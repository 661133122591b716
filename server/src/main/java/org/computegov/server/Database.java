package org.computegov.server;

import javax.sql.DataSource;

/** The PostgreSQL the server keeps its state in: an embedded one it runs itself, or any server given by URL. */
public interface Database extends AutoCloseable {
    DataSource dataSource();

    /** For logs and /health: which database, without credentials. */
    String description();

    /** Stops an embedded database cleanly; a no-op for an external one. */
    @Override
    void close();
}
