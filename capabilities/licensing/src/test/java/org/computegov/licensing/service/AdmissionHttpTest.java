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
    void theServerTurnsNaglesAlgorithmOffSoKeptAliveResponsesDoNotWaitForDelayedAcks() {
        // The JDK server reads this once, when its first instance starts (one is running here); without it every
        // response on a kept-alive connection waits ~40 ms for the client's delayed ACK (see AdmissionHttpServer).
        assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
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
}
