package org.computegov.console.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The console's users, in the server's database under the schema {@code console} (its own Flyway history). */
public final class ConsoleUsers {
    public static final String SCHEMA = "console";
    private final DataSource pool;

    /** A user as stored: {@code sealedKey} is null unless the user chose to let the console sign for them. */
    public record User(String username, String actorId, String passwordHash, String sealedKey, String enrolledBy,
            Instant enrolledAt, String statementId) {}

    public ConsoleUsers(DataSource pool) {
        this.pool = pool;
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("classpath:db/console").load().migrate();
    }

    public Optional<User> find(String username) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT username, actor_id, password_hash, sealed_key, enrolled_by, enrolled_at, statement_id"
                        + " FROM console.console_user WHERE username = ?")) {
            q.setString(1, username);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    public List<User> ofActor(String actorId) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT username, actor_id, password_hash, sealed_key, enrolled_by, enrolled_at, statement_id"
                        + " FROM console.console_user WHERE actor_id = ? ORDER BY username")) {
            q.setString(1, actorId);
            List<User> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(user(rs));
                }
            }
            return out;
        }
    }

    /** Adds a user, or replaces one (same username and actor: a password change); false if the username is taken. */
    public boolean put(User u, boolean replace) throws SQLException {
        String sql = replace
                ? "INSERT INTO console.console_user VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO UPDATE SET"
                        + " password_hash = EXCLUDED.password_hash, sealed_key = EXCLUDED.sealed_key,"
                        + " enrolled_by = EXCLUDED.enrolled_by, enrolled_at = EXCLUDED.enrolled_at,"
                        + " statement_id = EXCLUDED.statement_id WHERE console_user.actor_id = EXCLUDED.actor_id"
                : "INSERT INTO console.console_user VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING";
        try (Connection c = pool.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, u.username());
            q.setString(2, u.actorId());
            q.setString(3, u.passwordHash());
            q.setString(4, u.sealedKey());
            q.setString(5, u.enrolledBy());
            q.setTimestamp(6, Timestamp.from(u.enrolledAt()));
            q.setString(7, u.statementId());
            return q.executeUpdate() == 1;
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getString(7));
    }
}
