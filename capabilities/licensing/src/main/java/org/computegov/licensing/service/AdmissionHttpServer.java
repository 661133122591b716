package org.computegov.licensing.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A provider-side admission endpoint, for schedulers' hooks on the same host or network (Slurm's job_submit.lua, a
 * Kubernetes webhook behind a TLS-terminating proxy). What it answers is an {@link Endpoint}: {@link LocalAdmission}
 * decides from a book of licences in this process, {@link RegistryAdmission} asks the registry on the provider's
 * behalf ({@code cgov admission serve}); {@code GET /health} is answered here.
 * Bad input is a 400 with an RFC 9457 problem body; bodies over 1 MiB are refused with 413 before they are read.
 *
 * <p>Transport: Jetty's core server (no servlets), one acceptor, one selector, a small pool. A decision from a book
 * in memory takes microseconds, so it is made on the selector thread that read the request, with no thread
 * hand-off; endpoints that wait, and large bodies, go to the pool ({@link Dispatch}). Why not the JDK's
 * {@code HttpServer}, used before: its dispatcher hands every readable connection to a worker thread (a wake-up more
 * per request on a 2-core machine), and it leaves Nagle's algorithm on unless a system property says otherwise (a
 * ~40 ms delayed-ACK wait per kept-alive response); Jetty sets TCP_NODELAY on accepted connections. Measured in
 * docs/BENCHMARKS.md ("Licensing: admission").
 */
@org.computegov.registry.kernel.Published
public final class AdmissionHttpServer implements AutoCloseable {
    static final int MAX_BODY = 1 << 20;
    /** Bodies up to this size are answered on the thread that read them (when the endpoint does not block). */
    static final int INLINE_MAX = 16 << 10;
    private static final byte[] HEALTH = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    /**
     * One request as the endpoint sees it: the body is read (at most 1 MiB) before the endpoint is called.
     * {@code receivedNanos} is when the server began reading it ({@link System#nanoTime}), so an endpoint can tell a
     * request that waited too long for a thread from one that just arrived.
     */
    public record Call(String method, String path, Map<String, String> query, byte[] body, long receivedNanos) {
        public Call(String method, String path, Map<String, String> query, byte[] body) {
            this(method, path, query, body, System.nanoTime());
        }

        /** This request with another body or query, received when it was. */
        public Call with(Map<String, String> otherQuery, byte[] otherBody) {
            return new Call(method, path, otherQuery, otherBody, receivedNanos);
        }

        /** A query parameter that must be present and not blank. */
        public String required(String name) throws AdmissionJson.BadRequest {
            String v = query.get(name);
            if (v == null || v.isBlank()) {
                throw new AdmissionJson.BadRequest("query parameter '" + name + "' is required");
            }
            return v;
        }
    }

    /** An answer: status, media type and body bytes. */
    public record Answer(int status, String contentType, byte[] body) {
        public static Answer json(int status, JsonNode body) {
            return new Answer(status, "application/json", AdmissionJson.bytes(body));
        }

        /** An RFC 9457 problem body. */
        public static Answer problem(int status, String kind, String detail) {
            ObjectNode o = AdmissionJson.JSON.createObjectNode();
            o.put("type", "https://computegov.org/problems/" + kind);
            o.put("title", kind.replace('-', ' '));
            o.put("status", status);
            o.put("detail", detail);
            return new Answer(status, "application/problem+json", AdmissionJson.bytes(o));
        }
    }

    /** What answers the admission routes ({@code /api/v1/admission/…}). */
    @FunctionalInterface
    public interface Endpoint {
        Answer answer(Call call);

        /**
         * Whether answering may wait (on a database, another server): such calls run on the server's pool. One that
         * never waits is answered on the thread that read the request, saving a thread hand-off per request.
         */
        default boolean blocks() {
            return true;
        }
    }

    private final Server server;
    private final ServerConnector connector;

    /** Decides in this process from {@code licences} (see {@link LocalAdmission}). */
    public AdmissionHttpServer(InetSocketAddress bind, AdmissionService service,
            org.computegov.licensing.admission.LicenceSource licences) throws IOException {
        this(bind, new LocalAdmission(service, licences));
    }

