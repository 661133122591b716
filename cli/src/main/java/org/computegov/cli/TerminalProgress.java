package org.computegov.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.computegov.deployment.oms.Progress;

/**
 * A progress bar on the command's standard error while a model is hashed, only when a person is watching
 * ({@link Env#interactive}: a terminal, and not TERM=dumb) and only once hashing has taken longer than
 * {@link org.computegov.cli.Progress#DELAY}: redrawn four times a second by a daemon thread, so hashing threads only add
 * to a counter. When a bar was shown, finishing replaces it with one completion line (bytes, time, rate).
 */
final class TerminalProgress implements Progress {
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final long PAINT_EVERY_MILLIS = 250;

    private final PrintWriter err;
    private final int columns;
    private final LongSupplier nanoTime;
    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private volatile boolean running;
    private Thread painter;
    private long started;
    private boolean shown;

    /** A bar drawn on {@code err}, fitted to a terminal {@code columns} wide, timed by {@code nanoTime}. */
    TerminalProgress(PrintWriter err, int columns, LongSupplier nanoTime) {
        this.err = err;
        this.columns = columns;
        this.nanoTime = nanoTime;
    }

    /** A bar on {@code err} if a person is watching, else nothing. */
    static Progress forTerminal(PrintWriter err) {
        return Env.interactive.get() ? new TerminalProgress(err, columns(), System::nanoTime) : Progress.NONE;
    }

    @Override
    public void start(long totalBytes) {
        begin(totalBytes);
        painter = new Thread(() -> {
            try {
                Thread.sleep(org.computegov.cli.Progress.DELAY.toMillis());
                while (running) {
                    paint();
                    Thread.sleep(PAINT_EVERY_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "progress");
        painter.setDaemon(true);
        painter.start();
    }

    /** Starts counting without the painting thread (the thread calls {@link #paint}; tests call it themselves). */
    void begin(long totalBytes) {
        total = totalBytes;
        started = nanoTime.getAsLong();
        running = true;
    }

    @Override
    public void advance(long bytes) {
        done.addAndGet(bytes);
    }

    @Override
    public void finish() {
        running = false;
        if (painter != null) {
            painter.interrupt();
            try {
                painter.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (shown) {
                err.print("\r\033[K" + completion(done.get(), seconds()) + "\n");
                err.flush();
            }
        }
    }

    /** Redraws the bar in place. */
    synchronized void paint() {
        if (!running) {
            return;
        }
        shown = true;
        err.print("\r" + bar(done.get(), seconds()));
        err.flush();
    }

    private double seconds() {
        return Math.max(1e-3, (nanoTime.getAsLong() - started) / 1e9);
    }

    /** e.g. {@code hashing [###############               ]  50% 1.50/3.00 GiB 0.75 GiB/s}, at most {@code columns} wide. */
    String bar(long d, double seconds) {
        long t = Math.max(1, total);
        String tail = String.format(Locale.ROOT, "] %3d%% %.2f/%.2f GiB %.2f GiB/s", Math.min(100, d * 100 / t), d / GIB,
                total / GIB, d / GIB / seconds);
        String head = "hashing [";
        int width = Math.max(10, Math.min(30, columns - 1 - head.length() - tail.length()));
        int filled = (int) Math.min(width, d * width / t);
        return head + "#".repeat(filled) + " ".repeat(width - filled) + tail;
    }

    /** e.g. {@code hashed 3.00 GiB in 4.0 s (0.75 GiB/s)}. */
    static String completion(long d, double seconds) {
        return String.format(Locale.ROOT, "hashed %.2f GiB in %.1f s (%.2f GiB/s)", d / GIB, seconds, d / GIB / seconds);
    }

    private static int columns() {
        try {
            String c = Env.get("COLUMNS");
            return c == null ? 80 : Math.max(40, Integer.parseInt(c.strip()));
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
