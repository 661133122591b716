package org.computegov.licensing;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.computegov.licensing.admission.Decision;
import org.computegov.licensing.admission.JobRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes admission decisions to the decision record without slowing admission: {@link #record} only offers the row to
 * a bounded queue (it never blocks and never touches the database), and one background thread takes what is queued
 * in batches and writes each batch in one transaction. When the queue is full the row is dropped and counted
 * ({@link #dropped}, and a warning in the log at most once a minute): a flood of decisions costs at most the queue's
 * memory. An allow dropped here loses no budget accounting: its hold row was committed before the answer.
 *
 * <p>Within a batch, identical denies (the same job asking again and answered the same, as a Kubernetes controller
 * retrying a pod does) are written as one row with {@code repeats} and the time of the last. Every {@code purgeEvery},
 * and once at {@link #start}, rows older than the retention are deleted. {@link #close} stops taking rows, writes what
 * is queued, and ends the thread.
 */
final class DecisionRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionRecorder.class);
    /** Rows the queue holds: about 5 MB at worst, some seconds of decisions at the fastest admission measured. */
    static final int CAPACITY = 10_000;
    /** Rows one transaction writes at most. */
    static final int BATCH = 500;
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** A row of {@code licensing_local.admission_decision}. */
    record Row(Instant decidedAt, Instant lastAt, int repeats, String provider, String cluster, String account,
            String licence, String jobRef, String chip, int chips, long timeLimitMinutes, BigInteger requestedFlop,
            String decision, String code, String reason, String holdId) {

        static Row of(Instant at, JobRequest job, Decision d) {
            return new Row(at, at, 1, job.provider(), job.cluster(), job.account(), job.licence(), job.jobRef(),
                    job.chip(), job.chips(), job.timeLimit().toMinutes(), d.requestedFlop(),
                    d.decision().wire(), d.code(), d.reason(), d.holdId());
        }

        /** What makes two denies the same: everything but the time. */
        private Object key() {
            return List.of(provider, cluster, account, Objects.toString(licence), jobRef, Objects.toString(chip), chips,
                    timeLimitMinutes, requestedFlop, code, reason);
        }

        private Row again(Instant at) {
            return new Row(decidedAt, at, repeats + 1, provider, cluster, account, licence, jobRef, chip, chips,
                    timeLimitMinutes, requestedFlop, decision, code, reason, holdId);
        }
    }

    /** Where rows go: the database, or a test's list. */
    interface Sink {
        /** Writes the rows (all or none). */
        void write(List<Row> rows);

        /** Deletes rows decided before {@code before}; how many. */
        int purge(Instant before);
    }

    /** The recorder's counts since it was created: rows dropped (queue full), rows whose write failed, rows queued. */
    record Counts(long dropped, long failed, int queued, Instant since) {}

    private final ArrayBlockingQueue<Row> queue;
    private final int capacity;
    private final int batch;
    private final Sink sink;
    private final Clock clock;
    private final Duration retention;
    private final Duration purgeEvery;
    private final Instant since;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastWarning;
    private final Object progress = new Object();
    /** Rows taken from the queue and written (or failed); guarded by {@link #progress}. */
    private long processed;
    private volatile boolean closing;
    private volatile Thread writer;

    DecisionRecorder(int capacity, int batch, Sink sink, Clock clock, Duration retention, Duration purgeEvery) {
        if (capacity < 1 || batch < 1) {
            throw new IllegalArgumentException("capacity and batch must be positive");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the retention must be positive, got " + retention);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.batch = batch;
        this.sink = sink;
        this.clock = clock;
        this.retention = retention;
        this.purgeEvery = purgeEvery;
        this.since = clock.instant();
        this.lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    }

    Duration retention() {
        return retention;
    }

    /**
     * Queues the decision's row; never blocks. False when it was dropped (the queue is full, or the recorder closed).
     */
    boolean record(JobRequest job, Decision d) {
        Row r = Row.of(clock.instant(), job, d);
        if (!closing && queue.offer(r)) {
            accepted.incrementAndGet();
            return true;
        }
        warnDropped(dropped.incrementAndGet());
        return false;
    }

    private void warnDropped(long total) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("admission decision record: the queue ({} rows) is full or closed; {} decision(s) not recorded since {}"
                    + " (allows keep their hold rows; the count is in GET /api/v1/admission/decisions)", capacity, total, since);
        }
    }

    /** Deletes what is past the retention now, then writes in the background until {@link #close}. */
    synchronized void start() {
        if (writer != null) {
            return;
        }
        purge();
        Thread t = new Thread(this::run, "admission-decisions");
        t.setDaemon(true);
        writer = t;
        t.start();
    }

    /**
     * Waits until the rows queued before this call are written (or failed), at most {@code max}: a read that follows
     * then sees every decision made before it. False when they are not all written by then.
     */
    boolean await(Duration max) {
        long target = accepted.get();
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (progress) {
            while (processed < target) {
                Thread w = writer;
                long left = deadline - System.nanoTime();
                if (w == null || !w.isAlive() || left <= 0) {
                    return false;
                }
                try {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    Counts counts() {
        return new Counts(dropped.get(), failed.get(), queue.size(), since);
    }

    private void run() {
        List<Row> taken = new ArrayList<>(batch);
        long nextPurge = System.nanoTime() + purgeEvery.toNanos();
        while (true) {
            Row first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = queue.poll(); // close() does not interrupt; someone else did: keep draining until closing
            }
            if (first == null) {
                if (closing) {
                    return; // nothing queued and nothing more will be
                }
            } else {
                taken.add(first);
                queue.drainTo(taken, batch - 1);
                write(taken);
                taken.clear();
            }
            if (System.nanoTime() - nextPurge >= 0) {
                nextPurge = System.nanoTime() + purgeEvery.toNanos();
                purge();
            }
        }
    }

    private void write(List<Row> rows) {
        try {
            sink.write(compact(rows));
        } catch (RuntimeException e) {
            long total = failed.addAndGet(rows.size());
            LOG.warn("admission decision record: {} decision(s) could not be written ({} since {}): {}", rows.size(), total,
                    since, e.toString());
        } finally {
            synchronized (progress) {
                processed += rows.size();
                progress.notifyAll();
            }
        }
    }

    /** The rows with identical denies merged into the first of them (repeats, the last one's time); order kept. */
    static List<Row> compact(List<Row> rows) {
        List<Row> out = new ArrayList<>(rows.size());
        Map<Object, Integer> denies = new HashMap<>();
        for (Row r : rows) {
            if (!r.decision().equals("deny")) {
                out.add(r);
                continue;
            }
            Integer at = denies.putIfAbsent(r.key(), out.size());
            if (at == null) {
                out.add(r);
            } else {
                out.set(at, out.get(at).again(r.lastAt()));
            }
        }
        return out;
    }

    private int purge() {
        try {
            int n = sink.purge(clock.instant().minus(retention));
            if (n > 0) {
                LOG.info("admission decision record: {} decision(s) older than {} days deleted", n, retention.toDays());
            }
            return n;
        } catch (RuntimeException e) {
            LOG.warn("admission decision record: the cleanup of old decisions failed (tried again later): {}", e.toString());
            return 0;
        }
    }

    /** Takes no more rows, writes what is queued, and ends the writer (waiting at most 30 s for it). */
    @Override
    public void close() {
        closing = true;
        Thread w;
        synchronized (this) {
            w = writer;
        }
        if (w != null) {
            try {
                w.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (w.isAlive()) {
                LOG.warn("admission decision record: the writer did not finish within 30 s; {} decision(s) still queued",
                        queue.size());
                return;
            }
        }
        List<Row> left = new ArrayList<>();
        queue.drainTo(left); // queued after the writer's last look (or never started): not written
        if (!left.isEmpty()) {
            LOG.warn("admission decision record: {} decision(s) queued at close were not written", left.size());
            dropped.addAndGet(left.size());
        }
    }
}
