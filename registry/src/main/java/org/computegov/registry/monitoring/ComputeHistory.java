package org.computegov.registry.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoublePredicate;
import org.computegov.knowledge.thresholds.Comparison;
import org.computegov.registry.usage.AttributedUsage;

/**
 * An immutable, time-ordered list of compute increments, and the running total over it: the compute a run, a
 * customer account or a beneficial owner had used by any instant.
 *
 * <p>Canonical: increments at the same instant are added into one (smallest first, so the sum does not depend on
 * the order they were given in), and instants are strictly increasing. Two histories with the same increments are
 * equal, and {@link #merge} is commutative — bit for bit, since at each instant it adds two canonical sums, and
 * floating-point addition of two numbers is commutative. Merging is how a beneficial owner's accounts are seen as
 * one: splitting a training run over several accounts does not keep it under a threshold.
 *
 * <p>The running total is computed once, in time order; it never decreases, since every increment is at least zero.
 */
public final class ComputeHistory {
    private static final ComputeHistory EMPTY = new ComputeHistory(List.of());

    private final List<ComputeIncrement> increments;
    private final Instant[] instants;
    /** cumulative[i]: the sum of increments 0..i, added in time order. */
    private final double[] cumulative;

    private ComputeHistory(List<ComputeIncrement> canonical) {
        this.increments = List.copyOf(canonical);
        this.instants = new Instant[canonical.size()];
        this.cumulative = new double[canonical.size()];
        double sum = 0;
        for (int i = 0; i < canonical.size(); i++) {
            sum += canonical.get(i).flop();
            if (!Double.isFinite(sum)) {
                throw new IllegalArgumentException("the history's total is too large for a finite number");
            }
            instants[i] = canonical.get(i).at();
            cumulative[i] = sum;
        }
    }

    public static ComputeHistory empty() {
        return EMPTY;
    }

    public static ComputeHistory of(ComputeIncrement... increments) {
        return of(List.of(increments));
    }

    /** The increments in any order; those at the same instant become one. */
    public static ComputeHistory of(Collection<ComputeIncrement> increments) {
        List<ComputeIncrement> sorted = new ArrayList<>(increments);
        sorted.forEach(i -> Objects.requireNonNull(i, "increment"));
        sorted.sort(Comparator.comparing(ComputeIncrement::at).thenComparingDouble(ComputeIncrement::flop));
        List<ComputeIncrement> canonical = new ArrayList<>(sorted.size());
        for (ComputeIncrement next : sorted) {
            int last = canonical.size() - 1;
            if (last >= 0 && canonical.get(last).at().equals(next.at())) {
                canonical.set(last, new ComputeIncrement(next.at(), canonical.get(last).flop() + next.flop()));
            } else {
                canonical.add(next);
            }
        }
        return canonical.isEmpty() ? EMPTY : new ComputeHistory(canonical);
    }

    /** Usage records' compute, each at the record's end time: by then the compute was used. */
    public static ComputeHistory ofUsage(Collection<AttributedUsage> usage) {
        return of(usage.stream().map(u -> new ComputeIncrement(u.record().end(), u.flop())).toList());
    }

    /** One history of all these histories' increments (e.g. all the accounts of one beneficial owner). */
    public static ComputeHistory merge(Collection<ComputeHistory> histories) {
        List<ComputeIncrement> all = new ArrayList<>();
        histories.forEach(h -> all.addAll(h.increments));
        return of(all);
    }

    /** This history and another as one. Commutative: {@code a.merge(b).equals(b.merge(a))}. */
    public ComputeHistory merge(ComputeHistory other) {
        return merge(List.of(this, other));
    }

    /** The increments at or before an instant: what was known to have been used by then. */
    public ComputeHistory upTo(Instant t) {
        int n = countAtOrBefore(t);
        return n == increments.size() ? this : n == 0 ? EMPTY : new ComputeHistory(increments.subList(0, n));
    }

    /** Time-ordered, one per instant. */
    public List<ComputeIncrement> increments() {
        return increments;
    }

    public boolean isEmpty() {
        return increments.isEmpty();
    }

    public Optional<Instant> first() {
        return isEmpty() ? Optional.empty() : Optional.of(instants[0]);
    }

    public Optional<Instant> last() {
        return isEmpty() ? Optional.empty() : Optional.of(instants[instants.length - 1]);
    }

    public double total() {
        return isEmpty() ? 0 : cumulative[cumulative.length - 1];
    }

    /** The compute used by an instant: the sum of the increments at or before it. */
    public double cumulativeAt(Instant t) {
        int n = countAtOrBefore(t);
        return n == 0 ? 0 : cumulative[n - 1];
    }

    /** The first instant at which the running total is at least an amount, or empty when it never is. */
    public Optional<Instant> firstReaching(double amount) {
        return firstCrossing(amount, Comparison.AT_LEAST);
    }

    /**
     * The first instant at which the running total crosses a threshold as a regime compares ({@code >} strictly,
     * {@code >=} inclusively), or empty when it never does.
     */
    public Optional<Instant> firstCrossing(double threshold, Comparison comparison) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must be a number");
        }
        return firstWhere(total -> comparison.crosses(total, threshold));
    }

    /**
     * The first instant at which a condition on the running total holds. The condition must be monotone — once it
     * holds for a total, it holds for every larger one — which comparisons with a threshold are, also after adding a
     * base model's compute or dividing by it (floating-point addition and division by a positive number never turn
     * a larger operand into a smaller result). That is what makes a binary search right.
     */
    Optional<Instant> firstWhere(DoublePredicate onRunningTotal) {
        int lo = 0;
        int hi = cumulative.length; // the answer lies in [lo, hi]; hi = length means never
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (onRunningTotal.test(cumulative[mid])) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo == cumulative.length ? Optional.empty() : Optional.of(instants[lo]);
    }

    /**
     * The burn rate over a window ending now, FLOP per second: the increments in (now − window, now] — at now
     * included, at the window's start not, so consecutive windows count each increment once — over the window's
     * length.
     */
    public double rate(Instant now, Duration window) {
        Objects.requireNonNull(now, "now");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be longer than zero, got " + window);
        }
        return flopIn(now, window) / seconds(window);
    }

    /** The compute in (now − window, now], added in time order. */
    public double flopIn(Instant now, Duration window) {
        int end = countAtOrBefore(now);
        int start = countAtOrBefore(now.minus(window));
        double sum = 0;
        for (int i = start; i < end; i++) {
            sum += increments.get(i).flop();
        }
        return sum;
    }

    static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    /** How many increments are at or before t. */
    private int countAtOrBefore(Instant t) {
        Objects.requireNonNull(t, "t");
        int lo = 0;
        int hi = instants.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (instants[mid].isAfter(t)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComputeHistory h && h.increments.equals(increments);
    }

    @Override
    public int hashCode() {
        return increments.hashCode();
    }

    @Override
    public String toString() {
        return "ComputeHistory" + increments;
    }
}
