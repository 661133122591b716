package org.computegov.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.computegov.licensing.admission.Decision;
import org.computegov.licensing.admission.Decision.Outcome;
import org.computegov.licensing.admission.JobRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The decision record's bounded queue and its one writer (docs/LICENSING.md, "Decision record"): a full queue drops
 * rows and counts them, never blocking; the writer writes what was queued, also at close; failed writes are counted;
 * identical denies in one batch become one row with repeats; the cleanup deletes what is older than the retention.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a recorder that blocked instead of dropping would hang
class DecisionRecorderTest {
    private static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A sink that keeps what it is given. */
    static final class ListSink implements DecisionRecorder.Sink {
        final List<List<DecisionRecorder.Row>> batches = new CopyOnWriteArrayList<>();
        final List<Instant> purged = new CopyOnWriteArrayList<>();
        volatile boolean fail;

        @Override
        public void write(List<DecisionRecorder.Row> rows) {
            if (fail) {
                throw new IllegalStateException("the database is gone");
            }
            batches.add(List.copyOf(rows));
        }

        @Override
        public int purge(Instant before) {
            purged.add(before);
            return 0;
        }

        List<DecisionRecorder.Row> rows() {
            List<DecisionRecorder.Row> all = new ArrayList<>();
            batches.forEach(all::addAll);
            return all;
        }
    }

    private static JobRequest job(String ref, int chips) {
        return new JobRequest("prov-a", "c1", "acct-1", null, "H100", chips, Duration.ofHours(100), ref);
    }

    private static Decision deny(String code) {
        return new Decision(Outcome.DENY, code, "too large without a licence", BigInteger.TEN.pow(23), BigInteger.TEN.pow(21),
                1000.0, 9.36, null, null);
    }

    private static Decision allow() {
        return new Decision(Outcome.ALLOW, "de-minimis", "small", BigInteger.TEN.pow(18), BigInteger.TEN.pow(21), 1.0, 936.0,
                null, null);
    }

    private static DecisionRecorder recorder(int capacity, int batch, ListSink sink) {
        return new DecisionRecorder(capacity, batch, sink, CLOCK, Duration.ofDays(90), Duration.ofHours(1));
    }

    @Test
    void aFullQueueDropsRowsWithoutBlockingAndCountsThem() {
        ListSink sink = new ListSink();
        DecisionRecorder r = recorder(3, 10, sink);
        // Not started: nothing takes rows off the queue, so the fourth and fifth find it full.
        List<Boolean> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(r.record(job("j" + i, 8 + i), deny("licence-required")));
        }
        assertThat(queued).containsExactly(true, true, true, false, false);
        assertThat(r.counts().dropped()).isEqualTo(2);
        assertThat(r.counts().queued()).isEqualTo(3);
        assertThat(sink.rows()).isEmpty();

