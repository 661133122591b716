package org.computegov.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.computegov.api.Json;
import org.computegov.api.Problem;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every request body in full, without holding a thread, before the request reaches the framework: a client
 * that trickles its body one byte at a time then holds a connection (bounded per client) but no request thread, and
 * is cut off with 408 when its time is up. A body larger than its route takes is refused with 413 before it is read
 * (declared length) or as soon as it grows past the limit (chunked). Bodies held in memory are counted as their bytes
 * arrive — a declared length that is never sent costs nothing — and bounded for the server (503 beyond) and for each
 * client address (429 beyond), as are each client's requests in progress and the rate at which it starts them (429).
 * A body the client abandons is one WARN line, not a stack trace.
 */
public final class RequestGate extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);
    private final HttpLimits limits;
    private final ClientAddresses clients;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong refusedRequests = new AtomicLong();
    private final ClientShares shares;

    public RequestGate(HttpLimits limits) {
        this(limits, ClientAddresses.direct());
    }

    public RequestGate(HttpLimits limits, ClientAddresses clients) {
        this.limits = limits;
        this.clients = clients;
        this.shares = new ClientShares(limits.bodiesInFlightPerClient(), limits.requestsPerClient(),
                limits.requestsPerSecondPerClient(), limits.requestBurstPerClient());
    }

    /** Requests refused because their client had too many in progress or started them too fast (429). */
    public long refusedRequests() {
        return refusedRequests.get();
    }

    /** Client addresses the gate remembers now (each holds something, or started requests recently). */
    int clientsRemembered() {
        return shares.remembered();
    }

    /** Bodies refused so far (too large, too slow, or over the in-memory budget). */
    public long refusedBodies() {
        return refused.get();
    }

    /** Bytes of request bodies reserved right now. */
    public long bytesInFlight() {
        return inFlight.get();
    }

    /** The method the client sent, kept when HEAD is handed on as GET. */
    public static final String ORIGINAL_METHOD = "org.computegov.originalMethod";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (HttpMethod.HEAD.is(request.getMethod())) {
            // The framework answers HEAD for a GET route without running any of its handlers (so without checking
            // a signature). Handed on as GET, it runs them all; Jetty still sends no body, as the client asked HEAD.
            request = new AsGet(request);
        }
        String who = clients.of(request);
        request.setAttribute(ClientAddresses.ATTRIBUTE, who);
        ClientShares.Refusal why = shares.startRequest(who, System.nanoTime());
        if (why != ClientShares.Refusal.NONE) {
            refusedRequests.incrementAndGet();
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            refuse(request, response, callback, 429, "too-many-requests", "Too many requests", switch (why) {
                case REQUESTS -> "This client has " + limits.requestsPerClient() + " requests in progress, as many as"
                        + " one client may; wait for an answer before sending more.";
                default -> "This client sends requests faster than " + Math.round(limits.requestsPerSecondPerClient())
                        + " a second; slow down and retry.";
            });
            return true;
        }
        Ending done = new Ending(callback, who);
        long declared = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (declared <= 0 && !chunked) {
            try {
                if (!super.handle(request, response, done)) {
                    done.release();
                    return false;
                }
                return true;
            } catch (Exception | Error e) {
                done.release();
                throw e;
            }
        }
        String path = Request.getPathInContext(request);
        int max = limits.maxBody(path);
        if (declared > max) {
            refuse(request, response, done, 413, "content-too-large", "Content too large", "The request body is "
                    + declared + " bytes; " + path + " takes at most " + max + ".");
            return true;
        }
        new BodyReader(request, response, done, max, path).start();
        return true;
    }

    /**
     * The request's end, however it ends (answered, refused, abandoned): then, and only then, the client's request
     * and the body bytes held for it are given back — the body is in memory until the handler is done with it.
     */
    private final class Ending implements Callback {
        private final Callback callback;
        private final String who;
        private long held;
        private boolean released;

        Ending(Callback callback, String who) {
            this.callback = callback;
            this.who = who;
        }

        /** Holds {@code n} more body bytes against the server's and the client's budgets; the refusal, if any. */
        synchronized int hold(int n) {
            if (released) {
                return 0;
            }
            if (inFlight.addAndGet(n) > limits.bodiesInFlight()) {
                inFlight.addAndGet(-n);
                return 503;
            }
            if (!shares.holdBody(who, n)) {
                inFlight.addAndGet(-n);
                return 429;
            }
            held += n;
            return 0;
        }

        synchronized void release() {
            if (!released) {
                released = true;
                inFlight.addAndGet(-held);
                shares.releaseBody(who, held, System.nanoTime());
                shares.endRequest(who, System.nanoTime());
            }
        }

        @Override
        public void succeeded() {
            release();
            callback.succeeded();
        }

        @Override
        public void failed(Throwable x) {
            release();
            callback.failed(x);
        }

        @Override
        public InvocationType getInvocationType() {
            return callback.getInvocationType();
        }
    }

    /** Reads one body by demand callbacks, then hands the request on from a pool thread. */
    private final class BodyReader {
        private final Request request;
        private final Response response;
        private final Ending callback;
        private final int max;
        private final String path;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final AtomicBoolean settled = new AtomicBoolean();
        private Scheduler.Task deadline;

        BodyReader(Request request, Response response, Ending callback, int max, String path) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.max = max;
            this.path = path;
        }

        void start() {
            deadline = request.getComponents().getScheduler().schedule(this::tooSlow,
                    limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
            read();
        }

        private void read() {
            while (!settled.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this::read);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    abandoned(chunk.getFailure());
                    return;
                }
                ByteBuffer b = chunk.getByteBuffer();
                if (body.size() + b.remaining() > max) {
                    chunk.release();
                    if (settle()) {
                        refuse(request, response, callback, 413, "content-too-large", "Content too large",
                                "The request body is more than " + max + " bytes; " + path + " takes at most " + max + ".");
                    }
                    return;
                }
                int over = callback.hold(b.remaining());
                if (over != 0) {
                    chunk.release();
                    if (settle()) {
                        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                        response.getHeaders().put(HttpHeader.CONNECTION, "close");
                        if (over == 503) {
                            refuse(request, response, callback, 503, "busy", "Server busy", "The server holds as many"
                                    + " request bodies as it will at once; retry shortly.");
                        } else {
                            refuse(request, response, callback, 429, "too-many-requests", "Too many requests", "This"
                                    + " client has more request bodies on their way than one client may ("
                                    + limits.bodiesInFlightPerClient() + " bytes); send them one after another.");
                        }
                    }
                    return;
                }
                byte[] copy = new byte[b.remaining()];
                b.get(copy);
                body.write(copy, 0, copy.length);
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    complete();
                    return;
                }
            }
        }

        private boolean settle() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            deadline.cancel();
            return true;
        }

        private void tooSlow() {
            if (settle()) {
                LOG.warn("request body from {} on {} not complete after {} s ({} bytes): answered 408",
                        clients.of(request), path, limits.bodyTimeout().toSeconds(), body.size());
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                refuse(request, response, callback, 408, "request-timeout", "Request timeout", "The request body"
                        + " did not arrive within " + limits.bodyTimeout().toSeconds() + " s.");
            }
        }

        private void abandoned(Throwable failure) {
            if (settle()) {
                refused.incrementAndGet();
                LOG.warn("request body from {} on {} aborted after {} bytes: {}", clients.of(request), path, body.size(),
                        failure.toString());
                callback.failed(failure);
            }
        }

        private void complete() {
            if (!settle()) {
                return;
            }
            Request buffered = new BufferedRequest(request, body.toByteArray());
            try {
                request.getContext().execute(() -> {
                    try {
                        if (!RequestGate.super.handle(buffered, response, callback)) {
                            Response.writeError(buffered, response, callback, 404);
                        }
                    } catch (Throwable t) {
                        callback.failed(t);
                    }
                });
            } catch (RejectedExecutionException e) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                refuse(request, response, callback, 503, "busy", "Server busy", "Every request thread is busy.");
            }
        }
    }

    private void refuse(Request request, Response response, Callback callback, int status, String kind, String title,
            String detail) {
        refused.incrementAndGet();
        ProblemErrorHandler.write(request, response, callback, Problem.of(kind, title, status, detail,
                Request.getPathInContext(request), null, null));
    }

    /** A HEAD request as the GET it asks the headers of. */
    private static final class AsGet extends Request.Wrapper {
        AsGet(Request request) {
            super(request);
            request.setAttribute(ORIGINAL_METHOD, HttpMethod.HEAD.asString());
        }

        @Override
        public String getMethod() {
            return HttpMethod.GET.asString();
        }
    }

    /** The request with its body already read: the handlers behind read it from memory. */
    private static final class BufferedRequest extends Request.Wrapper {
        private Content.Chunk chunk;

        BufferedRequest(Request request, byte[] body) {
            super(request);
            this.chunk = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk c = chunk == null ? Content.Chunk.EOF : chunk;
            chunk = null;
            return c;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // the whole body is here: there is always something to read
        }

        @Override
        public void fail(Throwable failure) {
            // nothing is being read from the network any more
        }
    }

    static byte[] json(Problem p) {
        return Json.write(p).getBytes(StandardCharsets.UTF_8);
    }
}
