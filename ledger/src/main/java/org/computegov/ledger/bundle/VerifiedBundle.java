package org.computegov.ledger.bundle;

import java.time.Instant;
import java.util.Optional;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.dsse.VerifiedPayload;

/**
 * What a verified bundle proves: the issuer signed {@code payload}; it is entry {@code leafIndex} of the log whose
 * signed {@code checkpoint} is given; and, when a status was checked, the issuer said it was valid at
 * {@code status.issuedAt()}, which holds for this verifier until {@code freshUntil}.
 */
public record VerifiedBundle(VerifiedPayload payload, Checkpoint checkpoint, long leafIndex,
        Optional<StatusStatement> status, Optional<Instant> freshUntil) {}
