package org.computegov.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * An open-loop HTTP load generator: request {@code i} is due at {@code start + i / rate} and its latency is counted
 * from that due time, so neither a slow server nor a late sender can hide a stall by sending later (no coordinated
 * omission). At most {@code connections} requests are in flight, like wrk2's fixed connections: without a bound the
 * JDK client opens a new connection for every request that finds the others busy, so one stall grows into hundreds
 * of connections and a heap full of their buffers. A request that waits for a free connection keeps its due time.
 *
 * <p>Two clients send: the JDK's {@link HttpClient} (asynchronous: a request passes from the sender to the client's
 * executor and selector thread, its response from the selector thread to the executor, so each request costs the
 * client several thread wake-ups), and {@link Raw}, plain HTTP/1.1 on kept-alive blocking sockets: the sender writes
 * the request itself and one reader thread per connection, blocked in {@code read}, takes the response (one wake-up).
 *
 * <p>Each phase also reports what else the JVM did meanwhile, so a tail can be told apart from admission: how late
 * the sender itself woke for each due time (the client's own floor, and this machine's scheduling delay for one
 * thread), the GC pauses and the JIT's compile time.
 */
final class OpenLoop {
    /** One phase's figures; latencies in milliseconds. */
    record Phase(double p50, double p99, double p999, double max, int errors, double lateP50, double lateP99,
            double lateMax, long gcPauses, long gcMs, long jitMs, String load, int count) {
    }

    /** Sends request {@code i} and calls {@code status} once with its HTTP status, or -1 if it failed. */
    interface Client {
        void send(int i, IntConsumer status);
    }

    /** Raw samples of one or more slices, merged into a {@link Phase} at the end. */
    static final class Samples {
        private final List<long[]> latencies = new ArrayList<>();
        private final List<long[]> lates = new ArrayList<>();
        private int errors;
        private long gcPauses;
        private long gcMs;
        private long jitMs;
        private String load;

        Phase phase() {
            long[] latency = concat(latencies);
            long[] late = concat(lates);
            Arrays.sort(latency);
            Arrays.sort(late);
            int n = latency.length;
            return new Phase(at(latency, 0.50), at(latency, 0.99), at(latency, 0.999), latency[n - 1] / 1e6, errors,
                    at(late, 0.50), at(late, 0.99), late[n - 1] / 1e6, gcPauses, gcMs, jitMs, load, n);
        }

        private static long[] concat(List<long[]> parts) {
            long[] all = new long[parts.stream().mapToInt(a -> a.length).sum()];
            int at = 0;
            for (long[] p : parts) {
                System.arraycopy(p, 0, all, at, p.length);
                at += p.length;
            }
            return all;
        }
    }

    private final int connections;

    OpenLoop(int connections) {
        this.connections = connections;
    }

    Phase run(Client client, int rate, double seconds) throws InterruptedException {
        Samples s = new Samples();
        run(client, rate, seconds, s);
        return s.phase();
    }

    /**
     * The two clients' phases interleaved in slices of {@code slice} seconds (a, b, a, b, …) for {@code seconds}
     * each, so that both meet the same machine: on a shared machine whose load changes by the minute, two phases run
     * one after the other compare two different machines.
     */
    Phase[] interleaved(Client a, Client b, int rate, double seconds, double slice) throws InterruptedException {
        return interleaved(a, b, rate, seconds, slice, () -> { });
    }

    /** As above, running {@code between} (not measured) after each pair of slices. */
    Phase[] interleaved(Client a, Client b, int rate, double seconds, double slice, Runnable between) throws InterruptedException {
        Samples sa = new Samples();
        Samples sb = new Samples();
        for (double done = 0; done < seconds - 1e-9; done += slice) {
            double len = Math.min(slice, seconds - done);
            run(a, rate, len, sa);
            run(b, rate, len, sb);
            between.run();
        }
        return new Phase[] {sa.phase(), sb.phase()};
    }

    private void run(Client client, int rate, double seconds, Samples into) throws InterruptedException {
        int total = Math.max(1, (int) (rate * seconds));
        long[] latency = new long[total];
        long[] late = new long[total];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        Slots slots = new Slots(connections);
        if (into.load == null) {
            into.load = loadAverage();
        }
        long gcPauses = gcPauses();
        long gcMs = gcMillis();
        long jitMs = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            // One park per request, for the whole wait: the sender shares the cores with the server it measures,
            // and waking every 200 µs to re-check (as it did) cost ~5 wake-ups per request. Oversleeping is not
            // hidden: it is the sender's lateness, counted in the latency and reported.
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            late[i] = System.nanoTime() - due;
            int slot = i;
            slots.submit(() -> client.send(slot, status -> {
                latency[slot] = System.nanoTime() - due;
                if (status != 200) {
                    errors.incrementAndGet();
                }
                done.countDown();
                Runnable next = slots.complete();
                if (next != null) {
                    next.run();
                }
            }));
        }
        if (!done.await((long) seconds + 60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException(done.getCount() + " requests unanswered a minute after the phase");
        }
        into.latencies.add(latency);
        into.lates.add(late);
        into.errors += errors.get();
        into.gcPauses += gcPauses() - gcPauses;
        into.gcMs += gcMillis() - gcMs;
        into.jitMs += ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitMs;
    }

