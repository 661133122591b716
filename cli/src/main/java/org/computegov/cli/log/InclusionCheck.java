package org.computegov.cli.log;

import java.security.MessageDigest;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.merkle.ProofVerifier;
import org.computegov.ledger.merkle.Rfc6962;

/** Offline proof that an entry is in a log: leaf hash, signed checkpoint, inclusion proof, in that order. */
public final class InclusionCheck {
    /** What failed, so a caller can say which part of the receipt is wrong. */
    public enum Step { LEAF_HASH, CHECKPOINT, PROOF }

    /** A failed check, naming the step. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final Step step;

        Failure(Step step, String message, Throwable cause) {
            super(message, cause);
            this.step = step;
        }

        public Step step() {
            return step;
        }
    }

    /** A verified inclusion. */
    public record Verified(long index, Checkpoint checkpoint, CheckpointTrust.Opened opened) {}

    private InclusionCheck() {}

    /** Checks that {@code entry} is leaf {@code receipt.index()} of the checkpoint in the receipt, signed as trusted. */
    public static Verified verify(byte[] entry, Receipt receipt, CheckpointTrust trust) throws Failure {
        byte[] leaf = Rfc6962.leafHash(entry);
        if (!MessageDigest.isEqual(leaf, receipt.leafHash())) {
            throw new Failure(Step.LEAF_HASH, "the entry's leaf hash SHA-256(0x00||entry) is " + Bytes.base64(leaf)
                    + " but the receipt's leafHash is " + Bytes.base64(receipt.leafHash())
                    + ": the receipt is for another entry, or the entry file is not byte-identical to what was submitted",
                    null);
        }
        CheckpointTrust.Opened opened;
        try {
            opened = trust.open(receipt.checkpoint());
        } catch (VerificationException e) {
            throw new Failure(Step.CHECKPOINT, "the receipt's checkpoint is not signed as required: " + e.getMessage(), e);
        }
        Checkpoint cp = opened.checkpoint();
        try {
            ProofVerifier.verifyInclusion(receipt.index(), cp.size(), leaf, receipt.inclusionProof(), cp.rootHash());
        } catch (VerificationException e) {
            throw new Failure(Step.PROOF, "the inclusion proof does not lead from entry " + receipt.index()
                    + " to the root of " + cp.origin() + " at size " + cp.size() + ": " + e.getMessage(), e);
        }
        return new Verified(receipt.index(), cp, opened);
    }
}
