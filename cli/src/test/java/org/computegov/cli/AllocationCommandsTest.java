package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.computegov.api.Json;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cgov alloc …}, {@code cgov chips register|transfer|holdings} and {@code cgov concern --registry} against a
 * real server with the demo world (embedded PostgreSQL, port 0), as the demo actors type them: the demo award drawn
 * down by the accounting demo's usage records, a progress report accepted, a review and a second award, the Slurm
 * export, chips registered and a transfer blocked, and each refusal's exit code and message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllocationCommandsTest {
    @TempDir static Path dir;
    private static CgovServer server;
    private static String url;
    private static Path keys;
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @BeforeAll
    static void startServer() throws Exception {
        Path data = dir.resolve("data");
        server = CgovServer.start(new ServerOptions(0, data, null, null, null, true, null, null, LogOptions.defaults()),
                Clock.systemUTC());
        url = "http://127.0.0.1:" + server.port();
        keys = data.resolve("demo-keys");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static CliRun as(String actor, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", url, "--key", keys.resolve(actor + ".key").toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static String ok(CliRun r) {
        assertThat(r.exit()).as("exit code; stderr: %s; stdout: %s", r.err(), r.out()).isZero();
        return r.out();
    }

    private static String refused(CliRun r) {
        assertThat(r.exit()).as("exit code; stderr: %s; stdout: %s", r.err(), r.out()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("cgov: ").doesNotContain("Exception", "\tat ");
        return r.err();
    }

    private static String file(String name, String json) throws Exception {
        return Files.writeString(dir.resolve(name), json).toString();
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    @Order(1)
    void theDemoAwardIsDrawnDownByTheDemoUsage() throws Exception {
        JsonNode shown = json(ok(CliRun.of("alloc", "show", "--json", "--url", url)));
        JsonNode resource = shown.get("programmes").get(0).get("resources").get(0);
        assertThat(resource.get("id").asText()).isEqualTo("cloud-a-h100");
        assertThat(resource.get("rates")).hasSize(2);

        JsonNode award = json(ok(as("bio-lab", "alloc", "show", "A-bio-1", "--json")));
        JsonNode line = award.get("drawDown").get(0);
        // The accounting demo: 1,024 H100s for 24 hours on each of 12 days, on account acct-biolab at cloud-a us-east.
        double hours = 1_024.0 * 24 * 12;
        assertThat(line.get("usedGpuHours").asDouble()).isCloseTo(hours, within(1e-6));
        assertThat(line.get("usedCredits").asDouble()).isCloseTo(hours * 4, within(1e-6));
        assertThat(line.get("released").asDouble()).isEqualTo(1_500_000);
        String table = ok(as("bio-lab", "alloc", "show", "A-bio-1"));
        assertThat(table).contains("award A-bio-1", "0000-0002-1825-0097", "cloud-a-h100", "1,179,648", "294,912");
        // Another developer may not read it.
        assertThat(refused(as("frontier-lab", "alloc", "show", "A-bio-1"))).contains("403");
        assertThat(refused(as("bio-lab", "alloc", "show", "A-bio-1", "--as-of", "soon"))).contains("--as-of 'soon' is not a date");
    }

    @Test
    @Order(2)
    void reportAcceptedReviewAndASecondAward() throws Exception {
        ok(as("regulator", "alloc", "decide", file("accept.json", "{\"award\":\"A-bio-1\",\"action\":\"accept-report\"}")));
        JsonNode line = json(ok(as("bio-lab", "alloc", "show", "A-bio-1", "--json"))).get("drawDown").get(0);
        assertThat(line.get("released").asDouble()).isEqualTo(3_000_000);

        ok(as("eval-inst", "alloc", "review", file("review.json",
                "{\"proposal\":\"P-fl-1\",\"score\":4,\"recommended\":{\"cloud-a-h100\":300000}}")));
        String award = ok(as("regulator", "alloc", "award", file("award.json", "{\"award\":\"A-fl-1\",\"proposal\":\"P-fl-1\","
                + "\"account\":\"acct-frontier\",\"users\":[\"grace\"],\"start\":\"" + TODAY + "\",\"end\":\"" + TODAY.plusDays(180)
                + "\",\"awarded\":{\"cloud-a-h100\":300000}}")));
        assertThat(award).contains("accepted alloc-award statement", "award: A-fl-1", "released: 150,000");
        JsonNode proposals = json(ok(as("regulator", "alloc", "show", "--proposals", "--json")));
        assertThat(proposals).hasSize(2);

        // Bad input is refused with what is wrong: an ORCID iD failing its check character, a wrong role.
        String orcid = refused(as("frontier-lab", "alloc", "propose", file("bad.json", "{\"proposal\":\"P-x\",\"call\":"
                + "\"nairr-2026-1\",\"project\":\"x\",\"piName\":\"x\",\"piOrcid\":\"0000-0002-1825-0098\",\"field\":\"x\","
                + "\"tier\":\"explore\",\"requested\":{\"cloud-a-h100\":1},\"justification\":\"x\"}")));
        assertThat(orcid).contains("HTTP 400", "fails its check character");
        assertThat(refused(as("cloud-a", "alloc", "programme", file("p.json", "{\"programme\":\"x\",\"name\":\"x\"}"))))
                .contains("403", "regulator");
        assertThat(refused(as("regulator", "alloc", "call", file("broken.json", "{\"call\": ")))).contains("not valid JSON");
    }

    @Test
    @Order(3)
    void exportForSlurm() throws Exception {
        String file = ok(as("cloud-a", "alloc", "export", "--cluster", "us-east", "--format", "sacctmgr"));
        // GrpTRESMins = minutes used + remaining released credits at 4 credits/GPU-h: with one rate, what is released
        // in minutes (all of acct-biolab's after its report; half of acct-frontier's, whose earlier usage predates it).
        assertThat(file).startsWith("# computegov allocation awards for cluster us-east")
                .contains("Cluster - 'us-east'\nParent - 'root'\n")
                .contains("Account - 'acct-biolab':Description='Protein language models for enzyme design':"
                        + "Organization='bio-lab':GrpTRESMins='gres/gpu:h100=" + (3_000_000 / 4 * 60) + "'")
                .contains("Account - 'acct-frontier':", "GrpTRESMins='gres/gpu:h100=" + (300_000 / 2 / 4 * 60) + "'")
                .contains("Parent - 'acct-biolab'\nUser - 'ada':DefaultAccount='acct-biolab'");
        JsonNode j = json(ok(as("cloud-a", "alloc", "export", "--cluster", "us-east", "--json")));
        assertThat(j.get("accounts")).hasSize(2);
        assertThat(refused(as("cloud-a", "alloc", "export", "--cluster", "us-east", "--format", "csv"))).contains("--format");
        assertThat(refused(as("cloud-b", "alloc", "export", "--cluster", "us-east"))).contains("403");
    }

    @Test
    @Order(4)
    void chipsRegisterTransferHoldingsAndConcern() throws Exception {
        String reg = ok(as("cloud-b", "chips", "register", file("batch.json", "{\"batch\":\"CB-H100-T\",\"chip\":\"H100\","
                + "\"count\":4096,\"site\":\"fra-2\",\"country\":\"DE\",\"provenance\":[{\"role\":\"vendor\",\"name\":\"NVIDIA\"}]}")));
        assertThat(reg).contains("accepted chip-register statement", "count: 4,096");
        String blocked = refused(as("cloud-b", "chips", "transfer", file("move.json",
                "{\"batch\":\"CB-H100-T\",\"count\":512,\"to\":\"zorblat\",\"toSite\":\"x\",\"toCountry\":\"CN\"}")));
        assertThat(blocked).contains("403", "3A090");
        String flagged = ok(as("cloud-b", "chips", "transfer", file("move2.json",
                "{\"batch\":\"CB-H100-T\",\"count\":512,\"to\":\"gulf-ai\",\"toSite\":\"x\",\"toCountry\":\"AE\"}")));
        assertThat(flagged).contains("exportControl: FLAG");
        JsonNode mine = json(ok(as("cloud-b", "chips", "holdings", "--json")));
        assertThat(mine.get("holdings")).hasSize(1);
        assertThat(mine.get("holdings").get(0).get("key").asText()).isEqualTo("cloud-b");
        JsonNode byCountry = json(ok(as("regulator", "chips", "holdings", "--by", "country", "--json")));
        assertThat(byCountry.get("holdings").toString()).contains("\"key\":\"US\"", "\"key\":\"DE\"", "\"key\":\"AE\"");
        assertThat(ok(as("cloud-b", "chips", "holdings", "--batches"))).contains("CB-H100-T", "NVIDIA");

        JsonNode concern = json(ok(as("regulator", "concern", "--within", "90", "--utilization", "0.4", "--registry", "--json")));
        assertThat(concern.get("actors").toString()).contains("cloud-a", "cloud-b");
        assertThat(refused(as("regulator", "concern", "--within", "ninety", "--registry"))).contains("--within");
    }

    @Test
    @Order(5)
    void trendsOnTheRegistrysOwnRuns() throws Exception {
        // The demo's three runs, each dated by its first usage record (20, 12 and 5 days ago).
        String table = ok(as("regulator", "trends", "fit", "--registry"));
        assertThat(table).contains("Training compute of the registry's runs", "3 runs", "doubling time")
                .doesNotContain("Published for comparison");
        JsonNode fit = json(ok(as("regulator", "trends", "fit", "--registry", "--json")));
        assertThat(fit.get("models").asInt()).isEqualTo(3);
        assertThat(fit.get("source").asText()).startsWith("computegov registry: 3 runs");
        JsonNode frontier = json(ok(as("regulator", "trends", "frontier", "--registry", "--json")));
        assertThat(frontier.get("frontier").get(0).get("model").asText()).isEqualTo("frontier-lab/frontier-1");
        // A developer fits its own runs only: two are too few for a trend with an interval (exit 2, the reason).
        assertThat(refused(as("frontier-lab", "trends", "fit", "--registry"))).contains("Only 2");
        assertThat(refused(as("regulator", "trends", "fit", "--registry", "--from", "someday"))).contains("from");
    }
}
