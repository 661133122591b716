package org.computegov.licensing.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.computegov.licensing.admission.LicenceSource;
import org.computegov.licensing.admission.LicenceState;
import org.computegov.licensing.k8s.AdmissionReviews;

/**
 * A provider-side admission endpoint on the JDK's HTTP server, for schedulers' hooks on the same host or network
 * (Slurm's job_submit.lua, a Kubernetes webhook behind a TLS-terminating proxy):
 * <ul>
 *   <li>{@code POST /api/v1/admission/decide}: a job (see {@link AdmissionJson}) → a decision;</li>
 *   <li>{@code POST /api/v1/admission/usage?provider=P&cluster=C}: {@code sacct --parsable2} output → settlements;</li>
 *   <li>{@code POST /api/v1/admission/kubernetes?provider=P&cluster=C}: an AdmissionReview v1 → its response;</li>
 *   <li>{@code GET /api/v1/admission/licences/ID}: the licence's budget; {@code GET /health}.</li>
 * </ul>
 * Bad input is a 400 with an RFC 9457 problem body. Bodies are capped at 1 MiB.
 *
 * <p>TCP_NODELAY: the JDK server writes a response's headers and its body in two writes and leaves Nagle's algorithm
 * on unless {@code sun.net.httpserver.nodelay} is true. On a kept-alive connection the body then waits for the
 * client's delayed ACK of the headers: about 40 ms per request on Linux (measured: sequential {@code GET /health} on
 * one connection, p50 44 ms without, 0.44 ms with). The property is read once, when the JVM's first JDK HTTP server
 * starts, so this class sets it when it loads unless the operator set it explicitly.
 */
@org.computegov.registry.kernel.Published
public final class AdmissionHttpServer implements AutoCloseable {
    private static final int MAX_BODY = 1 << 20;

    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;
    private final ExecutorService pool;
    private final AdmissionService service;
    private final LicenceSource licences;

    public AdmissionHttpServer(InetSocketAddress bind, AdmissionService service, LicenceSource licences) throws IOException {
        this.service = service;
        this.licences = licences;
        this.http = HttpServer.create(bind, 128);
        this.pool = Executors.newFixedThreadPool(4);
        http.setExecutor(pool);
        http.createContext("/health", ex -> respond(ex, 200, "application/json", "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8)));
        http.createContext("/api/v1/admission/", this::route);
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void route(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            if (path.equals("/api/v1/admission/decide") && method.equals("POST")) {
                json(ex, 200, AdmissionJson.decision(service.decide(AdmissionJson.request(body(ex)))));
            } else if (path.equals("/api/v1/admission/usage") && method.equals("POST")) {
                AdmissionService.UsageResult r = service.usage(required(q, "provider"), required(q, "cluster"),
                        SacctCompletions.parse(new String(body(ex), StandardCharsets.UTF_8)));
                ObjectNode o = AdmissionJson.JSON.createObjectNode();
                o.put("settled", r.settled());
                o.put("alreadySettled", r.alreadySettled());
                o.put("notAdmittedHere", r.unknown());
                json(ex, 200, o);
            } else if (path.equals("/api/v1/admission/kubernetes") && method.equals("POST")) {
                json(ex, 200, AdmissionReviews.review(body(ex), required(q, "provider"), required(q, "cluster"), service));
            } else if (path.startsWith("/api/v1/admission/licences/") && method.equals("GET")) {
                String id = path.substring("/api/v1/admission/licences/".length());
                java.util.Optional<LicenceState> s = licences.find(id);
                if (s.isEmpty()) {
                    problem(ex, 404, "unknown-licence", "No licence '" + id + "' is known here.");
                } else {
                    json(ex, 200, AdmissionJson.budget(id, s.get().budget().snapshot()));
                }
            } else {
                problem(ex, 404, "not-found", method + " " + path + " is not an admission route.");
            }
        } catch (AdmissionJson.BadRequest e) {
            problem(ex, 400, "invalid-request", e.getMessage());
        } catch (LicenceSource.Unreachable e) {
            problem(ex, 503, "registry-unreachable", e.getMessage());
        } catch (Exception e) {
            problem(ex, 500, "internal", "admission failed: " + e);
        }
    }

    private static String required(Map<String, String> q, String name) throws AdmissionJson.BadRequest {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            throw new AdmissionJson.BadRequest("query parameter '" + name + "' is required");
        }
        return v;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static byte[] body(HttpExchange ex) throws IOException, AdmissionJson.BadRequest {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                throw new AdmissionJson.BadRequest("the body exceeds " + MAX_BODY + " bytes");
            }
            return b;
        }
    }

    private static void json(HttpExchange ex, int status, com.fasterxml.jackson.databind.JsonNode body) throws IOException {
        respond(ex, status, "application/json", AdmissionJson.bytes(body));
    }

    private static void problem(HttpExchange ex, int status, String kind, String detail) throws IOException {
        ObjectNode o = AdmissionJson.JSON.createObjectNode();
        o.put("type", "https://computegov.org/problems/" + kind);
        o.put("title", kind.replace('-', ' '));
        o.put("status", status);
        o.put("detail", detail);
        respond(ex, status, "application/problem+json", AdmissionJson.bytes(o));
    }

    private static void respond(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}
