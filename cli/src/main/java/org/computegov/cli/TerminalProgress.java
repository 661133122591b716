package org.computegov.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.computegov.deployment.oms.Progress;

/**
 * A progress bar on stderr while a model is hashed, only when a person is watching (a terminal): redrawn four
 * times a second by a daemon thread, so hashing threads only add to a counter.
 */
final class TerminalProgress implements Progress {
    private final PrintStream err;
    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private volatile boolean running;
    private Thread painter;
    private long started;

    private TerminalProgress(PrintStream err) {
        this.err = err;
    }

    /** A bar if stdin and stdout are a terminal (and so, almost surely, stderr), else nothing. */
    static Progress forTerminal() {
        return System.console() != null ? new TerminalProgress(System.err) : Progress.NONE;
    }

    @Override
    public void start(long totalBytes) {
        total = totalBytes;
        started = System.nanoTime();
        running = true;
        painter = new Thread(() -> {
            while (running) {
                paint();
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "progress");
        painter.setDaemon(true);
        painter.start();
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
        }
        err.print("\r\033[K");
        err.flush();
    }

    private void paint() {
        long d = done.get();
        long t = Math.max(1, total);
        int width = 30;
        int filled = (int) Math.min(width, d * width / t);
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        err.print(String.format(Locale.ROOT, "\rhashing [%s%s] %3d%% %.2f/%.2f GiB %.2f GiB/s",
                "#".repeat(filled), " ".repeat(width - filled), d * 100 / t, d / GIB, total / GIB, d / GIB / seconds));
        err.flush();
    }

    private static final double GIB = 1024.0 * 1024 * 1024;
}
