package org.computegov.server.http;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
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
 * (declared length) or as soon as it grows past the limit (chunked); bodies held in memory at once are bounded too
 * (503 beyond). A body the client abandons is one WARN line, not a stack trace.
 */
public final class RequestGate extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);
    private final HttpLimits limits;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public RequestGate(HttpLimits limits) {
        this.limits = limits;
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
        long declared = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (declared <= 0 && !chunked) {
            return super.handle(request, response, callback);
        }
        String path = Request.getPathInContext(request);
        int max = limits.maxBody(path);
        if (declared > max) {
            refuse(request, response, callback, 413, "content-too-large", "Content too large", "The request body is "
                    + declared + " bytes; " + path + " takes at most " + max + ".");
            return true;
        }
        long reserved = declared > 0 ? declared : max;
        if (inFlight.addAndGet(reserved) > limits.bodiesInFlight()) {
            inFlight.addAndGet(-reserved);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            refuse(request, response, callback, 503, "busy", "Server busy", "The server holds as many request bodies"
                    + " as it will at once; retry shortly.");
            return true;
        }
        new BodyReader(request, response, callback, max, reserved, path).start();
        return true;
    }

    /** Reads one body by demand callbacks, then hands the request on from a pool thread. */
    private final class BodyReader {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final int max;
        private final long reserved;
        private final String path;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final AtomicBoolean settled = new AtomicBoolean();
        private Scheduler.Task deadline;

        BodyReader(Request request, Response response, Callback callback, int max, long reserved, String path) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.max = max;
            this.reserved = reserved;
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
            inFlight.addAndGet(-reserved);
            return true;
        }

        private void tooSlow() {
            if (settle()) {
                LOG.warn("request body from {} on {} not complete after {} s ({} bytes): answered 408",
                        client(request), path, limits.bodyTimeout().toSeconds(), body.size());
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                refuse(request, response, callback, 408, "request-timeout", "Request timeout", "The request body"
                        + " did not arrive within " + limits.bodyTimeout().toSeconds() + " s.");
            }
        }

        private void abandoned(Throwable failure) {
            if (settle()) {
                refused.incrementAndGet();
                LOG.warn("request body from {} on {} aborted after {} bytes: {}", client(request), path, body.size(),
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

    static String client(Request request) {
        SocketAddress a = request.getConnectionMetaData().getRemoteSocketAddress();
        return a instanceof InetSocketAddress i ? i.getAddress().getHostAddress() : String.valueOf(a);
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
