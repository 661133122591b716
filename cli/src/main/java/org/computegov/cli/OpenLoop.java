package org.computegov.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop HTTP load generator: request {@code i} is due at {@code start + i / rate} and its latency is counted
 * from that due time, so neither a slow server nor a late sender can hide a stall by sending later (no coordinated
 * omission). At most {@code connections} requests are in flight, like wrk2's fixed connections: without a bound the
 * JDK client opens a new connection for every request that finds the others busy, so one stall grows into hundreds
 * of connections and a heap full of their buffers. A request that waits for a free connection keeps its due time.
 *
 * <p>Each phase also reports what else the JVM did meanwhile, so a tail can be told apart from admission: how late
 * the sender itself woke for each due time (the client's own floor), the GC pauses and the JIT's compile time.
 */
final class OpenLoop {
    /** One phase's figures; latencies in milliseconds. */
    record Phase(double p50, double p99, double p999, double max, int errors, double lateP50, double lateP99,
            double lateMax, long gcPauses, long gcMs, long jitMs, String load) {
    }

    private final HttpClient client;
    private final int connections;

    OpenLoop(HttpClient client, int connections) {
        this.client = client;
        this.connections = connections;
    }

    Phase run(IntFunction<HttpRequest> request, int rate, double seconds) throws InterruptedException {
        int total = Math.max(1, (int) (rate * seconds));
        long[] latency = new long[total];
        long[] late = new long[total];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        Slots slots = new Slots(connections);
        String load = loadAverage();
        long gcPauses = gcPauses();
        long gcMs = gcMillis();
        long jitMs = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 200_000));
            }
            late[i] = System.nanoTime() - due;
            int slot = i;
            HttpRequest r = request.apply(i);
            slots.submit(new Runnable() {
                @Override
                public void run() {
                    client.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((resp, err) -> {
                        latency[slot] = System.nanoTime() - due;
                        if (err != null || resp.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        done.countDown();
                        Runnable next = slots.complete();
                        if (next != null) {
                            next.run();
                        }
                    });
                }
            });
        }
        done.await();
        Arrays.sort(latency);
        Arrays.sort(late);
        return new Phase(at(latency, 0.50), at(latency, 0.99), at(latency, 0.999), latency[total - 1] / 1e6, errors.get(),
                at(late, 0.50), at(late, 0.99), late[total - 1] / 1e6, gcPauses() - gcPauses, gcMillis() - gcMs,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitMs, load);
    }

    private static double at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, sorted.length * q)] / 1e6;
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
