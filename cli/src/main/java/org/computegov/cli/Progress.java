package org.computegov.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on standard error for work that takes more than a second: shown only when a person is watching
 * (a terminal, see {@link Env#interactive}) and only once the work has run for {@link #DELAY}, so quick runs and
 * scripts, logs and pipes see nothing. Thread-safe: steps may come from any thread.
 */
final class Progress implements AutoCloseable {
    static final Duration DELAY = Duration.ofSeconds(1);

    private final String task;
    private final PrintWriter err;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private ProgressBar bar;
    private boolean closed;

    private Progress(String task, PrintWriter err, boolean enabled) {
        this.task = task;
        this.err = err;
        this.enabled = enabled;
    }

    static Progress start(String task, PrintWriter err) {
        return new Progress(task, err, Env.interactive.get());
    }

    /** {@code done} of {@code total} units are finished ({@code total} &lt; 0: unknown). */
    synchronized void step(long done, long total) {
        if (!enabled || closed) {
            return;
        }
        if (bar == null) {
            if (System.nanoTime() - started < DELAY.toNanos()) {
                return;
            }
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUpdateIntervalMillis(200)
                    .setUnit(total < 0 ? " s" : "", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(new WriterStream(err), true,
                            StandardCharsets.UTF_8), width()))
                    .clearDisplayOnFinish().build();
        }
        if (total >= 0 && bar.getMax() != total) {
            bar.maxHint(total);
        }
        bar.stepTo(done);
    }

    /** Steps an indeterminate bar once a second while one long request runs; close it when the answer is in. */
    Ticker ticking() {
        Ticker t = new Ticker(this);
        t.thread.start();
        return t;
    }

    /** A background thread counting seconds into the bar. */
    static final class Ticker implements AutoCloseable {
        private final Thread thread;

        private Ticker(Progress p) {
            thread = new Thread(() -> {
                long seconds = 0;
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        p.step(seconds++, -1);
                        Thread.sleep(1000);
                    }
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            }, "cgov-progress");
            thread.setDaemon(true);
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    /** Whether a bar has been drawn (for tests). */
    synchronized boolean shown() {
        return bar != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (bar != null) {
            bar.close();
        }
    }

    private static int width() {
        try {
            String columns = Env.get("COLUMNS");
            return columns == null ? 80 : Math.max(40, Integer.parseInt(columns.strip()));
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    /** The bar's console writes bytes; the command's standard error is a writer. */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter w;

        WriterStream(PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            w.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            w.write(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            w.flush();
        }
    }
}
