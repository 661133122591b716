package org.computegov.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cgov bench attack}: what unauthenticated clients can make a server (in this process, on loopback, default
 * limits) hold, and how /health answers meanwhile, against the same server's /health latency before the attack.
 * Attackers: slow bodies (one byte every 5 s, reconnecting when cut off), idle connections, and large bodies
 * (declared 60 MB, and chunked 60 MB streams). Bounded in count and time.
 */
@Command(name = "attack", mixinStandardHelpOptions = true,
        description = "Slow bodies, many connections and large bodies against a local server; /health latency, "
                + "connections held, bodies refused, memory.")
final class AttackBench implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(paramLabel = "N", names = "--seconds", defaultValue = "30", description = "Length of the attack (default ${DEFAULT-VALUE}).") int seconds;
    @Option(paramLabel = "N", names = "--slow", defaultValue = "250", description = "Connections trickling a body (default ${DEFAULT-VALUE}).") int slow;
    @Option(paramLabel = "N", names = "--idle", defaultValue = "400", description = "Idle connections opened from one address (default ${DEFAULT-VALUE}).") int idle;
    @Option(paramLabel = "N", names = "--large", defaultValue = "30", description = "Clients posting 60 MB bodies (default ${DEFAULT-VALUE}).") int large;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentHashMap<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong largeBytesSent = new AtomicLong();

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 600 || slow < 0 || slow > 2000 || idle < 0 || idle > 2000 || large < 0 || large > 200) {
            throw new InvalidInputException("--seconds", "Give --seconds 1..600, --slow and --idle 0..2000, --large 0..200.",
                    "The defaults reproduce docs/BENCHMARKS.md.");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("cgov-attack");
        try (CgovServer server = CgovServer.start(new ServerOptions(0, dir, null, null, null, false, null, null,
                LogOptions.defaults()), Clock.systemUTC())) {
            int port = server.port();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            double[] baseline = healthLatencies(client, port, 50, 0);
            out.printf(Locale.ROOT, "/health before the attack: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    pct(baseline, 50), pct(baseline, 99), pct(baseline, 100));
            out.flush();
            List<Thread> attackers = new ArrayList<>();
            List<Socket> slowSockets = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                slowSockets.add(slowSocket(port));
            }
            attackers.add(daemon(() -> trickle(port, slowSockets)));
            List<Socket> idleSockets = new ArrayList<>();
            for (int i = 0; i < idle; i++) {
                try {
                    idleSockets.add(connect(port, "127.0.0.3"));
                } catch (IOException e) {
                    break;
                }
            }
            for (int i = 0; i < large; i++) {
                boolean chunked = i % 2 == 1;
                attackers.add(daemon(() -> largeBodies(port, chunked)));
            }
            long peakHeap = 0;
            List<Double> under = new ArrayList<>();
            long failures = 0;
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                peakHeap = Math.max(peakHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                double[] one = healthLatencies(client, port, 1, 10_000);
                if (one.length == 0) {
                    failures++;
                } else {
                    under.add(one[0]);
                }
                Thread.sleep(200);
            }
            long idleHeld = idleSockets.stream().filter(s -> stillOpen(s)).count();
            long slowHeld = slowSockets.stream().filter(s -> !s.isClosed() && stillOpen(s)).count();
            running.set(false);
            double[] u = under.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            var r = server.refusals();
            out.printf(Locale.ROOT, "attack for %d s: %d slow-body connections (1 byte / 5 s), %d idle connections from one"
                    + " address, %d clients posting 60 MB bodies (half declared, half chunked)%n", seconds, slow, idle, large);
            out.printf(Locale.ROOT, "/health under attack: %d answered, %d failed; p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                    + " (p50 %.1f× the baseline)%n", u.length, failures, pct(u, 50), pct(u, 99), pct(u, 100),
                    pct(u, 50) / Math.max(pct(baseline, 50), 0.001));
            out.printf(Locale.ROOT, "connections held at the end: %d of %d idle, %d of %d slow-body; closed on accept: %,d%n",
                    idleHeld, idle, slowHeld, slow, r.connections());
            out.printf(Locale.ROOT, "bodies refused by the server: %,d, requests refused (429): %,d (answers seen: %s);"
                    + " slow bodies reconnected: %,d; large-body bytes sent: %,d MB%n", r.bodies(), r.requests(), answers,
                    reconnects.get(), largeBytesSent.get() >> 20);
            out.printf(Locale.ROOT, "peak heap (server and attackers share this JVM): %,d MB; max heap %,d MB%n",
                    peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
            for (Socket s : slowSockets) {
                closeQuietly(s);
            }
            for (Socket s : idleSockets) {
                closeQuietly(s);
            }
            for (Thread t : attackers) {
                t.join(10_000);
            }
            return failures == 0 ? 0 : 1;
        }
    }

    private double[] healthLatencies(HttpClient client, int port, int n, long timeoutMs) {
        double[] ms = new double[n];
        int ok = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofMillis(timeoutMs > 0 ? timeoutMs : 10_000)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    ms[ok++] = (System.nanoTime() - t0) / 1e6;
                }
            } catch (IOException | InterruptedException e) {
                // counted as a failure by the caller
            }
        }
        double[] got = Arrays.copyOf(ms, ok);
        Arrays.sort(got);
        return got;
    }

    private static double pct(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1 < 0 ? 0
                : (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static Socket connect(int port, String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        return s;
    }

    private Socket slowSocket(int port) throws IOException {
        Socket s = connect(port, "127.0.0.2");
        s.getOutputStream().write(("POST /api/v1/log/entries HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    /** One byte every 5 s on every slow connection; a connection the server answered or closed is replaced. */
    private void trickle(int port, List<Socket> sockets) {
        while (running.get()) {
            synchronized (sockets) {
                for (int i = 0; i < sockets.size() && running.get(); i++) {
                    Socket s = sockets.get(i);
                    try {
                        if (s.getInputStream().available() > 0) {
                            count(status(s.getInputStream()));
                            throw new IOException("answered");
                        }
                        s.getOutputStream().write('{');
                    } catch (IOException e) {
                        closeQuietly(s);
                        try {
                            sockets.set(i, slowSocket(port));
                            reconnects.incrementAndGet();
                        } catch (IOException again) {
                            // the server refused a new connection; retried next round
                        }
                    }
                }
            }
            sleep(5000);
        }
    }

    /** 60 MB bodies, again and again: declared (to the log's entry route) or chunked (to registry statements). */
    private void largeBodies(int port, boolean chunked) {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'x');
        while (running.get()) {
            try (Socket s = connect(port, "127.0.0.4")) {
                s.setSoTimeout(30_000);
                OutputStream o = s.getOutputStream();
                String head = chunked
                        ? "POST /api/v1/registry/statements HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        : "POST /api/v1/log/entries HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 62914560\r\n\r\n";
                o.write(head.getBytes(StandardCharsets.US_ASCII));
                byte[] chunkHead = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    for (int sent = 0; sent < 62_914_560 && running.get(); sent += block.length) {
                        if (chunked) {
                            o.write(chunkHead);
                        }
                        o.write(block);
                        if (chunked) {
                            o.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        largeBytesSent.addAndGet(block.length);
                    }
                    if (chunked) {
                        o.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException closedByServer) {
                    // refused before the end: read the answer below
                }
                count(status(s.getInputStream()));
            } catch (IOException e) {
                sleep(100);
            }
        }
    }

    private void count(int status) {
        answers.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
    }

    private static int status(InputStream in) throws IOException {
        byte[] head = new byte[12];
        int n = in.readNBytes(head, 0, 12);
        if (n < 12) {
            return -1;
        }
        return Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII));
    }

    private static boolean stillOpen(Socket s) {
        try {
            s.setSoTimeout(1);
            return s.getInputStream().read() != -1;
        } catch (java.net.SocketTimeoutException e) {
            return true; // nothing to read and not closed
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "attacker");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
