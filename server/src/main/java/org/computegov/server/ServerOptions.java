package org.computegov.server;

import org.computegov.server.registry.RegistryOptions;

import java.nio.file.Path;
import org.computegov.server.log.LogOptions;

/**
 * How to run the server.
 *
 * @param dataDirectory where the embedded database and the server's keys live
 * @param databaseUrl a JDBC URL of an external PostgreSQL, or null for the embedded one
 * @param catalogFile a user's accelerator file layered over the built-in catalog, or null
 * @param regimesFile a user's threshold-regime file added to the built-in regimes, or null
 * @param log the transparency log's origin, trusted submitter keys and witnesses
 * @param registry the registry's bootstrap regulator, clock-skew window and alert fractions
 * @param host the address to listen on: loopback unless the operator opens it on purpose
 */
public record ServerOptions(int port, Path dataDirectory, String databaseUrl, String databaseUser,
        String databasePassword, boolean demo, Path catalogFile, Path regimesFile, LogOptions log,
        RegistryOptions registry, String host) {
    /** Only this machine can connect unless --host says otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    /** Options listening on loopback. */
    public ServerOptions(int port, Path dataDirectory, String databaseUrl, String databaseUser, String databasePassword,
            boolean demo, Path catalogFile, Path regimesFile, LogOptions log, RegistryOptions registry) {
        this(port, dataDirectory, databaseUrl, databaseUser, databasePassword, demo, catalogFile, regimesFile, log,
                registry, LOOPBACK);
    }

    /** Options with the registry's defaults. */
    public ServerOptions(int port, Path dataDirectory, String databaseUrl, String databaseUser, String databasePassword,
            boolean demo, Path catalogFile, Path regimesFile, LogOptions log) {
        this(port, dataDirectory, databaseUrl, databaseUser, databasePassword, demo, catalogFile, regimesFile, log,
                RegistryOptions.defaults());
    }

    public ServerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        registry = registry == null ? RegistryOptions.defaults() : registry;
        host = host == null || host.isBlank() ? LOOPBACK : host;
    }
}
