package org.computegov.licensing.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.computegov.licensing.admission.Admission;
import org.computegov.licensing.admission.AdmissionPolicy;
import org.computegov.licensing.admission.ComputeRate;
import org.computegov.licensing.admission.Licence;
import org.computegov.licensing.admission.LicenceBook;
import org.computegov.licensing.budget.Tranche;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admission endpoints over HTTP: decisions, usage settlement, budgets, and bad input as problem bodies. */
class AdmissionHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private AdmissionHttpServer server;
    private String base;
    private double h100;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        ComputeRate rate = ComputeRate.builtIn();
        h100 = rate.flopPerChipHour("H100");
        LicenceBook book = new LicenceBook();
        book.add(new Licence("L-1", "lab", "run", List.of(new Tranche(1, Admission.flop(10 * h100), "")),
                Set.of("p/c"), Set.of(), Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofDays(1)), List.of()), 1);
        server = new AdmissionHttpServer(new InetSocketAddress("127.0.0.1", 0),
                new AdmissionService(new Admission(book, rate, AdmissionPolicy.defaults(), Clock.systemUTC()), book), book);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode budget() throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admission/licences/L-1")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void oneKeptAliveConnectionServesRequestAfterRequestAndAnOversizedBodyIsRefusedUnread() throws Exception {
        java.net.URI u = java.net.URI.create(base);
        try (java.net.Socket s = new java.net.Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(10_000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
            var out = s.getOutputStream();
            for (int i = 0; i < 3; i++) {
                out.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                int length = -1;
                for (String h = in.readLine(); !h.isEmpty(); h = in.readLine()) {
                    if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                char[] body = new char[length];
                assertThat(in.read(body)).isEqualTo(length);
                assertThat(new String(body)).isEqualTo("{\"status\":\"ok\"}");
            }
            // A declared 2 MiB body is refused from its header: nothing is sent after it, yet the answer comes.
            out.write(("POST /api/v1/admission/decide HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2097152\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 413 Payload Too Large");
        }
    }

    @Test
    void decideHoldThenSettleFromSacct() throws Exception {
        HttpResponse<String> r = post("/api/v1/admission/decide", "{\"provider\":\"p\",\"cluster\":\"c\",\"account\":\"a\","
                + "\"licence\":\"L-1\",\"chip\":\"H100\",\"chips\":4,\"timeLimitMinutes\":120,\"jobRef\":\"j1\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode d = JSON.readTree(r.body());
        assertThat(d.path("decision").asText()).isEqualTo("allow");
        assertThat(d.path("requested").path("flop").asText()).isEqualTo(Admission.flop(8 * h100).toString());
        assertThat(d.path("available").path("chipHours").asDouble()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.path("holdId").asText()).isEqualTo("p/c/j1");

        JsonNode denied = JSON.readTree(post("/api/v1/admission/decide", "{\"provider\":\"p\",\"cluster\":\"c\","
                + "\"licence\":\"L-1\",\"chip\":\"H100\",\"chips\":4,\"timeLimitMinutes\":60}").body());
        assertThat(denied.path("decision").asText()).isEqualTo("deny");
        assertThat(denied.path("code").asText()).isEqualTo("budget-exceeded");

        HttpResponse<String> u = post("/api/v1/admission/usage?provider=p&cluster=c",
                "JobID|WCKey|Elapsed|State\n5|cgov-j1|00:30:00|COMPLETED\n6|cgov-other|00:10:00|COMPLETED\n");
        assertThat(JSON.readTree(u.body()).path("settled").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(u.body()).path("notAdmittedHere").asInt()).isEqualTo(1);
        JsonNode b = budget();
        assertThat(b.path("usedFlop").asText()).isEqualTo(Admission.flop(2 * h100).toString()); // 4 chips × 0.5 h
        assertThat(b.path("heldFlop").asText()).isEqualTo("0");
    }

    @Test
    void badInputIsAProblemThatSaysWhatToFix() throws Exception {
        HttpResponse<String> r = post("/api/v1/admission/decide", "{\"provider\":\"p\",\"cluster\":\"c\",\"chips\":1}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(JSON.readTree(r.body()).path("detail").asText()).contains("timeLimitMinutes");
        assertThat(post("/api/v1/admission/decide", "{\"provider\":\"p\",\"cluster\":\"c\",\"chips\":2,"
                + "\"timeLimitMinutes\":5}").statusCode()).isEqualTo(400); // a GPU job must name its chip
        assertThat(post("/api/v1/admission/decide", "not json").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/admission/usage", "JobID|WCKey|Elapsed|State\n").statusCode()).isEqualTo(400);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admission/licences/nope")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(budget().path("heldFlop").asText()).isEqualTo("0"); // nothing half-applied
    }

    @Test
    void bodiesWithoutALengthAreReadUpToTheLimitAndLargeOnesAnsweredOnThePool() throws Exception {
        // Chunked (no Content-Length): a small decision, a usage upload past the inline size, and one past the limit.
        String job = "{\"provider\":\"p\",\"cluster\":\"c\",\"licence\":\"L-1\",\"chip\":\"H100\",\"chips\":1,"
                + "\"timeLimitMinutes\":60,\"jobRef\":\"chunked\"}";
        HttpResponse<String> small = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admission/decide"))
                .POST(chunked(job.getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(small.body()).path("holdId").asText()).isEqualTo("p/c/chunked");
        StringBuilder sacct = new StringBuilder("JobID|WCKey|Elapsed|State\n");
        for (int i = 0; sacct.length() <= AdmissionHttpServer.INLINE_MAX; i++) {
            sacct.append(1000 + i).append("|cgov-other").append(i).append("|00:01:00|COMPLETED\n");
        }
        sacct.append("7|cgov-chunked|00:30:00|COMPLETED\n");
        HttpResponse<String> large = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admission/usage?provider=p&cluster=c"))
                .POST(chunked(sacct.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(large.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(large.body()).path("settled").asInt()).isEqualTo(1);
        assertThat(budget().path("usedFlop").asText()).isEqualTo(Admission.flop(0.5 * h100).toString());
        HttpResponse<String> tooLarge = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admission/usage?provider=p&cluster=c"))
                .POST(chunked(new byte[AdmissionHttpServer.MAX_BODY + 1])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void anEndpointThatBlocksIsAnsweredOnThePool() throws Exception {
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        AdmissionHttpServer.Endpoint slow = call -> {
            if (call.query().containsKey("wait")) {
                try {
                    first.await(); // holds its thread until the second request has been answered
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return AdmissionHttpServer.Answer.json(200, JSON.createObjectNode().put("path", call.path()));
        };
        try (AdmissionHttpServer s = new AdmissionHttpServer(new InetSocketAddress("127.0.0.1", 0), slow)) {
            String b = "http://127.0.0.1:" + s.port();
            var waiting = http.sendAsync(HttpRequest.newBuilder(URI.create(b + "/api/v1/admission/x?wait=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // A blocked call does not stop the selector: another request on another connection is answered meanwhile.
            try {
                HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(b + "/api/v1/admission/y"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(JSON.readTree(other.body()).path("path").asText()).isEqualTo("/api/v1/admission/y");
            } finally {
                first.countDown();
            }
            assertThat(JSON.readTree(waiting.get(10, java.util.concurrent.TimeUnit.SECONDS).body()).path("path").asText())
                    .isEqualTo("/api/v1/admission/x");
        }
    }

    private static HttpRequest.BodyPublisher chunked(byte[] body) {
        // ofInputStream has no known length, so the JDK client sends it chunked.
        return HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body));
    }

    @Test
    void aMalformedQueryIsAnsweredAtOnceWithAProblem() throws Exception {
        // Before, a POST with x=%zz was never answered (the exception was lost in the body's completion stage). The JDK
        // client will not send such a target, so the request is written by hand.
        for (String head : new String[] {"POST /api/v1/admission/usage?provider=p&cluster=%zz HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 26\r\nConnection: close\r\n\r\nJobID|WCKey|Elapsed|State\n",
                "GET /api/v1/admission/licences/L-1?x=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}) {
            java.net.URI u = java.net.URI.create(base);
            try (java.net.Socket sock = new java.net.Socket(u.getHost(), u.getPort())) {
                sock.setSoTimeout(10_000);
                sock.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                sock.getOutputStream().flush();
                String reply = new String(sock.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(reply).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("percent-encoding");
            }
        }
    }
}
