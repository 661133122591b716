package org.computegov.ledger.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which stored complete-subtree nodes make up each hash of an RFC 6962 inclusion or consistency
 * proof.
 *
 * <p>Each proof hash is MTH of a range of leaves; the range is either a perfect subtree (one stored
 * node) or a right-edge range {@code [lo, size)} whose MTH is the right fold of its perfect
 * subtrees. Planning first lets a caller read every needed node in one batch.
 */
final class ProofPlan {
    private ProofPlan() {}

    /**
     * Returns the nodes for PATH(index, D[0:size]) (RFC 6962 §2.1.1), leaf level first. Each inner
     * list is folded right to give one proof hash.
     */
    static List<List<NodeId>> inclusion(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " is not in a tree of size " + size);
        }
        List<List<NodeId>> topDown = new ArrayList<>();
        long lo = 0;
        long hi = size;
        while (hi - lo > 1) {
            long k = largestPowerOfTwoBelow(hi - lo);
            if (index < lo + k) {
                topDown.add(perfectSubtrees(lo + k, hi));
                hi = lo + k;
            } else {
                topDown.add(perfectSubtrees(lo, lo + k));
                lo = lo + k;
            }
        }
        Collections.reverse(topDown);
        return topDown;
    }

    /**
     * Returns the nodes for PROOF(first, D[0:second]) (RFC 6962 §2.1.2), in proof order.
     * Requires {@code 0 < first <= second}; equal sizes give the empty proof.
     */
    static List<List<NodeId>> consistency(long first, long second) {
        if (first <= 0 || first > second) {
            throw new IllegalArgumentException("consistency needs 0 < first <= second, got " + first + ", " + second);
        }
        List<List<NodeId>> topDown = new ArrayList<>();
        long lo = 0;
        long hi = second;
        boolean whole = true; // the "b" flag of SUBPROOF: true while first's tree is a prefix of ours
        while (first != hi) {
            long k = largestPowerOfTwoBelow(hi - lo);
            if (first <= lo + k) {
                topDown.add(perfectSubtrees(lo + k, hi));
                hi = lo + k;
            } else {
                topDown.add(perfectSubtrees(lo, lo + k));
                lo = lo + k;
                whole = false;
            }
        }
        if (!whole) {
            topDown.add(perfectSubtrees(lo, hi));
        }
        Collections.reverse(topDown);
        return topDown;
    }

    /**
     * Splits {@code [lo, hi)} into perfect subtrees, largest first. {@code lo} must be aligned to a
     * power of two at least {@code hi - lo}, which is what makes their right fold equal MTH.
     */
    static List<NodeId> perfectSubtrees(long lo, long hi) {
        if (lo < 0 || hi < lo) {
            throw new IllegalArgumentException("bad range [" + lo + ", " + hi + ")");
        }
        if (lo != 0 && Long.lowestOneBit(lo) < Long.highestOneBit(hi - lo)) {
            throw new IllegalStateException("range [" + lo + ", " + hi + ") is not aligned");
        }
        List<NodeId> out = new ArrayList<>(Long.bitCount(hi - lo));
        long pos = lo;
        while (pos < hi) {
            long width = Long.highestOneBit(hi - pos);
            int level = Long.numberOfTrailingZeros(width);
            out.add(new NodeId(level, pos >>> level));
            pos += width;
        }
        return out;
    }

    /** Returns the largest power of two strictly less than {@code n} (n >= 2). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
