package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.computegov.ledger.httpsig.HttpRequestView;
import org.computegov.ledger.httpsig.MessageSigner;
import org.computegov.ledger.httpsig.SignatureHeaders;
import org.computegov.registry.statement.StatementWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests at the edges of HTTP: HEAD, odd query encodings, signatures where none is needed, odd charsets. */
class HttpEdgesTest {
    @TempDir static Path data;
    static RegistryHarness registry;
    static final String BAD_SIGNATURE_INPUT = "sig=(\"@method\" \"@path\" \"@query\");created=1;keyid=\"nobody/main\"";
    static final String BAD_SIGNATURE = "sig=:" + "A".repeat(86) + "==:";

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryHarness.start(data);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    HttpResponse<String> send(String method, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder().method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return registry.send(b, pathAndQuery);
    }

    @Test
    void headOnASignedRouteAuthenticatesLikeGet() throws Exception {
        String path = "/api/v1/registry/customers";
        int unsignedGet = send("GET", path).statusCode();
        assertThat(send("HEAD", path).statusCode()).isEqualTo(unsignedGet);
        HttpResponse<String> badHead = send("HEAD", path, "Signature-Input", BAD_SIGNATURE_INPUT, "Signature", BAD_SIGNATURE);
        assertThat(badHead.statusCode()).isEqualTo(401);
        // A correctly signed HEAD reads what a signed GET reads.
        MessageSigner signer = MessageSigner.builder(registry.regulator.key().privateKey(),
                StatementWriter.keyId(registry.regulator.key())).expiresAfter(java.time.Duration.ofMinutes(1))
                .nonces(() -> java.util.UUID.randomUUID().toString()).build();
        SignatureHeaders h = signer.sign(HttpRequestView.of("HEAD", registry.base().resolve(path).toString(), Map.of()));
        HttpResponse<String> goodHead = send("HEAD", path, SignatureHeaders.SIGNATURE_INPUT, h.signatureInput(),
                SignatureHeaders.SIGNATURE, h.signature());
        assertThat(goodHead.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/registry/stats", "/api/v1/registry/actors", "/health", "/log/checkpoint",
            "/api/v1/knowledge/chips"})
    void aBadSignatureOnAPublicRouteIsRefused(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, "Signature-Input", BAD_SIGNATURE_INPUT, "Signature", BAD_SIGNATURE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/knowledge/thresholds/check?flop=1e25&date=%zz",
            "/api/v1/knowledge/thresholds/check?flop=1e25&%zz=1", "/api/v1/registry/stats?x=%4",
            "/log/checkpoint?x=1", "/log/tile/0/000?x=1", "/api/v1/log/entries/0?x=1", "/api/v1/log/receipt?index=0&index=1",
            "/api/v1/log/receipt?index=0&x=1", "/api/v1/log/proof/inclusion?index=0&size=1&x=2",
            "/api/v1/log/proof/consistency?from=0&to=1&to=2", "/health?x=1"})
    void badOrUnknownQueryParametersAre400(String pathAndQuery) throws Exception {
        RawReply r = raw("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(r.status).as(r.text).isEqualTo(400);
        assertThat(r.text).containsIgnoringCase("application/problem+json");
    }

    @Test
    void postingALogEntryWithAQueryIs400() throws Exception {
        HttpResponse<String> r = registry.send(HttpRequest.newBuilder().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")), "/api/v1/log/entries?x=1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"provider=a|b", "provider={x}", "provider=\"x\"", "provider=%zz"})
    void aSignedRequestWithAnUnparsableQueryIs400(String query) throws Exception {
        RawReply r = signedCustomersQuery(query);
        assertThat(r.status).as(r.text).isEqualTo(400);
        assertThat(r.text).containsIgnoringCase("application/problem+json");
        assertThat(r.text).doesNotContain("internal-error");
    }

    /** A query that is validly percent-encoded parses; the bad signature is then what is wrong, a 401. */
    @Test
    void aSignedRequestWithAnEncodedQueryAndABadSignatureIs401() throws Exception {
        RawReply r = signedCustomersQuery("provider=%7B%22");
        assertThat(r.status).as(r.text).isEqualTo(401);
        assertThat(r.text).containsIgnoringCase("application/problem+json");
        assertThat(r.text).doesNotContain("internal-error");
    }

    private RawReply signedCustomersQuery(String query) throws Exception {
        return raw("GET /api/v1/registry/customers?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Signature-Input: " + BAD_SIGNATURE_INPUT + "\r\nSignature: " + BAD_SIGNATURE
                + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void theRawLogRefusesAUtf16Envelope() throws Exception {
        byte[] body = "{\"payload\":\"e30=\",\"payloadType\":\"text/plain\",\"signatures\":[]}"
                .getBytes(StandardCharsets.UTF_16BE);
        long before = registry.logSize();
        HttpResponse<String> r = registry.send(HttpRequest.newBuilder().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), "/api/v1/log/entries");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("UTF-8");
        assertThat(registry.logSize()).isEqualTo(before);
    }

    record RawReply(int status, String text) {}

    RawReply raw(String request) throws IOException {
        try (Socket s = new Socket(registry.base().getHost(), registry.base().getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new RawReply(Integer.parseInt(text.split(" ", 3)[1]), text);
        }
    }
}
