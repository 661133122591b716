package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.registry.client.RegistryClient;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
    static Path root;
    static Path dir;
    static CgovServer server;

    @BeforeAll
    static void start() throws Exception {
        root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("integrations/slurm"))) {
            root = root.getParent();
        }
        assertThat(root).as("repository root with integrations/slurm").isNotNull();
        dir = Files.createTempDirectory("cgov-slurmdbd");
        Run up = run(List.of(root.resolve("integrations/slurm/harness/slurmdbd-up.sh").toString(), dir.toString(),
                "us-east", "h100"), 240);
        Assumptions.assumeFalse(up.code == 3 && "1".equals(System.getenv("CGOV_SKIP_SLURM")), "Slurm cannot run here: " + up.err);
        org.junit.jupiter.api.Assertions.assertNotEquals(3, up.code,
                () -> "Slurm accounting cannot run here (set CGOV_SKIP_SLURM=1 to skip): " + up.err);
        assertThat(up.code).as("slurmdbd-up: " + up.out + up.err).isZero();
        server = CgovServer.start(new ServerOptions(0, data, null, null, null, true, null, null, LogOptions.defaults()),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            run(List.of(root.resolve("integrations/slurm/harness/slurmdbd-down.sh").toString(), dir.toString()), 60);
        }
    }

    @Test
    void theExportedAwardLoadsIntoSlurmWithItsGrpTresMins() throws Exception {
        RegistryClient cloudA = new RegistryClient(URI.create("http://127.0.0.1:" + server.port()),
                KeyFiles.readSignerKey(data.resolve("demo-keys/cloud-a.key")), Clock.systemUTC());
        JsonNode export = cloudA.get("/api/v1/allocation/export?cluster=us-east").body();
        Path file = dir.resolve("awards.cfg");
        Files.writeString(file, export.get("file").asText());

        Run load = run(List.of("sacctmgr", "-i", "load", "file=" + file), 60);
        assertThat(load.code).as(load.out + load.err).isZero();

        // The demo award: 3,000,000 credits, half released until the progress report is accepted; 4 credits per
        // H100-hour all along, so the limit is 1,500,000 / 4 h = 22,500,000 GPU-minutes (used + remaining).
        Run assoc = run(List.of("sacctmgr", "-n", "-P", "show", "assoc", "cluster=us-east",
                "format=account,user,grptresmins"), 30);
        assertThat(assoc.code).as(assoc.err).isZero();
        assertThat(assoc.out.lines()).contains("acct-biolab||gres/gpu:h100=22500000", "acct-biolab|ada|");
        assertThat(export.get("accounts").get(0).get("grpTresMins").get("gres/gpu:h100").asLong()).isEqualTo(22_500_000L);

        // Loading the same file again changes nothing in Slurm (the load is idempotent for existing entities).
        run(List.of("sacctmgr", "-i", "load", "file=" + file), 60);
        Run again = run(List.of("sacctmgr", "-n", "-P", "show", "assoc", "cluster=us-east",
                "format=account,user,grptresmins"), 30);
        assertThat(again.out).isEqualTo(assoc.out);
    }

    record Run(int code, String out, String err) {}

    private static Run run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SLURM_CONF", dir.resolve("slurm.conf").toString());
        pb.environment().put("PATH", System.getenv("PATH") + ":/usr/sbin");
        pb.directory(dir.toFile());
        Path out = Files.createTempFile("cgov-run", ".out");
        Path err = Files.createTempFile("cgov-run", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in " + timeoutSeconds + " s");
        }
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }
}
