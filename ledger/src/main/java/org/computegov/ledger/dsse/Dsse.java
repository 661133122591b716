package org.computegov.ledger.dsse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.computegov.ledger.VerificationException;

/**
 * Signs DSSE envelopes and verifies them against a (t, n) key policy: at least {@code threshold}
 * distinct trusted keys must have signed. Signatures that do not verify are skipped, as the
 * protocol's multi-signature rules say.
 */
public final class Dsse {
    private final List<DsseVerifier> trusted;
    private final int threshold;
    private final int maxEnvelopeSize;

    /** A policy of trusted keys, a threshold in [1, n], and the default 1 MiB envelope limit. */
    public Dsse(List<DsseVerifier> trusted, int threshold) {
        this(trusted, threshold, Envelope.DEFAULT_MAX_SIZE);
    }

    public Dsse(List<DsseVerifier> trusted, int threshold, int maxEnvelopeSize) {
        if (threshold < 1 || threshold > trusted.size()) {
            throw new IllegalArgumentException("threshold must be in [1, " + trusted.size() + "]: " + threshold);
        }
        if (maxEnvelopeSize < 1) {
            throw new IllegalArgumentException("max envelope size must be positive");
        }
        this.trusted = List.copyOf(trusted);
        this.threshold = threshold;
        this.maxEnvelopeSize = maxEnvelopeSize;
    }

    /** Signs a payload with each signer into one envelope. */
    public static Envelope sign(String payloadType, byte[] payload, List<? extends DsseSigner> signers) {
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("need at least one signer");
        }
        byte[] pae = Pae.encode(payloadType, payload);
        List<DsseSignature> sigs = new ArrayList<>();
        for (DsseSigner s : signers) {
            sigs.add(new DsseSignature(s.keyId(), s.sign(pae)));
        }
        return new Envelope(payload, payloadType, sigs);
    }

    /**
     * Parses envelope JSON and verifies it, requiring the given payload type.
     *
     * @throws org.computegov.ledger.FormatException if the JSON is malformed, too large or incomplete
     * @throws VerificationException if too few distinct trusted keys signed, or the type differs
     */
    public VerifiedPayload verify(byte[] envelopeJson, String expectedPayloadType) throws VerificationException {
        Envelope env = Envelope.parse(envelopeJson, maxEnvelopeSize);
        VerifiedPayload v = verify(env);
        if (!v.payloadType().equals(expectedPayloadType)) {
            throw new VerificationException("DSSE payload type is '" + v.payloadType() + "', expected '"
                    + expectedPayloadType + "'");
        }
        return v;
    }

    /** Verifies a parsed envelope; any payload type is accepted (check it before parsing the payload). */
    public VerifiedPayload verify(Envelope env) throws VerificationException {
        byte[] pae = env.pae();
        List<DsseVerifier> accepted = new ArrayList<>();
        List<String> keyIds = new ArrayList<>();
        for (DsseSignature sig : env.signatures()) {
            DsseVerifier key = verifying(sig, pae, accepted);
            if (key != null) {
                accepted.add(key);
                keyIds.add(key.keyId());
            }
            if (accepted.size() >= threshold) {
                return new VerifiedPayload(env.payloadType(), env.payload(), keyIds);
            }
        }
        throw new VerificationException("DSSE envelope has valid signatures from " + accepted.size()
                + " distinct trusted keys, need " + threshold);
    }

    /**
     * The trusted key that verifies {@code sig}, or null. The keyid hint only narrows the search and is never
     * trusted: keys named exactly as hinted are tried first, then keys without a name, so that a hint costs at
     * most one failed verification per unnamed key instead of one per trusted key.
     */
    private DsseVerifier verifying(DsseSignature sig, byte[] pae, List<DsseVerifier> accepted) {
        String hint = sig.keyId();
        for (int pass = 0; pass < 2; pass++) {
            for (DsseVerifier key : trusted) {
                boolean candidate = pass == 0
                        ? hint.isEmpty() || key.keyId().isEmpty() ? false : hint.equals(key.keyId())
                        : hint.isEmpty() || key.keyId().isEmpty();
                if (!candidate || accepted.stream().anyMatch(a -> Arrays.equals(a.spki(), key.spki()))) {
                    continue; // each distinct key counts once
                }
                if (key.isValid(pae, sig.sig())) {
                    return key;
                }
            }
        }
        return null;
    }
}
