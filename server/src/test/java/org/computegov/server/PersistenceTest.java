package org.computegov.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database keeps its data in the data directory across a clean stop and a restart. */
class PersistenceTest {
    @Test
    void restartKeepsTheData(@TempDir Path data) throws Exception {
        String first;
        try (RunningServer server = new RunningServer(data)) {
            first = server.get("/health").json().get("database").get("instanceId").asText();
        }
        try (RunningServer again = new RunningServer(data)) {
            assertThat(again.get("/health").json().get("database").get("instanceId").asText()).isEqualTo(first);
        }
    }

    @Test
    void externalDatabaseByUrl(@TempDir Path data) throws Exception {
        // A PostgreSQL the server does not run, reached by URL: migrations run and the log works on it.
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(data.resolve("external-pg"))) {
            String url = ((org.postgresql.ds.PGSimpleDataSource) postgres.dataSource()).getUrl();
            // The embedded database takes only its password (scram-sha-256), kept beside its data directory.
            String password = java.nio.file.Files.readString(data.resolve("external-pg.secret")).strip();
            try (CgovServer external = CgovServer.start(new ServerOptions(0, data.resolve("server"), url, "postgres", password,
                    false, null, null, LogOptions.defaults()), Clock.systemDefaultZone())) {
                assertThat(external.database().description()).startsWith("PostgreSQL at localhost:");
                assertThat(external.log().state().size()).isZero();
                // A second server on the same database must not sequence the same log.
                // (Its own data directory: one on the first's would be refused earlier, by the directory's lock.)
                assertThatThrownBy(() -> CgovServer.start(new ServerOptions(0, data.resolve("server-2"), url, "postgres", password,
                        false, null, null, LogOptions.defaults()), Clock.systemDefaultZone()))
                        .hasMessageContaining("another server is already writing this log");
            }
        }
    }
}
