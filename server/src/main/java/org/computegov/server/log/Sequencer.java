package org.computegov.server.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: submitters enqueue entries and wait; one thread takes whatever has queued (up to a batch limit),
 * appends it to the log in one transaction and completes every waiter. While a commit is in flight, the next
 * batch accumulates, so throughput grows with load instead of being bounded by one fsync per entry.
 */
public final class Sequencer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
    static final int MAX_BATCH = 4096;

    /** One submitted entry and the promise of its place in the log. */
    record Pending(byte[] entry, CompletableFuture<Placed> placed) {}

    /** Where an entry landed, and the log state that includes it. */
    public record Placed(long index, boolean fresh, LogState state) {}

    private final PostgresLog log;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean running = true;

    public Sequencer(PostgresLog log, int queueCapacity) {
        this.log = log;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, "cgov-sequencer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues an entry. The future completes once the entry is durable and integrated, or fails if the commit fails.
     *
     * @return null when the queue is full (the caller should answer 503 and let the client retry)
     */
    public CompletableFuture<Placed> submit(byte[] entry) {
        if (!running) {
            return CompletableFuture.failedFuture(new IllegalStateException("the log is shutting down"));
        }
        Pending p = new Pending(entry, new CompletableFuture<>());
        synchronized (queue) {
            return queue.offer(p) ? p.placed() : null;
        }
    }

    /** Queues a batch that must be placed together: all of it or, if the queue is too full, none of it. */
    public List<CompletableFuture<Placed>> submitAll(List<byte[]> entries) {
        synchronized (queue) {
            if (!running || queue.remainingCapacity() < entries.size()) {
                return null;
            }
            List<CompletableFuture<Placed>> out = new ArrayList<>();
            for (byte[] e : entries) {
                Pending p = new Pending(e, new CompletableFuture<>());
                queue.add(p);
                out.add(p.placed());
            }
            return out;
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.placed().completeExceptionally(new IllegalStateException("the log shut down before this entry was written"));
        }
    }

    private void commit(List<Pending> batch) {
        List<byte[]> entries = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            entries.add(p.entry());
        }
        try {
            PostgresLog.Appended appended = log.append(entries);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).placed().complete(new Placed(appended.indices()[i], appended.fresh()[i], appended.state()));
            }
        } catch (Exception | Error e) {
            LOG.error("log commit of {} entries failed; none was appended", batch.size(), e);
            for (Pending p : batch) {
                p.placed().completeExceptionally(e);
            }
        }
    }

    /** Stops taking entries, writes what is queued, and waits for the thread. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