        r.start();
        assertThat(r.await(Duration.ofMinutes(1))).isTrue();
        assertThat(sink.rows()).extracting(DecisionRecorder.Row::jobRef).containsExactly("j0", "j1", "j2");
        assertThat(r.counts().queued()).isZero();
        // Room again: the next one is queued and written; the drops stay counted.
        assertThat(r.record(job("j5", 13), deny("licence-required"))).isTrue();
        assertThat(r.await(Duration.ofMinutes(1))).isTrue();
        assertThat(sink.rows()).hasSize(4);
        assertThat(r.counts().dropped()).isEqualTo(2);
        r.close();
        // After close nothing is taken: counted as dropped, never written.
        assertThat(r.record(job("j6", 14), deny("licence-required"))).isFalse();
        assertThat(r.counts().dropped()).isEqualTo(3);
        assertThat(sink.rows()).hasSize(4);
    }

    @Test
    void closeWritesEverythingQueuedInBatches() {
        ListSink sink = new ListSink();
        DecisionRecorder r = recorder(100, 4, sink);
        for (int i = 0; i < 10; i++) {
            r.record(job("j" + i, 8 + i), i % 2 == 0 ? allow() : deny("licence-required"));
        }
        r.start();
        r.close(); // without waiting first: close itself writes what is queued
        assertThat(sink.rows()).hasSize(10);
        assertThat(sink.batches).allSatisfy(b -> assertThat(b.size()).isLessThanOrEqualTo(4));
        assertThat(r.counts().dropped()).isZero();
        assertThat(r.counts().queued()).isZero();
        DecisionRecorder.Row first = sink.rows().get(0);
        assertThat(first.decision()).isEqualTo("allow");
        assertThat(first.code()).isEqualTo("de-minimis");
        assertThat(first.requestedFlop()).isEqualTo(BigInteger.TEN.pow(18));
        assertThat(first.timeLimitMinutes()).isEqualTo(6000);
        assertThat(first.decidedAt()).isEqualTo(NOW);
        assertThat(sink.rows().get(1).decision()).isEqualTo("deny");
    }

    @Test
    void failedWritesAreCountedAndDoNotStopTheWriter() {
        ListSink sink = new ListSink();
        sink.fail = true;
        DecisionRecorder r = recorder(100, 100, sink);
        r.start();
        r.record(job("j1", 8), deny("licence-required"));
        r.record(job("j2", 9), deny("licence-required"));
        assertThat(r.await(Duration.ofMinutes(1))).isTrue();
        assertThat(r.counts().failed()).isEqualTo(2);
        sink.fail = false;
        r.record(job("j3", 10), deny("licence-required"));
        r.close();
        assertThat(sink.rows()).extracting(DecisionRecorder.Row::jobRef).containsExactly("j3");
        assertThat(r.counts().failed()).isEqualTo(2);
    }

    @Test
    void identicalDeniesInABatchAreOneRowWithRepeats() {
        Instant t0 = NOW;
        Instant t1 = NOW.plusSeconds(1);
        Instant t2 = NOW.plusSeconds(2);
        DecisionRecorder.Row a0 = DecisionRecorder.Row.of(t0, job("j1", 8), deny("licence-required"));
        DecisionRecorder.Row other = DecisionRecorder.Row.of(t1, job("j2", 8), deny("licence-required")); // another job
        DecisionRecorder.Row a2 = DecisionRecorder.Row.of(t2, job("j1", 8), deny("licence-required"));
        DecisionRecorder.Row ok1 = DecisionRecorder.Row.of(t1, job("j9", 1), allow());
        DecisionRecorder.Row ok2 = DecisionRecorder.Row.of(t2, job("j9", 1), allow());
        List<DecisionRecorder.Row> out = DecisionRecorder.compact(List.of(a0, other, ok1, a2, ok2));
        assertThat(out).hasSize(4); // allows are never merged (each allow is its own hold)
        assertThat(out.get(0).jobRef()).isEqualTo("j1");
        assertThat(out.get(0).repeats()).isEqualTo(2);
        assertThat(out.get(0).decidedAt()).isEqualTo(t0);
        assertThat(out.get(0).lastAt()).isEqualTo(t2);
        assertThat(out.get(1).repeats()).isEqualTo(1);
        assertThat(out.get(2).repeats()).isEqualTo(1);
        assertThat(out.get(3).repeats()).isEqualTo(1);
        // A different answer to the same job is not a repeat.
        DecisionRecorder.Row b = DecisionRecorder.Row.of(t1, job("j1", 8), deny("budget-exceeded"));
        assertThat(DecisionRecorder.compact(List.of(a0, b))).hasSize(2);
    }

    @Test
    void theCleanupAtStartDeletesWhatIsOlderThanTheRetention() {
        ListSink sink = new ListSink();
        DecisionRecorder r = new DecisionRecorder(10, 10, sink, CLOCK, Duration.ofDays(30), Duration.ofHours(1));
        r.start();
        r.close();
        assertThat(sink.purged).containsExactly(NOW.minus(Duration.ofDays(30)));
    }
}