    private static double at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, sorted.length * q)] / 1e6;
    }

    /** The JDK client, asynchronous; each request built by {@code request}. */
    static Client jdk(HttpClient client, IntFunction<HttpRequest> request) {
        return (i, status) -> client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((resp, err) -> status.accept(err != null ? -1 : resp.statusCode()));
    }

    /**
     * Plain HTTP/1.1 on {@code connections} kept-alive sockets (TCP_NODELAY), opened up front. The sender writes a
     * request on a free connection (a few hundred bytes: the write returns at once); the connection's reader thread
     * reads the status line, the headers and a {@code Content-Length} body, then frees the connection. Responses
     * must carry Content-Length (the servers measured here always send it) and keep the connection open.
     */
    static final class Raw implements AutoCloseable {
        private final ConcurrentLinkedQueue<Conn> free = new ConcurrentLinkedQueue<>();
        private final List<Conn> all = new ArrayList<>();
        private final String host;

        Raw(URI base, int connections) throws IOException {
            this.host = base.getHost() + ":" + base.getPort();
            for (int c = 0; c < connections; c++) {
                Conn conn = new Conn(new InetSocketAddress(base.getHost(), base.getPort()), c);
                all.add(conn);
                free.add(conn);
            }
        }

        /** {@code GET path}. */
        Client get(String path) {
            byte[] req = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            return (i, status) -> send(req, status);
        }

        /** {@code POST path} with a JSON body built per request. */
        Client postJson(String path, IntFunction<String> body) {
            return postJson(path, body, b -> "");
        }

        /** {@code POST path} with a JSON body and extra header lines ({@code "Name: value\r\n"}…) made from the body. */
        Client postJson(String path, IntFunction<String> body, java.util.function.Function<byte[], String> headers) {
            return (i, status) -> {
                byte[] b = body.apply(i).getBytes(StandardCharsets.UTF_8);
                byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n" + headers.apply(b)
                        + "Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] req = Arrays.copyOf(head, head.length + b.length);
                System.arraycopy(b, 0, req, head.length, b.length);
                send(req, status);
            };
        }

        private void send(byte[] request, IntConsumer status) {
            Conn c = free.poll();
            if (c == null) {
                // The load generator bounds requests in flight to the connections, so one is always free.
                throw new IllegalStateException("no free connection: more requests in flight than connections");
            }
            c.pending = status;
            try {
                c.out.write(request);
                c.out.flush();
            } catch (IOException e) {
                c.pending = null;
                free.add(c);
                status.accept(-1);
            }
        }

        @Override
        public void close() {
            for (Conn c : all) {
                c.close();
            }
        }

        private final class Conn implements Runnable {
            private final Socket socket;
            private final OutputStream out;
            private final InputStream in;
            private final byte[] buf = new byte[16384];
            private volatile IntConsumer pending;
            private volatile boolean closed;
            private int pos;
            private int lim;

            Conn(InetSocketAddress to, int n) throws IOException {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(to, 5000);
                out = socket.getOutputStream();
                in = socket.getInputStream();
                Thread t = new Thread(this, "openloop-raw-" + n);
                t.setDaemon(true);
                t.start();
            }

            @Override
            public void run() {
                try {
                    while (!closed) {
                        int status = readResponse();
                        IntConsumer p = pending;
                        pending = null;
                        free.add(this);
                        if (p != null) {
                            p.accept(status);
                        }
                    }
                } catch (IOException e) {
                    IntConsumer p = pending;
                    if (p != null && !closed) {
                        p.accept(-1);
                    }
                }
            }

            /** One response: its status; the body is read and dropped. */
            private int readResponse() throws IOException {
                String statusLine = line();
                int status = Integer.parseInt(statusLine.substring(9, 12));
                long length = 0;
                for (String h; !(h = line()).isEmpty();) {
                    int colon = h.indexOf(':');
                    if (colon > 0 && h.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                        length = Long.parseLong(h.substring(colon + 1).trim());
                    }
                }
                while (length > 0) {
                    if (pos == lim) {
                        fill();
                    }
                    int take = (int) Math.min(length, lim - pos);
                    pos += take;
                    length -= take;
                }
                return status;
            }

            private String line() throws IOException {
                StringBuilder sb = new StringBuilder(64);
                while (true) {
                    if (pos == lim) {
                        fill();
                    }
                    byte b = buf[pos++];
                    if (b == '\n') {
                        int n = sb.length();
                        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
                    }
                    sb.append((char) (b & 0xff));
                }
            }

            private void fill() throws IOException {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("the server closed the connection");
                }
                pos = 0;
                lim = n;
            }

            void close() {
                closed = true;
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    /** At most {@code max} requests in flight; the rest wait in order, keeping their due times. */
    private static final class Slots {
        private final int max;
        private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        private int busy;

        Slots(int max) {
            this.max = max;
        }

        void submit(Runnable send) {
            synchronized (this) {
                if (busy >= max) {
                    waiting.add(send);
                    return;
                }
                busy++;
            }
            send.run();
        }

        /** A request finished: the next waiting one takes its connection, or the slot frees. */
        synchronized Runnable complete() {
            Runnable next = waiting.poll();
            if (next == null) {
                busy--;
            }
            return next;
        }
    }

    /** The stop-the-world collectors: ZGC and Shenandoah also list their concurrent cycles, which stop nothing. */
    private static java.util.List<GarbageCollectorMXBean> pausing() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().filter(gc -> !gc.getName().endsWith("Cycles")).toList();
    }

    static long gcPauses() {
        long n = 0;
        for (GarbageCollectorMXBean gc : pausing()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    static long gcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : pausing()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    static String gcNames() {
        return String.join(" + ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .toList());
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
