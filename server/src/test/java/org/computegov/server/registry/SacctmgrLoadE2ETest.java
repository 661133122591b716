package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.licensing.slurm.SlurmHarness;
import org.computegov.licensing.slurm.SlurmHarness.Run;
import org.computegov.registry.client.RegistryClient;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allocation export loaded into real Slurm accounting: the demo world's award A-bio-1 exported for cluster
 * us-east by its provider (GET /api/v1/allocation/export), the file loaded with {@code sacctmgr load} into a real
 * slurmdbd on MariaDB (integrations/slurm/harness/slurmdbd-up.sh, Debian's packages), and the limit read back with
 * {@code sacctmgr show assoc}. Fails when Slurm accounting cannot run here (./test installs it), unless
 * CGOV_SKIP_SLURM=1 asks to skip.
 */
class SacctmgrLoadE2ETest {
    @TempDir static Path data;
    static SlurmHarness slurm;
    static CgovServer server;

    @BeforeAll
    static void start() throws Exception {
        slurm = SlurmHarness.in(Files.createTempDirectory("cgov-slurmdbd"));
        slurm.startAccounting("us-east", "h100");
        server = CgovServer.start(new ServerOptions(0, data, null, null, null, true, null, null, LogOptions.defaults()),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (slurm != null) {
            slurm.stop();
        }
    }

    @Test
    void theExportedAwardLoadsIntoSlurmWithItsGrpTresMins() throws Exception {
        RegistryClient cloudA = new RegistryClient(URI.create("http://127.0.0.1:" + server.port()),
                KeyFiles.readSignerKey(data.resolve("demo-keys/cloud-a.key")), Clock.systemUTC());
        JsonNode export = cloudA.get("/api/v1/allocation/export?cluster=us-east").body();
        Path file = slurm.dir().resolve("awards.cfg");
        Files.writeString(file, export.get("file").asText());

        Run load = slurm.run(List.of("sacctmgr", "-i", "load", "file=" + file), 60);
        assertThat(load.code()).as(load.out() + load.err()).isZero();

        // The demo award: 3,000,000 credits, half released until the progress report is accepted; 4 credits per
        // H100-hour all along, so the limit is 1,500,000 / 4 h = 22,500,000 GPU-minutes (used + remaining).
        Run assoc = slurm.run(List.of("sacctmgr", "-n", "-P", "show", "assoc", "cluster=us-east",
                "format=account,user,grptresmins"), 30);
        assertThat(assoc.code()).as(assoc.err()).isZero();
        assertThat(assoc.out().lines()).contains("acct-biolab||gres/gpu:h100=22500000", "acct-biolab|ada|");
        assertThat(export.get("accounts").get(0).get("grpTresMins").get("gres/gpu:h100").asLong()).isEqualTo(22_500_000L);

        // Loading the same file again changes nothing in Slurm (the load is idempotent for existing entities).
        slurm.run(List.of("sacctmgr", "-i", "load", "file=" + file), 60);
        Run again = slurm.run(List.of("sacctmgr", "-n", "-P", "show", "assoc", "cluster=us-east",
                "format=account,user,grptresmins"), 30);
        assertThat(again.out()).isEqualTo(assoc.out());
    }
}
