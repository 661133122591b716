package org.computegov.cli.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The one HTTP client a log command uses: keep-alive connections reused across every request, gzip accepted
 * (tlog-tiles logs may compress entry bundles without negotiation), and every response body capped so a hostile
 * server cannot exhaust memory.
 */
public final class LogHttp implements AutoCloseable {
    /** A response: status, content type (may be empty) and the (decompressed) body. */
    public record Response(URI uri, int status, String contentType, byte[] body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private final ExecutorService executor;
    private final HttpClient client;
    private final Duration timeout;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public LogHttp(Duration timeout) {
        this.timeout = timeout;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "cgov-http");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(executor)
                .build();
    }

    /** Starts a GET; the future fails with an IOException that names the URL. */
    public CompletableFuture<Response> getAsync(URI uri, int maxBytes) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept-Encoding", "gzip, identity").header("User-Agent", "cgov").GET().build();
        return send(request, maxBytes);
    }

    /** GETs a resource, waiting for the answer. */
    public Response get(URI uri, int maxBytes) throws IOException {
        return await(getAsync(uri, maxBytes));
    }

    /** POSTs a body, waiting for the answer. */
    public Response post(URI uri, String contentType, byte[] body, int maxBytes) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", contentType)
                .header("Accept", "application/json, application/problem+json").header("User-Agent", "cgov")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return await(send(request, maxBytes));
    }

    /** Waits for a response future, unwrapping its IOException. */
    public static Response await(CompletableFuture<Response> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(c), c);
        }
    }

    private CompletableFuture<Response> send(HttpRequest request, int maxBytes) {
        requests.incrementAndGet();
        URI uri = request.uri();
        // On the wire a gzip body can be slightly larger than what it holds (incompressible hashes).
        int wireMax = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + maxBytes / 64L + 1024);
        return client.sendAsync(request, info -> new CappedBody(wireMax))
                .thenApply(r -> {
                    byte[] body = r.body();
                    bytes.addAndGet(body.length);
                    if (r.headers().firstValue("Content-Encoding").map(v -> v.equalsIgnoreCase("gzip")).orElse(false)) {
                        body = gunzip(uri, body, maxBytes);
                    }
                    return new Response(uri, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), body);
                })
                .exceptionally(t -> {
                    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
                    throw new CompletionException(describe(request.method(), uri, c));
                });
    }

    private static IOException describe(String method, URI uri, Throwable c) {
        String why;
        if (c instanceof HttpConnectTimeoutException) {
            why = "connection timed out";
        } else if (c instanceof HttpTimeoutException) {
            why = "no answer in time";
        } else if (c instanceof ConnectException) {
            why = "connection refused (is the server running?)";
        } else if (c instanceof TooLarge) {
            why = c.getMessage();
        } else {
            why = c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
        }
        return new IOException(method + " " + uri + " failed: " + why, c);
    }

    private static byte[] gunzip(URI uri, byte[] gz, int maxBytes) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            byte[] out = in.readNBytes(maxBytes + 1);
            if (out.length > maxBytes) {
                throw new CompletionException(new TooLarge("decompressed response is larger than " + maxBytes + " bytes"));
            }
            return out;
        } catch (IOException e) {
            throw new CompletionException(new IOException("response of " + uri + " is not valid gzip", e));
        }
    }

    /** How many requests were sent so far. */
    public long requests() {
        return requests.get();
    }

    /** How many body bytes were received so far (as sent, before decompression). */
    public long bytesReceived() {
        return bytes.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /** Collects a body up to a limit, cancelling the transfer past it. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletableFuture<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (buffer.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge("response is larger than " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buffer.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
