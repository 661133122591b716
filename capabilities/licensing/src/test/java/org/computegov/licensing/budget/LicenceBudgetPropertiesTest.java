package org.computegov.licensing.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The budget against a deliberately simple reference: a list of what happened, from which released, held, used and
 * available are recomputed by plain loops over longs each time.
 */
class LicenceBudgetPropertiesTest {
    /** One step: reserve (job id, amount), settle (job id, used), or release the next tranche. */
    record Op(int kind, int job, long amount) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 9),
                Arbitraries.longs().between(0, 4_000)).as(Op::new);
        return op.list().ofMaxSize(60);
    }

    /** The reference: recomputes everything from the list of accepted events. */
    static final class Reference {
        final long[] tranches;
        int released = 1;
        final List<long[]> holds = new ArrayList<>(); // {job, amount}
        final List<long[]> settlements = new ArrayList<>(); // {job, held, used}

        Reference(long[] tranches) {
            this.tranches = tranches;
        }

        long released() {
            long sum = 0;
            for (int i = 0; i < released; i++) {
                sum += tranches[i];
            }
            return sum;
        }

        boolean open(int job) {
            for (long[] h : holds) {
                if (h[0] == job && !settled(job)) {
                    return true;
                }
            }
            return false;
        }

        boolean settled(int job) {
            for (long[] s : settlements) {
                if (s[0] == job) {
                    return true;
                }
            }
            return false;
        }

        long heldNow() {
            long sum = 0;
            for (long[] h : holds) {
                if (!settled((int) h[0])) {
                    sum += h[1];
                }
            }
            return sum;
        }

        long used() {
            long sum = 0;
            for (long[] s : settlements) {
                sum += s[2];
            }
            return sum;
        }

        long available() {
            return released() - used() - heldNow();
        }
    }

    @Property(tries = 300)
    void sequencesAgreeWithTheReference(@ForAll("ops") List<Op> ops,
            @ForAll @Size(min = 1, max = 4) List<@LongRange(min = 1, max = 10_000) Long> trancheSizes) {
        List<Tranche> tranches = new ArrayList<>();
        long[] sizes = new long[trancheSizes.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = trancheSizes.get(i);
            tranches.add(new Tranche(i + 1, BigInteger.valueOf(sizes[i]), "interim report " + i));
        }
        LicenceBudget budget = new LicenceBudget(tranches, 1);
        Reference ref = new Reference(sizes);
        for (Op op : ops) {
            String id = "job-" + op.job();
            BigInteger amount = BigInteger.valueOf(op.amount());
            switch (op.kind()) {
                case 0 -> {
                    if (ref.settled(op.job())) {
                        break; // an id is never reused after settlement (the budget refuses it)
                    }
                    boolean wasOpen = ref.open(op.job());
                    long before = ref.available();
                    Reservation r = budget.reserve(id, amount);
                    if (wasOpen) {
                        assertThat(r).isInstanceOf(Reservation.Held.class); // idempotent: the old hold
                    } else if (op.amount() <= before) {
                        assertThat(r).isEqualTo(new Reservation.Held(id, amount, BigInteger.valueOf(before - op.amount())));
                        ref.holds.add(new long[] {op.job(), op.amount()});
                    } else {
                        assertThat(r).isEqualTo(new Reservation.Refused(amount, BigInteger.valueOf(Math.max(0, before))));
                    }
                }
                case 1 -> {
                    if (ref.settled(op.job())) {
                        long[] first = ref.settlements.stream().filter(s -> s[0] == op.job()).findFirst().orElseThrow();
                        assertThat(budget.settle(id, amount).used()).isEqualTo(BigInteger.valueOf(first[2]));
                        break;
                    }
                    long heldForJob = 0;
                    for (long[] h : ref.holds) {
                        if (h[0] == op.job()) {
                            heldForJob = h[1];
                        }
                    }
                    long before = ref.available();
                    Settlement s = budget.settle(id, amount);
                    ref.settlements.add(new long[] {op.job(), heldForJob, op.amount()});
                    // Settlement gives back exactly the unused part of the hold.
                    assertThat(s.releasedBack()).isEqualTo(BigInteger.valueOf(Math.max(0, heldForJob - op.amount())));
                    assertThat(s.overrun()).isEqualTo(BigInteger.valueOf(Math.max(0, op.amount() - heldForJob)));
                    assertThat(ref.available() - before).isEqualTo(heldForJob - op.amount());
                }
                default -> {
                    if (ref.released < sizes.length) {
                        long before = ref.available();
                        budget.release(ref.released + 1);
                        ref.released++;
                        assertThat(ref.available() - before).isEqualTo(sizes[ref.released - 1]);
                    }
                }
            }
            BudgetSnapshot snap = budget.snapshot();
            assertThat(snap.released()).isEqualTo(BigInteger.valueOf(ref.released()));
            assertThat(snap.held()).isEqualTo(BigInteger.valueOf(ref.heldNow()));
            assertThat(snap.used()).isEqualTo(BigInteger.valueOf(ref.used()));
            assertThat(snap.available()).isEqualTo(BigInteger.valueOf(ref.available()));
        }
    }

    @Property(tries = 40)
    void concurrentPreChargesNeverExceedTheReleasedBudget(@ForAll @LongRange(min = 1, max = 100_000) long released,
            @ForAll @Size(min = 1, max = 200) List<@LongRange(min = 0, max = 5_000) Long> requests,
            @ForAll @IntRange(min = 2, max = 8) int threads) throws Exception {
        LicenceBudget budget = LicenceBudget.whole(BigInteger.valueOf(released));
        ConcurrentLinkedQueue<Reservation.Held> held = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = offset; i < requests.size(); i += threads) {
                    if (budget.reserve("job-" + i, BigInteger.valueOf(requests.get(i))) instanceof Reservation.Held h) {
                        held.add(h);
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        BigInteger sum = held.stream().map(Reservation.Held::requested).reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(sum).isLessThanOrEqualTo(BigInteger.valueOf(released));
        assertThat(budget.snapshot().held()).isEqualTo(sum);
        // A request refused was refused for a reason: it did not fit beside what was held when it was asked, so it
        // does not fit beside the final holds either unless some of them came later. At the end, settle all at half.
        BigInteger usedTotal = BigInteger.ZERO;
        for (Reservation.Held h : held) {
            BigInteger used = h.requested().shiftRight(1);
            usedTotal = usedTotal.add(used);
            budget.settle(h.holdId(), used);
        }
        assertThat(budget.available()).isEqualTo(BigInteger.valueOf(released).subtract(usedTotal));
    }
}