    public AdmissionHttpServer(InetSocketAddress bind, Endpoint endpoint) throws IOException {
        QueuedThreadPool pool = new QueuedThreadPool(16, 4);
        pool.setName("cgov-admission");
        pool.setDaemon(true);
        server = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        // The address itself, as checked by the caller: a host name would be looked up again here and could differ.
        connector.setHost(bind.getAddress() != null ? bind.getAddress().getHostAddress() : bind.getHostString());
        connector.setPort(bind.getPort());
        server.addConnector(connector);
        server.setHandler(new Dispatch(endpoint, pool));
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is what the caller needs to see
            }
            throw new IOException("could not start the admission server on " + bind + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /**
     * Declared non-blocking, so Jetty runs it on the selector thread that read the request (no hand-off). The body is
     * read asynchronously; then an endpoint that {@linkplain Endpoint#blocks() blocks} (a call to the registry), or a
     * body over {@value #INLINE_MAX} bytes (a usage upload), is answered on the pool, anything else right here.
     */
    private static final class Dispatch extends Handler.Abstract.NonBlocking {
        private final Endpoint endpoint;
        private final QueuedThreadPool pool;

        Dispatch(Endpoint endpoint, QueuedThreadPool pool) {
            this.endpoint = endpoint;
            this.pool = pool;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long received = System.nanoTime();
            String method = request.getMethod();
            String path = request.getHttpURI().getPath();
            if (path.equals("/health") && method.equals("GET")) {
                send(response, callback, new Answer(200, "application/json", HEALTH));
                return true;
            }
            if (!path.startsWith("/api/v1/admission/")) {
                send(response, callback, Answer.problem(404, "not-found", method + " " + path + " is not an admission route."));
                return true;
            }
            // The query first, before any body is read: a malformed one (x=%zz) is a 400 now, not an exception in the
            // body's completion, where it left the request unanswered and its connection held.
            Map<String, String> query;
            try {
                query = query(request.getHttpURI().getQuery());
            } catch (IllegalArgumentException e) {
                send(response, callback, Answer.problem(400, "invalid-request", "the query is not valid percent-encoding: " + e.getMessage()));
                return true;
            }
            if (!method.equals("POST") && !method.equals("PUT")) {
                answer(new Call(method, path, query, new byte[0], received), response, callback);
            } else if (request.getLength() > MAX_BODY) {
                send(response, callback, tooLarge());
            } else {
                Content.Source.asByteArrayAsync(request, MAX_BODY).whenComplete((body, failure) -> {
                    try {
                        if (failure != null) {
                            // A body past the limit (sent without a length) fails the read; so does a dropped connection.
                            send(response, callback, request.getLength() < 0 && !(failure instanceof IOException) ? tooLarge()
                                    : Answer.problem(400, "invalid-request", "the body could not be read: " + failure.getMessage()));
                        } else {
                            answer(new Call(method, path, query, body, received), response, callback);
                        }
                    } catch (RuntimeException e) {
                        // Whatever fails here must still answer: an exception in a completion stage is otherwise lost.
                        send(response, callback, Answer.problem(500, "internal", "admission failed: " + e));
                    }
                });
            }
            return true;
        }

        private void answer(Call call, Response response, Callback callback) {
            Runnable work = () -> {
                Answer a;
                try {
                    a = endpoint.answer(call);
                } catch (RuntimeException e) {
                    a = Answer.problem(500, "internal", "admission failed: " + e);
                }
                send(response, callback, a);
            };
            if (endpoint.blocks() || call.body().length > INLINE_MAX) {
                pool.execute(work);
            } else {
                work.run();
            }
        }

        private static Answer tooLarge() {
            return Answer.problem(413, "body-too-large", "the body exceeds " + MAX_BODY + " bytes");
        }

        private static void send(Response response, Callback callback, Answer a) {
            response.setStatus(a.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, a.contentType());
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, a.body().length);
            response.write(true, ByteBuffer.wrap(a.body()), callback);
        }
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

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the admission server: " + e.getMessage(), e);
        }
    }
}
