package org.computegov.ledger.bundle;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.bundle.StatusException.Problem;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.dsse.VerifiedPayload;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.merkle.ProofVerifier;
import org.computegov.ledger.merkle.Rfc6962;
import org.computegov.ledger.note.VerifierSet;

/**
 * Verifies {@link Bundle}s with the issuer's and the log's verifier keys alone, no network.
 *
 * <p>Order of checks, cheapest and most telling first: the leaf index is below the tree size and the size is the
 * checkpoint's; the checkpoint note carries a valid signature by a log key and names the expected origin; the
 * inclusion proof leads from the envelope's leaf hash to the checkpoint's root; the envelope is signed by the
 * issuer's keys with the expected payload type; then, when a freshness policy is set, the status.
 *
 * <p>Thread-safe. The last verified checkpoint note is remembered (compared byte for byte) so that a verifier
 * checking many bundles against the same checkpoint verifies the log's signature once.
 */
public final class BundleVerifier {
    private final Dsse issuer;
    private final VerifierSet logKeys;
    private final String origin;
    private final String payloadType;
    private final Freshness freshness;
    private final Clock clock;
    private volatile CachedCheckpoint last;

    private record CachedCheckpoint(byte[] note, Checkpoint checkpoint) {}

    /**
     * How fresh a status must be: issued no more than {@code maxAge} ago, and not more than {@code skew} in the
     * future (clocks differ). {@link #NONE} checks no status (for callers that learn revocations online).
     */
    public record Freshness(Duration maxAge, Duration skew) {
        public static final Freshness NONE = new Freshness(null, Duration.ZERO);

        public Freshness {
            if (skew == null || skew.isNegative() || (maxAge != null && (maxAge.isNegative() || maxAge.isZero()))) {
                throw new IllegalArgumentException("max age must be positive and skew non-negative");
            }
        }

        public boolean required() {
            return maxAge != null;
        }
    }

    /**
     * @param issuer the issuer's keys and threshold, for the entry and its status
     * @param logKeys the log's note verifier keys
     * @param origin the log's checkpoint origin line
     * @param payloadType the DSSE payload type the entry must have (e.g. in-toto's)
     */
    public BundleVerifier(Dsse issuer, VerifierSet logKeys, String origin, String payloadType, Freshness freshness,
            Clock clock) {
        if (issuer == null || logKeys == null || origin == null || payloadType == null || freshness == null || clock == null) {
            throw new IllegalArgumentException("issuer, log keys, origin, payload type, freshness and clock are required");
        }
        this.issuer = issuer;
        this.logKeys = logKeys;
        this.origin = origin;
        this.payloadType = payloadType;
        this.freshness = freshness;
        this.clock = clock;
    }

    /** Verifies a bundle with the status it carries. */
    public VerifiedBundle verify(Bundle bundle) throws VerificationException {
        return verify(bundle, bundle.status());
    }

    /** Verifies a bundle with a status obtained separately (e.g. fetched fresher than the bundle's own). */
    public VerifiedBundle verify(Bundle bundle, Optional<byte[]> statusEnvelope) throws VerificationException {
        long index = bundle.leafIndex();
        long size = bundle.treeSize();
        if (size <= 0 || index < 0 || index >= size) {
            throw new VerificationException("bundle leaf index " + index + " is not below its tree size " + size);
        }
        Checkpoint cp = checkpoint(bundle);
        if (cp.size() != size) {
            throw new VerificationException("bundle says tree size " + size + " but its checkpoint is of size " + cp.size());
        }
        byte[] entry = bundle.envelope();
        ProofVerifier.verifyInclusion(index, size, Rfc6962.leafHash(entry), bundle.inclusionProof(), cp.rootHash());
        VerifiedPayload payload = issuer.verify(entry, payloadType);
        if (!freshness.required()) {
            return new VerifiedBundle(payload, cp, index, Optional.empty(), Optional.empty());
        }
        StatusStatement status = status(statusEnvelope, entry, size);
        return new VerifiedBundle(payload, cp, index, Optional.of(status),
                Optional.of(status.issuedAt().plus(freshness.maxAge())));
    }

    private Checkpoint checkpoint(Bundle bundle) throws VerificationException {
        byte[] note = bundle.checkpoint();
        CachedCheckpoint c = last;
        if (c != null && Arrays.equals(c.note, note)) {
            return c.checkpoint;
        }
        Checkpoint cp = SignedCheckpoint.open(note, logKeys).checkpoint();
        if (!cp.origin().equals(origin)) {
            throw new VerificationException("bundle checkpoint is from log '" + cp.origin() + "', expected '" + origin + "'");
        }
        last = new CachedCheckpoint(note, cp);
        return cp;
    }

    private StatusStatement status(Optional<byte[]> statusEnvelope, byte[] entry, long size) throws VerificationException {
        if (statusEnvelope.isEmpty()) {
            throw new StatusException(Problem.MISSING, "bundle has no status statement; this verifier needs one issued"
                    + " within " + freshness.maxAge() + " (fetch a fresh bundle or status from the issuer)");
        }
        Envelope env;
        try {
            env = Envelope.parse(statusEnvelope.get());
        } catch (FormatException e) {
            throw new FormatException("status envelope: " + e.getMessage(), e);
        }
        VerifiedPayload verified;
        try {
            verified = issuer.verify(env);
        } catch (VerificationException e) {
            throw new VerificationException("status envelope is not signed by the issuer: " + e.getMessage(), e);
        }
        StatusStatement s = StatusStatement.from(Statement.parse(verified));
        if (!MessageDigest.isEqual(s.entrySha256(), Rfc6962.sha256(entry))) {
            throw new StatusException(Problem.OTHER_ENTRY, "status statement is about another entry");
        }
        if (s.logSize() < size) {
            throw new StatusException(Problem.BEHIND_BUNDLE, "status covers the log through size " + s.logSize()
                    + ", before the bundle's checkpoint (size " + size + ")");
        }
        if (s.state() == StatusStatement.State.REVOKED) {
            // Revocation is final, so even a stale revoked status denies.
            throw new StatusException(Problem.REVOKED, "revoked as of " + s.issuedAt()
                    + (s.reason().isEmpty() ? "" : ": " + s.reason()));
        }
        Instant now = clock.instant();
        if (s.issuedAt().isAfter(now.plus(freshness.skew()))) {
            throw new StatusException(Problem.FUTURE, "status is dated " + s.issuedAt() + ", in the future (now "
                    + now + ", allowed skew " + freshness.skew() + ")");
        }
        Duration age = Duration.between(s.issuedAt(), now);
        if (age.compareTo(freshness.maxAge().plus(freshness.skew())) > 0) {
            throw new StatusException(Problem.STALE, "status was issued " + s.issuedAt() + ", " + age.toSeconds()
                    + " s ago; this verifier accepts at most " + freshness.maxAge().toSeconds()
                    + " s (fetch a fresh status from the issuer)");
        }
        if (s.state() == StatusStatement.State.SUSPENDED) {
            throw new StatusException(Problem.SUSPENDED, "suspended as of " + s.issuedAt()
                    + (s.reason().isEmpty() ? "" : ": " + s.reason()));
        }
        return s;
    }
}
