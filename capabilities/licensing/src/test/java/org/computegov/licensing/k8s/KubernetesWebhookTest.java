package org.computegov.licensing.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
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
import org.computegov.licensing.service.AdmissionHttpServer;
import org.computegov.licensing.service.AdmissionService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AdmissionReview v1 documents (shaped as the API server sends them) through the webhook endpoint over HTTP. */
class KubernetesWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private AdmissionHttpServer server;
    private String url;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        ComputeRate rate = ComputeRate.builtIn();
        LicenceBook book = new LicenceBook();
        book.add(new Licence("L-K8S", "frontier-lab", "run-k8s", List.of(new Tranche(1,
                Admission.flop(100 * rate.flopPerChipHour("H100")), "")), Set.of("cloud-k/gpu-east"), Set.of(),
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), List.of()), 1);
        AdmissionService service = new AdmissionService(new Admission(book, rate, AdmissionPolicy.defaults(),
                Clock.systemUTC()), book);
        server = new AdmissionHttpServer(new InetSocketAddress("127.0.0.1", 0), service, book);
        url = "http://127.0.0.1:" + server.port() + "/api/v1/admission/kubernetes?provider=cloud-k&cluster=gpu-east";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ObjectNode doc(String name) throws Exception {
        try (InputStream in = KubernetesWebhookTest.class.getResourceAsStream("/k8s/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode review(JsonNode doc) throws Exception {
        HttpResponse<String> r = post(JSON.writeValueAsString(doc));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode out = JSON.readTree(r.body());
        assertThat(out.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(out.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(out.path("response").path("uid").asText()).isEqualTo(doc.path("request").path("uid").asText());
        return out.path("response");
    }

    @Test
    void aLicensedPodIsAdmittedAndHoldsItsLargestGpuCountTimesItsDeadline() throws Exception {
        JsonNode r = review(doc("pod-licensed.json")); // 8 GPUs (containers 8 > init 2) × 10 h = 80 of 100 chip-hours
        assertThat(r.path("allowed").asBoolean()).isTrue();
        assertThat(r.path("status").path("message").asText()).contains("8 × H100 × 10.0 h = 80.0 chip-hours");
        assertThat(r.path("auditAnnotations").path("hold").asText()).startsWith("cloud-k/gpu-east/k8s/frontier-lab/pretrain-0/");

        // The API server retrying the same request (same uid) does not hold twice.
        assertThat(review(doc("pod-licensed.json")).path("allowed").asBoolean()).isTrue();

        // A dry run of a second pod is decided (it would fit? 20 chip-hours left: no) but holds nothing either way.
        ObjectNode dry = doc("pod-licensed.json");
        ((ObjectNode) dry.path("request")).put("uid", "dry-run").put("dryRun", true);
        ((ObjectNode) dry.path("request").path("object").path("metadata")).put("name", "pretrain-dry");
        assertThat(review(dry).path("allowed").asBoolean()).isFalse();

        ObjectNode second = doc("pod-licensed.json");
        ((ObjectNode) second.path("request")).put("uid", "another-request");
        ((ObjectNode) second.path("request").path("object").path("metadata")).put("name", "pretrain-1");
        JsonNode denied = review(second);
        assertThat(denied.path("allowed").asBoolean()).isFalse();
        assertThat(denied.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(denied.path("status").path("message").asText()).contains("20.0 H100 chip-hours")
                .contains("80.0 chip-hours").contains("at most 2.50 h");
    }

    @Test
    void aDryRunThatFitsIsAllowedAndHoldsNothing() throws Exception {
        ObjectNode dry = doc("pod-licensed.json");
        ((ObjectNode) dry.path("request")).put("dryRun", true);
        JsonNode r = review(dry);
        assertThat(r.path("allowed").asBoolean()).isTrue();
        assertThat(r.has("auditAnnotations")).isFalse();
        assertThat(review(doc("pod-licensed.json")).path("allowed").asBoolean()).isTrue(); // the whole 80 still free
    }

    @Test
    void anUnlicensedJobAboveTheDeMinimisIsRefusedWithItsSize() throws Exception {
        JsonNode r = review(doc("job-unlicensed.json")); // 16 pods × 8 H100 × 72 h = 9,216 chip-hours
        assertThat(r.path("allowed").asBoolean()).isFalse();
        assertThat(r.path("status").path("message").asText()).contains("128 × H100 × 72.0 h = 9,216 chip-hours")
                .contains("allowed without a licence");
    }

    @Test
    void podsOfJobsCpuPodsAndPodsWithoutDeadlines() throws Exception {
        assertThat(review(doc("pod-of-job.json")).path("allowed").asBoolean()).isTrue();
        assertThat(review(doc("pod-cpu-update.json")).path("status").path("message").asText()).contains("no nvidia.com/gpu");
        JsonNode noDeadline = review(doc("pod-no-deadline.json"));
        assertThat(noDeadline.path("allowed").asBoolean()).isFalse();
        assertThat(noDeadline.path("status").path("message").asText()).contains("spec.activeDeadlineSeconds");
        ObjectNode update = doc("pod-licensed.json");
        ((ObjectNode) update.path("request")).put("operation", "UPDATE");
        assertThat(review(update).path("allowed").asBoolean()).isTrue();
    }

    @Test
    void aJobReferenceFitsTheWireFormatWhateverTheNameAndKeepsTheUid() {
        String uid = "705ab4f5-6393-11e8-b7cc-42010a800002";
        assertThat(AdmissionReviews.jobRef("ns", "pretrain-0", uid)).isEqualTo("k8s/ns/pretrain-0/" + uid);
        String ref = AdmissionReviews.jobRef("a".repeat(63), "n".repeat(253), uid);
        assertThat(ref).hasSizeLessThanOrEqualTo(AdmissionReviews.MAX_REF).startsWith("k8s/" + "a".repeat(63) + "/nnn")
                .endsWith("~/" + uid);
    }

    @Test
    void somethingThatIsNotAnAdmissionReviewIsAProblem() throws Exception {
        HttpResponse<String> r = post("{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"request\":{}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(JSON.readTree(r.body()).path("detail").asText()).contains("admission.k8s.io/v1 AdmissionReview");
    }
}
