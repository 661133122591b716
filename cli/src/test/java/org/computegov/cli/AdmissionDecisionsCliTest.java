package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.registry.client.RegistryClient;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cgov admission decisions} against a demo server (docs/LICENSING.md, "Decision record"): the providers' allows
 * and denies are listed with code and requested FLOP, as a table and as JSON; the regulator sees all, a provider its
 * own, a developer its licences' decisions, an evaluator is refused; pages; bad filters exit 2; deciding appends
 * nothing to the log; the record is the same after the server restarts.
 */
class AdmissionDecisionsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path data;
    private String url;

    private static ServerOptions demo(Path data) {
        return new ServerOptions(0, data, null, null, null, true, null, null, LogOptions.defaults());
    }

    private String key(String actor) {
        return data.resolve("demo-keys/" + actor + ".key").toString();
    }

    /** A provider's signed POST /api/v1/admission/decide. */
    private JsonNode decide(String provider, String licence, int chips, int minutes, String ref) throws Exception {
        RegistryClient client = new RegistryClient(URI.create(url), KeyFiles.readSignerKey(Path.of(key(provider))), Clock.systemUTC());
        String body = "{\"provider\":\"" + provider + "\",\"cluster\":\"c1\",\"account\":\"acct-9\","
                + (licence == null ? "" : "\"licence\":\"" + licence + "\",") + "\"chip\":\"H100\",\"chips\":" + chips
                + ",\"timeLimitMinutes\":" + minutes + ",\"jobRef\":\"" + ref + "\"}";
        RegistryClient.Answer a = client.post("/api/v1/admission/decide", body.getBytes(StandardCharsets.UTF_8));
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        return a.body();
    }

    private static JsonNode json(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private JsonNode decisions(String actor, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("admission", "decisions", "--url", url, "--key", key(actor), "--json"));
        args.addAll(List.of(more));
        return json(args.toArray(String[]::new));
    }

    private static List<String> refs(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("decisions").forEach(d -> out.add(d.path("jobRef").asText()));
        return out;
    }

    private static JsonNode row(JsonNode page, String ref) {
        for (JsonNode d : page.path("decisions")) {
            if (d.path("jobRef").asText().equals(ref)) {
                return d;
            }
        }
        throw new AssertionError("no decision for job " + ref + " in " + page);
    }

    /** A command that must exit 2 with a message on stderr and nothing on stdout. */
    private static String badInput(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isNotBlank();
        return r.err();
    }

    private long logSize() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/v1/log/info")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("size").asLong();
    }

    @Test
    void decisionsAreListedForWhoMayReadThemAndSurviveARestart() throws Exception {
        JsonNode before;
        try (CgovServer server = CgovServer.start(demo(data), Clock.systemUTC())) {
            url = "http://127.0.0.1:" + server.port();
            long log = logSize();
            // cloud-a: a large unlicensed job (denied) and a small one (allowed); cloud-b: a job under frontier-lab's licence.
            JsonNode unlicensed = decide("cloud-a", null, 1024, 20_160, "cli-big");
            JsonNode small = decide("cloud-a", null, 1, 60, "cli-small");
            JsonNode licensed = decide("cloud-b", "L-DEMO-1", 8, 60, "cli-licensed");
            assertThat(unlicensed.path("code").asText()).isEqualTo("licence-required");
            assertThat(small.path("code").asText()).isEqualTo("de-minimis");
            assertThat(licensed.path("code").asText()).isEqualTo("licensed");
            assertThat(logSize()).as("deciding appends nothing to the log").isEqualTo(log);

            // The regulator: everything, newest first (the demo's own jobs were decided when its world loaded).
            JsonNode all = decisions("regulator");
            assertThat(refs(all)).startsWith("cli-licensed", "cli-small", "cli-big")
                    .contains("demo-L-DEMO-1", "demo-L-DEMO-2", "demo-unlicensed-1");
            JsonNode big = row(all, "cli-big");
            assertThat(big.path("decision").asText()).isEqualTo("deny");
            assertThat(big.path("code").asText()).isEqualTo("licence-required");
            assertThat(big.path("requestedFlop").asText()).isEqualTo(unlicensed.path("requested").path("flop").asText());
            assertThat(big.path("licence").isNull()).isTrue();
            assertThat(row(all, "cli-licensed").path("holdId").asText()).isEqualTo("cloud-b/c1/cli-licensed");
            assertThat(row(all, "demo-unlicensed-1").path("code").asText()).isEqualTo("licence-required");
            assertThat(all.path("summary").path("denyByCode").path("licence-required").asLong()).isEqualTo(2);
            assertThat(json("admission", "decisions", "--url", url, "--key", key("regulator"), "--decision", "deny", "--json")
                    .path("decisions")).allSatisfy(d -> assertThat(d.path("decision").asText()).isEqualTo("deny"));

            // The table: one row per decision, and the counts of the selection.
            CliRun table = CliRun.of("admission", "decisions", "--url", url, "--key", key("regulator"), "--provider", "cloud-a");
            assertThat(table.exit()).as(table.err()).isZero();
            assertThat(table.out()).contains("decision", "code", "cli-big", "1,024 × H100", "336 h", "licence-required",
                    "de-minimis", Format.sci(unlicensed.path("requested").path("flop").asDouble()));
            assertThat(table.out()).doesNotContain("cli-licensed");
            assertThat(table.out()).containsPattern("page 1 of 1 \\(\\d rows\\); in the selection: allow \\d+, deny 1 \\(licence-required 1\\)");

            // A provider sees its own; a developer the decisions on its licences; an evaluator nothing.
            assertThat(decisions("cloud-a").path("decisions"))
                    .allSatisfy(d -> assertThat(d.path("provider").asText()).isEqualTo("cloud-a"));
            assertThat(refs(decisions("cloud-a"))).contains("cli-big", "cli-small").doesNotContain("cli-licensed", "demo-unlicensed-1");
            assertThat(refs(decisions("cloud-b"))).contains("cli-licensed", "demo-unlicensed-1").doesNotContain("cli-big");
            JsonNode lab = decisions("frontier-lab");
            assertThat(refs(lab)).containsExactly("cli-licensed", "demo-L-DEMO-1");
            assertThat(refs(decisions("bio-lab"))).containsExactly("demo-L-DEMO-2");
            assertThat(badInput("admission", "decisions", "--url", url, "--key", key("eval-inst"))).contains("HTTP 403");

            // Pages of two: together the list, in order.
            List<String> paged = new ArrayList<>(refs(decisions("regulator", "--limit", "2", "--page", "1")));
            paged.addAll(refs(decisions("regulator", "--limit", "2", "--page", "2")));
            assertThat(paged).isEqualTo(refs(all).subList(0, 4));
            assertThat(decisions("regulator", "--limit", "2").path("pages").asInt()).isEqualTo((refs(all).size() + 1) / 2);

            // Bad filters exit 2: checked here, or refused by the server (4xx).
            assertThat(badInput("admission", "decisions", "--url", url, "--key", key("regulator"), "--decision", "maybe"))
                    .contains("--decision");
            assertThat(badInput("admission", "decisions", "--url", url, "--key", key("regulator"), "--page", "0")).contains("--page");
            assertThat(badInput("admission", "decisions", "--url", url, "--key", key("regulator"), "--limit", "501")).contains("--limit");
            assertThat(badInput("admission", "decisions", "--url", url, "--key", key("regulator"), "--provider", "p".repeat(201)))
                    .contains("HTTP 400");
            assertThat(badInput("admission", "decisions", "--url", url, "--key", key("cloud-a"), "--provider", "cloud-b"))
                    .contains("HTTP 403");
            assertThat(badInput("admission", "decisions", "--url", url, "--key", key("frontier-lab"), "--licence", "L-DEMO-2"))
                    .contains("HTTP 404");
            assertThat(logSize()).isEqualTo(log);
            before = all;
        }

        // After a restart on the same data directory the record is the same.
        try (CgovServer server = CgovServer.start(demo(data), Clock.systemUTC())) {
            url = "http://127.0.0.1:" + server.port();
            JsonNode after = decisions("regulator");
            assertThat(after.path("decisions")).isEqualTo(before.path("decisions"));
            assertThat(after.path("summary")).isEqualTo(before.path("summary"));
        }
    }
}
