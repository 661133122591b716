package org.computegov.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a careless operator can do at start: two servers on one directory, a busy port, an old data directory. */
class ServerStartupTest {
    @TempDir Path data;

    static ServerOptions options(Path data, int port) {
        return new ServerOptions(port, data, null, null, null, false, null, null, LogOptions.defaults());
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedAndTheFirstKeepsWorking() throws Exception {
        try (RunningServer first = new RunningServer(data)) {
            assertThatThrownBy(() -> CgovServer.start(options(data, 0), Clock.systemUTC()))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("--data-dir");
                        assertThat(e.getMessage()).contains("in use", "PID " + ProcessHandle.current().pid());
                    });
            assertThat(first.get("/health").status()).isEqualTo(200);
            assertThat(first.get("/health").json().get("database").get("status").asText()).isEqualTo("UP");
        }
        // Released on close: the next server starts.
        try (RunningServer again = new RunningServer(data)) {
            assertThat(again.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void aPortInUseIsFoundBeforeTheDatabaseStarts() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            assertThatThrownBy(() -> CgovServer.start(options(data, busy.getLocalPort()), Clock.systemUTC()))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("--port"));
        }
        assertThat(data.resolve("postgres")).doesNotExist();
    }

    @Test
    void theEmbeddedDatabaseTakesOnlyItsPasswordAndHealthDoesNotSayWhereItIs() throws Exception {
        try (RunningServer server = new RunningServer(data)) {
            assertPasswordOnly(server);
        }
    }

    @Test
    void aDataDirectoryMadeByAnEarlierVersionIsMovedToPasswordAuthentication() throws Exception {
        Path pg = data.resolve("postgres");
        // What earlier versions left: initdb's pg_hba.conf, which trusts every local client, and no secret.
        EmbeddedPostgres.builder().setDataDirectory(pg).setCleanDataDirectory(false).start().close();
        assertThat(Files.readString(pg.resolve("pg_hba.conf"))).containsPattern("(?m)^host.*trust");
        try (RunningServer server = new RunningServer(data)) {
            assertPasswordOnly(server);
        }
        try (RunningServer again = new RunningServer(data)) { // and it starts again with the password it set
            assertThat(again.get("/health").status()).isEqualTo(200);
        }
    }

    private void assertPasswordOnly(RunningServer server) throws Exception {
        String health = server.get("/health").body();
        Matcher m = Pattern.compile("localhost:(\\d+)").matcher(server.server.database().description());
        assertThat(m.find()).isTrue();
        String port = m.group(1);
        assertThat(health).doesNotContain(port, data.toString(), "localhost");
        String hba = Files.readString(data.resolve("postgres/pg_hba.conf"));
        assertThat(hba.lines().filter(l -> !l.startsWith("#") && !l.isBlank())).allMatch(l -> l.endsWith("scram-sha-256"));
        Path secret = data.resolve("postgres.secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "wrong")).isInstanceOf(SQLException.class);
        try (var c = DriverManager.getConnection(url, "postgres", Files.readString(secret).strip())) {
            assertThat(c.isValid(5)).isTrue();
        }
    }
}
