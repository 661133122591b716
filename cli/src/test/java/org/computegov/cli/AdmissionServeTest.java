package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.registry.client.RegistryClient;
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
 * {@code cgov admission serve} in this JVM between unsigned scheduler requests (as job_submit.lua, cgov-slurm-collect
 * and the Kubernetes API server send them) and a real demo registry: decisions, holds and settlements land in the
 * registry's budget of L-DEMO-1 (read back as the regulator), bad requests are refused before anything is sent, and
 * with the registry gone or silent jobs are denied (or allowed under --when-unreachable allow). Offline mode decides
 * from a real bundle; a tampered one stops the service from starting.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdmissionServeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path K8S = Path.of("..", "capabilities", "licensing", "src", "test", "resources", "k8s");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir static Path data;
    @TempDir static Path work;
    static CgovServer registry;
    static String registryUrl;
    static RegistryClient regulator;
    static String cloudAKey;
    static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        registry = CgovServer.start(new ServerOptions(0, data, null, null, null, true, null, null, LogOptions.defaults()),
                Clock.systemUTC());
        registryUrl = "http://127.0.0.1:" + registry.port();
        regulator = new RegistryClient(URI.create(registryUrl), KeyFiles.readSignerKey(data.resolve("demo-keys/regulator.key")),
                Clock.systemUTC());
        cloudAKey = data.resolve("demo-keys/cloud-a.key").toString();
        gateway = Gateway.start("admission", "serve", "--url", registryUrl, "--key", cloudAKey, "--cluster", "c9", "--port", "0");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** L-DEMO-1's budget as the registry keeps it (read as the regulator). */
    private static JsonNode budget() throws Exception {
        RegistryClient.Answer a = regulator.get("/api/v1/licences/L-DEMO-1");
        assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
        return a.body();
    }

    private static BigInteger flop(JsonNode n, String field) {
        return new BigInteger(n.path(field).asText());
    }

    private static long logSize() throws Exception {
        return regulator.get("/api/v1/log/info").body().path("size").asLong();
    }

    static HttpResponse<String> post(String url, String body, String contentType) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode decide(Gateway g, String body) throws Exception {
        HttpResponse<String> r = post(g.url + "/api/v1/admission/decide", body, "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String job(int chips, int minutes, String ref) {
        return "{\"cluster\":\"c9\",\"account\":\"acct-1\",\"licence\":\"L-DEMO-1\",\"chip\":\"H100\",\"chips\":" + chips
                + ",\"timeLimitMinutes\":" + minutes + ",\"jobRef\":\"" + ref + "\"}";
    }

    private static ObjectNode review(String resource, String uid) throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(K8S.resolve(resource).toFile());
        ((ObjectNode) doc.path("request")).put("uid", uid);
        ((ObjectNode) doc.path("request").path("object").path("metadata").path("annotations")).put("computegov.org/licence", "L-DEMO-1");
        return doc;
    }

    private static JsonNode reviewed(Gateway g, JsonNode doc) throws Exception {
        HttpResponse<String> r = post(g.url + "/api/v1/admission/kubernetes", doc.toString(), "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode out = JSON.readTree(r.body());
        assertThat(out.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(out.path("response").path("uid").asText()).isEqualTo(doc.path("request").path("uid").asText());
        return out.path("response");
    }

    @Test
    @Order(1)
    void unsignedJobsAreDecidedByTheRegistryAndTheirHoldsAndUsageAreInItsBudget() throws Exception {
        assertThat(gateway.err()).contains("online: every job is asked of the registry at " + registryUrl)
                .contains("signed with cloud-a/");
        JsonNode before = budget();

        // job_submit.lua's request, unsigned and without provider: allowed, and the registry holds its maximum.
        JsonNode ok = decide(gateway, job(8, 600, "gw-1"));
        assertThat(ok.path("decision").asText()).as(ok.toString()).isEqualTo("allow");
        assertThat(ok.path("code").asText()).isEqualTo("licensed");
        assertThat(ok.path("holdId").asText()).isEqualTo("cloud-a/c9/gw-1");
        BigInteger requested = flop(ok.path("requested"), "flop");
        JsonNode held = budget();
        assertThat(flop(held, "heldFlop").subtract(flop(before, "heldFlop"))).isEqualTo(requested);
        assertThat(held.path("openHolds").asInt()).isEqualTo(before.path("openHolds").asInt() + 1);

        // A retry of the same job (same jobRef, provider named) holds nothing more.
        JsonNode again = decide(gateway, job(8, 600, "gw-1").replace("{", "{\"provider\":\"cloud-a\","));
        assertThat(again.path("holdId").asText()).isEqualTo("cloud-a/c9/gw-1");
        assertThat(flop(budget(), "heldFlop")).isEqualTo(flop(held, "heldFlop"));

        // Over the budget: denied with requested against available, nothing held.
        JsonNode over = decide(gateway, job(4096, 60_000, "gw-2"));
        assertThat(over.path("decision").asText()).isEqualTo("deny");
        assertThat(over.path("code").asText()).isEqualTo("budget-exceeded");
        assertThat(flop(over.path("requested"), "flop")).isGreaterThan(flop(over.path("available"), "flop"));
        assertThat(over.path("reason").asText()).contains("chip-hours");
        assertThat(flop(budget(), "heldFlop")).isEqualTo(flop(held, "heldFlop"));

        // cgov-slurm-collect's report: the job ran 5 of its 10 hours; its hold settles to what it used.
        String sacct = "JobID|Elapsed|State|WCKey\n101|05:00:00|COMPLETED|cgov-gw-1\n";
        HttpResponse<String> usage = post(gateway.url + "/api/v1/admission/usage?provider=cloud-a&cluster=c9", sacct, "text/plain");
        assertThat(usage.statusCode()).as(usage.body()).isEqualTo(200);
        assertThat(JSON.readTree(usage.body()).path("settled").asInt()).isEqualTo(1);
        JsonNode settled = budget();
        assertThat(flop(settled, "heldFlop")).isEqualTo(flop(before, "heldFlop"));
        BigInteger used = flop(settled, "usedFlop").subtract(flop(before, "usedFlop"));
        assertThat(used.shiftLeft(1).subtract(requested).abs()).as("half the pre-charge: " + used + " of " + requested)
                .isLessThanOrEqualTo(BigInteger.TWO);
        HttpResponse<String> resent = post(gateway.url + "/api/v1/admission/usage", sacct, "text/plain");
        assertThat(JSON.readTree(resent.body()).path("alreadySettled").asInt()).isEqualTo(1);
        assertThat(flop(budget(), "usedFlop")).isEqualTo(flop(settled, "usedFlop"));

        // The licence as the registry shows it to this provider, through the service.
        HttpResponse<String> licence = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url + "/api/v1/admission/licences/L-DEMO-1"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(licence.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(licence.body()).path("usedFlop").asText()).isEqualTo(settled.path("usedFlop").asText());
    }

    @Test
    @Order(2)
    void admissionReviewsAreAnsweredFromTheRegistryAndDryRunsHoldNothing() throws Exception {
        JsonNode before = budget();
        // 8 H100 × 10 h for pod pretrain-0: allowed, held in the registry, the hold named in the audit annotations.
        JsonNode allowed = reviewed(gateway, review("pod-licensed.json", "uid-k8s-1"));
        assertThat(allowed.path("allowed").asBoolean()).as(allowed.toString()).isTrue();
        assertThat(allowed.path("auditAnnotations").path("hold").asText())
                .isEqualTo("cloud-a/c9/k8s/frontier-lab/pretrain-0/uid-k8s-1");
        BigInteger held = flop(budget(), "heldFlop");
        assertThat(held).isGreaterThan(flop(before, "heldFlop"));
        // The API server's retry (same uid) holds once.
        assertThat(reviewed(gateway, review("pod-licensed.json", "uid-k8s-1")).path("allowed").asBoolean()).isTrue();
        assertThat(flop(budget(), "heldFlop")).isEqualTo(held);

        // A dry run is decided by the registry's dry run: allowed, nothing held, no hold named.
        ObjectNode dry = review("pod-licensed.json", "uid-k8s-dry");
        ((ObjectNode) dry.path("request")).put("dryRun", true);
        JsonNode dryAnswer = reviewed(gateway, dry);
        assertThat(dryAnswer.path("allowed").asBoolean()).as(dryAnswer.toString()).isTrue();
        assertThat(dryAnswer.has("auditAnnotations")).isFalse();
        assertThat(flop(budget(), "heldFlop")).isEqualTo(held);

        // 4,096 GPUs for 1,000 h: denied with the registry's reason, 403 for kubectl.
        ObjectNode big = review("pod-licensed.json", "uid-k8s-big");
        ObjectNode spec = (ObjectNode) big.path("request").path("object").path("spec");
        spec.put("activeDeadlineSeconds", 3_600_000);
        ((ObjectNode) spec.path("containers").get(0).path("resources").path("limits")).put("nvidia.com/gpu", "4096");
        JsonNode denied = reviewed(gateway, big);
        assertThat(denied.path("allowed").asBoolean()).isFalse();
        assertThat(denied.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(denied.path("status").path("message").asText()).contains("Licence L-DEMO-1 has").contains("chip-hours");
        assertThat(flop(budget(), "heldFlop")).isEqualTo(held);

        // A webhook configured for another provider is refused.
        HttpResponse<String> other = post(gateway.url + "/api/v1/admission/kubernetes?provider=cloud-b&cluster=c9",
                review("pod-licensed.json", "uid-k8s-other").toString(), "application/json");
        assertThat(other.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void badRequestsAndOtherProvidersJobsAreRefusedBeforeAnythingIsSent() throws Exception {
        long size = logSize();
        JsonNode before = budget();
        HttpResponse<String> bad = post(gateway.url + "/api/v1/admission/decide", "{\"chips\": 8, \"timeLimitMinutes\": ", "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(JSON.readTree(bad.body()).path("detail").asText()).contains("not valid JSON");
        HttpResponse<String> noChips = post(gateway.url + "/api/v1/admission/decide", "{\"licence\":\"L-DEMO-1\"}", "application/json");
        assertThat(noChips.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noChips.body()).path("detail").asText()).contains("'chips'");

        // Another provider's job, or another cluster's: 403, with what to do.
        HttpResponse<String> otherProvider = post(gateway.url + "/api/v1/admission/decide",
                job(8, 600, "gw-x").replace("{", "{\"provider\":\"cloud-b\","), "application/json");
        assertThat(otherProvider.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(otherProvider.body()).path("detail").asText()).contains("provider cloud-a only")
                .contains("names cloud-b");
        HttpResponse<String> otherCluster = post(gateway.url + "/api/v1/admission/decide",
                job(8, 600, "gw-x").replace("\"c9\"", "\"c8\""), "application/json");
        assertThat(otherCluster.statusCode()).isEqualTo(403);
        HttpResponse<String> badSacct = post(gateway.url + "/api/v1/admission/usage", "this is not sacct output\n", "text/plain");
        assertThat(badSacct.statusCode()).isEqualTo(400);
        assertThat(post(gateway.url + "/api/v1/admission/usage?cluster=c8", "JobID|Elapsed|State|WCKey\n", "text/plain").statusCode())
                .isEqualTo(403);

        assertThat(logSize()).isEqualTo(size);
        JsonNode after = budget();
        assertThat(after.path("heldFlop").asText()).isEqualTo(before.path("heldFlop").asText());
        assertThat(after.path("openHolds").asInt()).isEqualTo(before.path("openHolds").asInt());
    }

    @Test
    @Order(4)
    void aRegistryThatDoesNotAnswerInTimeDeniesOrUnderFailOpenAllowsHoldingNothing() throws Exception {
        // A "registry" that accepts connections and never answers.
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            try (Gateway closed = Gateway.start("admission", "serve", "--url", url, "--key", cloudAKey, "--cluster", "c9",
                    "--port", "0", "--timeout", "500ms");
                    Gateway open = Gateway.start("admission", "serve", "--url", url, "--key", cloudAKey, "--cluster", "c9",
                            "--port", "0", "--timeout", "1", "--when-unreachable", "allow")) {
                JsonNode denied = decide(closed, job(8, 600, "gw-silent"));
                assertThat(denied.path("decision").asText()).isEqualTo("deny");
                assertThat(denied.path("code").asText()).isEqualTo("registry-unreachable");
                assertThat(denied.path("reason").asText()).contains("could not be asked").contains("no answer within the timeout")
                        .contains("submit again");
                assertThat(closed.err()).contains("cannot be asked").contains("denied (fail-closed)");
                JsonNode allowed = decide(open, job(8, 600, "gw-silent"));
                assertThat(allowed.path("decision").asText()).isEqualTo("allow");
                assertThat(allowed.path("code").asText()).isEqualTo("registry-unreachable-fail-open");
                assertThat(allowed.path("holdId").isNull()).isTrue();
            } finally {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    @Test
    @Order(5)
    void offlineModeDecidesFromAVerifiedBundleAndATamperedOneIsRefused() throws Exception {
        String regulatorKey = data.resolve("demo-keys/regulator.key").toString();
        String regulatorVkey = KeyFiles.readSignerKey(data.resolve("demo-keys/regulator.key")).verifierKey().encode();
        String logVkey = KeyFiles.readSignerKey(data.resolve("log.key")).verifierKey().encode();
        Path bundle = work.resolve("l1.bundle.json");
        CliRun made = CliRun.of("licence", "bundle", "L-DEMO-1", "--out", bundle.toString(), "--url", registryUrl, "--key", regulatorKey);
        assertThat(made.exit()).as(made.err()).isZero();

        // What the registry has counted against the licence (used and held), told to the offline service at its start.
        JsonNode registryBudget = budget();
        String counted = flop(registryBudget, "usedFlop").add(flop(registryBudget, "heldFlop")).toString();
        try (Gateway offline = Gateway.start("admission", "serve", "--bundle", bundle.toString(), "--issuer-key", regulatorVkey,
                "--log-key", logVkey, "--provider", "cloud-a", "--cluster", "c9", "--port", "0", "--used", "L-DEMO-1=" + counted)) {
            assertThat(offline.err()).contains("offline, from 1 verified bundle(s): L-DEMO-1").contains("a restart forgets them");
            JsonNode ok = decide(offline, job(8, 600, "off-1"));
            assertThat(ok.path("decision").asText()).as(ok.toString()).isEqualTo("allow");
            assertThat(ok.path("holdId").asText()).isEqualTo("cloud-a/c9/off-1");
            HttpResponse<String> b = HTTP.send(HttpRequest.newBuilder(URI.create(offline.url + "/api/v1/admission/licences/L-DEMO-1"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(b.body()).path("heldFlop").asText()).isEqualTo(ok.path("requested").path("flop").asText());
            // The same job the registry refused: refused here too, with the same FLOP available as the registry had.
            JsonNode over = decide(offline, job(4096, 60_000, "off-2"));
            assertThat(over.path("code").asText()).isEqualTo("budget-exceeded");
            assertThat(flop(over.path("available"), "flop")).isEqualTo(flop(registryBudget, "availableFlop")
                    .subtract(flop(ok.path("requested"), "flop")));
            HttpResponse<String> other = post(offline.url + "/api/v1/admission/decide",
                    job(8, 600, "off-3").replace("{", "{\"provider\":\"cloud-b\","), "application/json");
            assertThat(other.statusCode()).isEqualTo(403);
            HttpResponse<String> usage = post(offline.url + "/api/v1/admission/usage",
                    "JobID|Elapsed|State|WCKey\n7|01:00:00|COMPLETED|cgov-off-1\n", "text/plain");
            assertThat(JSON.readTree(usage.body()).path("settled").asInt()).as(usage.body()).isEqualTo(1);
        }

        // The licence's terms changed in the bundle (frontier-lab → frontier-lbb): it no longer verifies; nothing served.
        ObjectNode doc = (ObjectNode) JSON.readTree(bundle.toFile());
        ObjectNode envelope = (ObjectNode) JSON.readTree(Base64.getDecoder().decode(doc.path("envelope").asText()));
        String payload = new String(Base64.getDecoder().decode(envelope.path("payload").asText()), StandardCharsets.UTF_8);
        assertThat(payload).contains("frontier-lab");
        envelope.put("payload", Base64.getEncoder().encodeToString(payload.replace("frontier-lab", "frontier-lbb")
                .getBytes(StandardCharsets.UTF_8)));
        doc.put("envelope", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(envelope)));
        Path tampered = Files.writeString(work.resolve("tampered.json"), doc.toString());
        CliRun refused = CliRun.of("admission", "serve", "--bundle", tampered.toString(), "--issuer-key", regulatorVkey,
                "--log-key", logVkey, "--provider", "cloud-a", "--cluster", "c9", "--port", "0");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("tampered.json").contains("nothing is served").doesNotContain("listening on");
        CliRun unknownUsed = CliRun.of("admission", "serve", "--bundle", bundle.toString(), "--issuer-key", regulatorVkey,
                "--log-key", logVkey, "--provider", "cloud-a", "--cluster", "c9", "--port", "0", "--used", "L-NONE=1e24");
        assertThat(unknownUsed.exit()).isEqualTo(2);
        assertThat(unknownUsed.err()).contains("no --bundle holds");
    }

    @Test
    @Order(6)
    void badSetupsExitTwoWithWhatToDo() {
        CliRun remote = CliRun.of("admission", "serve", "--url", registryUrl, "--key", cloudAKey, "--cluster", "c9", "--host", "0.0.0.0");
        assertThat(remote.exit()).isEqualTo(2);
        assertThat(remote.err()).contains("no authentication of its own").contains("--allow-remote");
        CliRun noKey = CliRun.of("admission", "serve", "--url", registryUrl, "--key", work.resolve("absent.key").toString(),
                "--cluster", "c9", "--port", "0");
        assertThat(noKey.exit()).isEqualTo(2);
        CliRun badTimeout = CliRun.of("admission", "serve", "--url", registryUrl, "--key", cloudAKey, "--cluster", "c9", "--timeout", "soon");
        assertThat(badTimeout.exit()).isEqualTo(2);
        assertThat(badTimeout.err()).contains("--timeout 'soon'");
        CliRun badPolicy = CliRun.of("admission", "serve", "--url", registryUrl, "--key", cloudAKey, "--cluster", "c9",
                "--when-unreachable", "maybe");
        assertThat(badPolicy.exit()).isEqualTo(2);
        CliRun mixed = CliRun.of("admission", "serve", "--url", registryUrl, "--bundle", "x.json", "--issuer-key", "k",
                "--log-key", "k", "--provider", "cloud-a", "--cluster", "c9");
        assertThat(mixed.exit()).isEqualTo(2);
        assertThat(mixed.err()).contains("give one");
        CliRun otherProvider = CliRun.of("admission", "serve", "--url", registryUrl, "--key", cloudAKey, "--provider", "cloud-b",
                "--cluster", "c9", "--port", "0");
        assertThat(otherProvider.exit()).isEqualTo(2);
        // The registry's answers are not signed: plain HTTP to another host would let anyone on the path say allow.
        CliRun plain = CliRun.of("admission", "serve", "--url", "http://registry.example:8080", "--key", cloudAKey,
                "--cluster", "c9", "--port", "0");
        assertThat(plain.exit()).isEqualTo(2);
        assertThat(plain.err()).contains("plain HTTP to another host").contains("https://");
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile java.time.Instant now = java.time.Instant.now();

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    @Order(98)
    void offlineLicencesGoStaleWithTheirStatusAndFollowTheirFilesWhenRefreshed() throws Exception {
        String regulatorKey = data.resolve("demo-keys/regulator.key").toString();
        String regulatorVkey = KeyFiles.readSignerKey(data.resolve("demo-keys/regulator.key")).verifierKey().encode();
        String logVkey = KeyFiles.readSignerKey(data.resolve("log.key")).verifierKey().encode();
        Path file = work.resolve("refreshed.bundle.json");
        assertThat(CliRun.of("licence", "bundle", "L-DEMO-1", "--out", file.toString(), "--url", registryUrl, "--key", regulatorKey)
                .exit()).isZero();
        MovableClock clock = new MovableClock();
        List<String> told = java.util.Collections.synchronizedList(new ArrayList<>());
        var licences = new org.computegov.licensing.service.BundleLicences(AdmitCommand.verifier(List.of(regulatorVkey),
                List.of(logVkey), null, "24h", clock), List.of(file), clock, told::add);
        assertThat(licences.load()).singleElement().satisfies(l -> assertThat(l.licence()).isEqualTo("L-DEMO-1"));
        assertThat(licences.find("L-DEMO-1").orElseThrow().standing().name()).isEqualTo("ACTIVE");
        licences.refresh(); // unchanged file: nothing to tell
        assertThat(told).isEmpty();
        byte[] beforeSuspension = java.nio.file.Files.readAllBytes(file);

        // The regulator suspends the licence; the next bundle in the file's place suspends it here too.
        assertThat(CliRun.of("licence", "suspend", "L-DEMO-1", "--reason", "evaluation overdue", "--url", registryUrl,
                "--key", regulatorKey).exit()).isZero();
        assertThat(CliRun.of("licence", "bundle", "L-DEMO-1", "--out", file.toString(), "--url", registryUrl, "--key", regulatorKey)
                .exit()).isZero();
        licences.refresh();
        assertThat(licences.find("L-DEMO-1").orElseThrow().standing().name()).isEqualTo("SUSPENDED");
        assertThat(told).anyMatch(m -> m.contains("L-DEMO-1 is suspended"));
        // Putting the bundle from before the suspension back (its status still fresh) does not lift it.
        java.nio.file.Files.write(file, beforeSuspension);
        licences.refresh();
        assertThat(licences.find("L-DEMO-1").orElseThrow().standing().name()).isEqualTo("SUSPENDED");
        assertThat(told).anyMatch(m -> m.contains("stays suspended"));

        // A day and more later the status is too old: the licence cannot be read (the admission policy decides).
        clock.now = clock.now.plus(java.time.Duration.ofHours(25));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> licences.find("L-DEMO-1"))
                .isInstanceOf(org.computegov.licensing.admission.LicenceSource.Unreachable.class)
                .hasMessageContaining("fresh until");
    }

    @Test
    @Order(99)
    void withTheRegistryStoppedJobsAreDeniedAndUnderFailOpenAllowed() throws Exception {
        try (Gateway open = Gateway.start("admission", "serve", "--url", registryUrl, "--key", cloudAKey, "--cluster", "c9",
                "--port", "0", "--when-unreachable", "allow")) {
            registry.close();
            registry = null;
            JsonNode denied = decide(gateway, job(8, 600, "gw-down"));
            assertThat(denied.path("decision").asText()).isEqualTo("deny");
            assertThat(denied.path("code").asText()).isEqualTo("registry-unreachable");
            assertThat(denied.path("reason").asText()).contains("could not be asked").contains("submit again");
            JsonNode review = reviewed(gateway, review("pod-licensed.json", "uid-k8s-down"));
            assertThat(review.path("allowed").asBoolean()).isFalse();
            assertThat(review.path("status").path("message").asText()).contains("could not be asked");
            HttpResponse<String> usage = post(gateway.url + "/api/v1/admission/usage", "JobID|Elapsed|State|WCKey\n", "text/plain");
            assertThat(usage.statusCode()).isEqualTo(503);
            JsonNode allowed = decide(open, job(8, 600, "gw-down"));
            assertThat(allowed.path("decision").asText()).isEqualTo("allow");
            assertThat(allowed.path("code").asText()).isEqualTo("registry-unreachable-fail-open");
        }
    }

    /** {@code cgov admission serve …} running in this JVM until closed (its thread interrupted). */
    static final class Gateway implements AutoCloseable {
        private final Thread thread;
        private final StringWriter err;
        final String url;

        private Gateway(Thread thread, StringWriter err, String url) {
            this.thread = thread;
            this.err = err;
            this.url = url;
        }

        static Gateway start(String... args) throws Exception {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int[] exit = {-1};
            Thread t = new Thread(() -> exit[0] = Cgov.run(args, new PrintWriter(out, true), new PrintWriter(err, true)),
                    "admission-serve-test");
            t.setDaemon(true);
            t.start();
            Pattern listening = Pattern.compile("listening on (http://\\S+)");
            for (int i = 0; i < 600; i++) {
                Matcher m = listening.matcher(err.toString());
                if (m.find()) {
                    return new Gateway(t, err, m.group(1));
                }
                if (!t.isAlive()) {
                    throw new AssertionError("cgov " + String.join(" ", args) + " exited " + exit[0] + ": " + err);
                }
                Thread.sleep(100);
            }
            t.interrupt();
            throw new AssertionError("cgov " + String.join(" ", args) + " did not start: " + err);
        }

        String err() {
            return err.toString();
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
            assertThat(thread.isAlive()).as("the service stopped when interrupted").isFalse();
        }
    }
}
