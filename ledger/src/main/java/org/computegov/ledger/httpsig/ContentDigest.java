package org.computegov.ledger.httpsig;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import org.computegov.ledger.FormatException;

/**
 * RFC 9530 {@code Content-Digest}: {@code sha-256=:<base64 of SHA-256(body)>:}. An RFC 9421 signature covers a
 * request's body only through this field, so a signed request with a body carries it and its signature covers
 * {@code content-digest} (RFC 9421 §7.2.8: signing the field without checking the body proves nothing, so the
 * server recomputes it).
 */
public final class ContentDigest {
    /** The field's name, as a covered component. */
    public static final String FIELD = "content-digest";
    public static final ComponentId COMPONENT = ComponentId.field(FIELD);

    private ContentDigest() {}

    /** The field value for {@code body}: {@code sha-256=:…:}. */
    public static String of(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":";
    }

    /**
     * Whether {@code fieldValue} (a structured dictionary; other algorithms are ignored) holds a {@code sha-256}
     * digest equal to the body's.
     *
     * @throws FormatException when the field is not a dictionary or has no {@code sha-256} byte sequence
     */
    public static boolean matches(String fieldValue, byte[] body) throws FormatException {
        StructuredFields.Dictionary d = StructuredFields.parseDictionary(fieldValue, "Content-Digest",
                StructuredFields.Duplicates.REJECT);
        Optional<byte[]> sha = d.get("sha-256").filter(m -> m instanceof StructuredFields.Item i
                && i.value() instanceof StructuredFields.SfByteSequence)
                .map(m -> ((StructuredFields.SfByteSequence) ((StructuredFields.Item) m).value()).value());
        if (sha.isEmpty()) {
            throw new FormatException("Content-Digest has no sha-256 byte sequence (write sha-256=:<base64>:)");
        }
        return MessageDigest.isEqual(sha.get(), sha256(body));
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
