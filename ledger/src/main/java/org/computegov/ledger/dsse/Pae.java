package org.computegov.ledger.dsse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DSSE pre-authentication encoding: {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body},
 * lengths being ASCII decimal byte counts. Signatures cover this, never the JSON envelope.
 */
public final class Pae {
    private Pae() {}

    /** Returns PAE(UTF8(payloadType), payload). */
    public static byte[] encode(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
