package org.computegov.ledger.dsse;

import java.util.List;

/**
 * The result of verifying a DSSE envelope: the payload type and the exact payload bytes that
 * were verified (store these), and the key IDs of the distinct trusted keys that signed.
 */
public record VerifiedPayload(String payloadType, byte[] payload, List<String> signerKeyIds) {
    public VerifiedPayload {
        payload = payload.clone();
        signerKeyIds = List.copyOf(signerKeyIds);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
