package org.computegov.ledger.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.computegov.ledger.VerificationException;

/**
 * Verifies inclusion and consistency proofs with the algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2.
 *
 * <p>Before hashing, it checks the index against the size, every hash length, and the exact proof
 * length, so that a malformed proof fails with a message that says what is wrong.
 */
public final class ProofVerifier {
    private ProofVerifier() {}

    /** Verifies that {@code leafHash} is leaf {@code index} of the tree of {@code size} with {@code root}. */
    public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
            throws VerificationException {
        byte[] computed = rootFromInclusionProof(index, size, leafHash, proof);
        checkHash(root, "root hash");
        if (!MessageDigest.isEqual(computed, root)) {
            throw new VerificationException("inclusion proof for leaf " + index + " in tree of size " + size
                    + " leads to a different root");
        }
    }

    /** Returns the root that an inclusion proof leads to, after checking the proof's shape. */
    public static byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, List<byte[]> proof)
            throws VerificationException {
        if (size <= 0 || index < 0 || index >= size) {
            throw new VerificationException("leaf index " + index + " is not below tree size " + size);
        }
        checkHash(leafHash, "leaf hash");
        checkHashes(proof);
        int expected = inclusionProofLength(index, size);
        if (proof.size() != expected) {
            throw new VerificationException("inclusion proof for leaf " + index + " in tree of size " + size
                    + " must have " + expected + " hashes, got " + proof.size());
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new VerificationException("inclusion proof is longer than the path to the root");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Rfc6962.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = Rfc6962.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new VerificationException("inclusion proof ends before reaching the root");
        }
        return r;
    }

    /**
     * Verifies that the tree of size {@code size2} with {@code root2} extends the tree of size
     * {@code size1} with {@code root1}. Requires {@code 0 < size1 <= size2}; equal sizes need an
     * empty proof and equal roots. (Any tree extends the empty tree; callers handle size 0.)
     */
    public static void verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof)
            throws VerificationException {
        checkHash(root1, "first root hash");
        checkHash(root2, "second root hash");
        checkHashes(proof);
        if (size1 <= 0) {
            throw new VerificationException("consistency from tree size " + size1 + " is meaningless: need size1 > 0");
        }
        if (size2 < size1) {
            throw new VerificationException("second tree size " + size2 + " is smaller than first " + size1);
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new VerificationException("consistency proof between equal sizes must be empty");
            }
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new VerificationException("trees of equal size " + size1 + " have different roots");
            }
            return;
        }
        int expected = ProofPlan.consistency(size1, size2).size();
        if (proof.size() != expected) {
            throw new VerificationException("consistency proof from " + size1 + " to " + size2 + " must have "
                    + expected + " hashes, got " + proof.size());
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(size1) == 1) {
            path.add(0, root1);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                throw new VerificationException("consistency proof is longer than the path to the root");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = Rfc6962.nodeHash(c, fr);
                sr = Rfc6962.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = Rfc6962.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new VerificationException("consistency proof ends before reaching the root");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new VerificationException("consistency proof does not lead to the first root (size " + size1 + ")");
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new VerificationException("consistency proof does not lead to the second root (size " + size2 + ")");
        }
    }

    /** Returns the number of hashes in an inclusion proof: one per level below the root on the leaf's path. */
    public static int inclusionProofLength(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " is not in a tree of size " + size);
        }
        // Levels where the leaf's subtree differs from the last leaf's, plus the full left siblings above.
        int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
        return inner + Long.bitCount(index >>> inner);
    }

    private static void checkHash(byte[] h, String what) throws VerificationException {
        if (h == null || h.length != Rfc6962.HASH_SIZE) {
            throw new VerificationException(what + " must be " + Rfc6962.HASH_SIZE + " bytes, got "
                    + (h == null ? "none" : h.length));
        }
    }

    private static void checkHashes(List<byte[]> proof) throws VerificationException {
        if (proof == null) {
            throw new VerificationException("proof is missing");
        }
        for (int i = 0; i < proof.size(); i++) {
            checkHash(proof.get(i), "proof hash " + i);
        }
    }
}
