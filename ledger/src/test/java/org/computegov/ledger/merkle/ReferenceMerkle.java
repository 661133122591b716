package org.computegov.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately literal transcription of the recursive definitions in RFC 6962 §2.1 (MTH, PATH,
 * PROOF/SUBPROOF) over an in-memory list of leaf hashes, used as the oracle for tests.
 */
final class ReferenceMerkle {
    private ReferenceMerkle() {}

    static byte[] mth(List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (n == 0) {
            return Rfc6962.emptyRoot();
        }
        if (n == 1) {
            return leafHashes.get(0);
        }
        int k = k(n);
        return Rfc6962.nodeHash(mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, n)));
    }

    static List<byte[]> path(int m, List<byte[]> d) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (n == 1) {
            return out;
        }
        int k = k(n);
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(path(m - k, d.subList(k, n)));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> proof(int m, List<byte[]> d) {
        return subproof(m, d, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = k(n);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    /** The largest power of two smaller than n. */
    private static int k(int n) {
        int k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }
}
