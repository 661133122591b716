package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar of {@code cgov model hash} (and every command that hashes a model) drawn on a fake terminal: the
 * bar, the percentage, the bytes and the rate, fitted to the terminal's width; one completion line replacing it; and
 * nothing at all when no person is watching or the hash is quick.
 */
class TerminalProgressTest {
    private static final long GIB = 1L << 30;
    @TempDir Path dir;

    @AfterEach
    void realProcess() {
        Env.reset();
    }

    /** A terminal: what was written to it, and a clock the test moves. */
    private final StringWriter screen = new StringWriter();
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    private TerminalProgress bar(int columns) {
        return new TerminalProgress(new PrintWriter(screen, true), columns, nanos::get);
    }

    private void seconds(double s) {
        nanos.addAndGet((long) (s * 1e9));
    }

    @Test
    void theBarShowsTheShareTheBytesAndTheRateThenACompletionLine() {
        TerminalProgress p = bar(80);
        p.begin(3 * GIB);
        p.advance(GIB);
        p.advance(GIB / 2);
        seconds(2);
        p.paint();
        assertThat(screen.toString()).isEqualTo("\rhashing [###############               ]  50% 1.50/3.00 GiB 0.75 GiB/s");

        p.advance(GIB + GIB / 2);
        seconds(2);
        p.paint();
        assertThat(screen.toString()).endsWith("\rhashing [##############################] 100% 3.00/3.00 GiB 0.75 GiB/s");

        p.finish();
        assertThat(screen.toString()).endsWith("\r\033[Khashed 3.00 GiB in 4.0 s (0.75 GiB/s)\n");
        p.paint(); // a late redraw after finishing draws nothing
        assertThat(screen.toString()).endsWith("\n");
    }

    @Test
    void theBarNarrowsToFitTheTerminal() {
        TerminalProgress p = bar(60);
        p.begin(4 * GIB);
        p.advance(GIB);
        seconds(0.5);
        p.paint();
        String line = screen.toString().substring(1);
        assertThat(line).isEqualTo("hashing [####               ]  25% 1.00/4.00 GiB 2.00 GiB/s");
        assertThat(line.length()).isLessThan(60);
    }

    @Test
    void anEmptyModelIsNotADivisionByZero() {
        TerminalProgress p = bar(80);
        p.begin(0);
        p.paint();
        assertThat(screen.toString()).isEqualTo("\rhashing [                              ]   0% 0.00/0.00 GiB 0.00 GiB/s");
        p.finish();
        assertThat(screen.toString()).endsWith("\r\033[Khashed 0.00 GiB in 0.0 s (0.00 GiB/s)\n");
    }

    @Test
    void aHashFinishedBeforeTheBarWasDrawnLeavesNothing() {
        TerminalProgress p = bar(80);
        p.begin(GIB);
        p.advance(GIB);
        p.finish();
        assertThat(screen.toString()).isEmpty();
    }

    @Test
    void onATerminalTheBarAppearsAfterTheFirstSecondOnTheCommandsStandardError() throws Exception {
        Env.interactive = () -> true;
        org.computegov.deployment.oms.Progress p = TerminalProgress.forTerminal(new PrintWriter(screen, true));
        assertThat(p).isInstanceOf(TerminalProgress.class);
        p.start(2 * GIB);
        p.advance(GIB);
        Thread.sleep(Progress.DELAY.toMillis() / 2);
        assertThat(screen.toString()).as("nothing in the first second").isEmpty();
        Thread.sleep(Progress.DELAY.toMillis() / 2 + 500);
        p.advance(GIB);
        p.finish();
        assertThat(screen.toString()).startsWith("\rhashing [").contains("/2.00 GiB ").contains(" GiB/s")
                .containsPattern("\r\033\\[Khashed 2\\.00 GiB in \\d+\\.\\d s \\(\\d+\\.\\d\\d GiB/s\\)\n$");
    }

    @Test
    void nothingIsRenderedWhenNoPersonIsWatching() throws Exception {
        Env.interactive = () -> false;
        assertThat(TerminalProgress.forTerminal(new PrintWriter(screen, true))).isSameAs(org.computegov.deployment.oms.Progress.NONE);

        Path model = Files.createDirectories(dir.resolve("m"));
        Files.writeString(model.resolve("config.json"), "{}");
        Files.write(model.resolve("weights.bin"), new byte[1 << 20]);
        CliRun piped = CliRun.of("model", "hash", model.toString());
        assertThat(piped.exit()).as(piped.err()).isZero();
        assertThat(piped.out()).matches("[0-9a-f]{64}\nmodel m: 2 files, .*\n");
        assertThat(piped.err()).isEmpty();

        // On a terminal too, a hash quicker than a second draws nothing (the bar would only flicker).
        Env.interactive = () -> true;
        CliRun quick = CliRun.of("model", "hash", model.toString());
        assertThat(quick.exit()).isZero();
        assertThat(quick.err()).isEmpty();
        assertThat(quick.out()).isEqualTo(piped.out());
    }
}
