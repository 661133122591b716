package org.computegov.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
        // A second server pointed by URL at the first one's PostgreSQL sees the same instance.
        try (RunningServer embedded = new RunningServer(data)) {
            String url = ((org.postgresql.ds.PGSimpleDataSource) embedded.server.database().dataSource()).getUrl();
            try (CgovServer external = CgovServer.start(new ServerOptions(0, data, url, "postgres", null, false, null, null),
                    java.time.Clock.systemDefaultZone())) {
                assertThat(external.database().description()).startsWith("PostgreSQL at localhost:");
                assertThat(external.routes()).contains("GET /health");
            }
        }
    }
}
