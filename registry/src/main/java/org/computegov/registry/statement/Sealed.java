package org.computegov.registry.statement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A confidential payload with its salted commitment (docs/REGISTRY.md, "Sealed payloads"):
 * {@code SHA-256("computegov/sealed/v1\n" ‖ salt ‖ payload)} as lowercase hex. The public statement carries the
 * commitment; the salt and payload travel beside it and are kept in the confidential store. The salt makes the
 * commitment of a guessable payload (a customer list, a record with few unknowns) unguessable.
 *
 * <p>The digest is over the plain concatenation, so on its own it does not fix where the salt ends and the payload
 * begins: a verifier takes the payload's length from the statement's {@code sealed.size} ({@link #size()}).
 *
 * <p>The arrays are copied in and out, so a {@code Sealed} cannot be changed after it was made; {@link #toString}
 * shows sizes and the commitment only, never the payload or salt.
 *
 * @param salt at least {@value #MIN_SALT_LENGTH} random bytes ({@link #seal} uses {@value #SALT_LENGTH})
 * @param payload the confidential bytes, e.g. {@link KycJson#writeCustomer}'s output
 * @param commitment the commitment over both, 64 lowercase hex digits
 */
public record Sealed(byte[] salt, byte[] payload, String commitment) {
    /** The domain separation tag: no other SHA-256 the registry computes starts with these bytes. */
    public static final String TAG = "computegov/sealed/v1\n";
    public static final int SALT_LENGTH = 32;
    /** 128 bits: below that a salt no longer makes a guessable payload's commitment unguessable. */
    public static final int MIN_SALT_LENGTH = 16;
    private static final byte[] TAG_BYTES = TAG.getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    /**
     * @throws IllegalArgumentException when the salt is shorter than {@value #MIN_SALT_LENGTH} bytes or the
     *     commitment is not the one of salt and payload
     */
    public Sealed {
        salt = checkSalt(salt).clone();
        payload = Objects.requireNonNull(payload, "payload").clone();
        Objects.requireNonNull(commitment, "commitment");
        if (!matches(commit(salt, payload), commitment)) {
            throw new IllegalArgumentException("commitment " + commitment + " is not the one of this salt and payload");
        }
    }

    /** Seals a payload under a fresh {@value #SALT_LENGTH}-byte salt drawn from {@code random}. */
    public static Sealed seal(byte[] payload, SecureRandom random) {
        Objects.requireNonNull(payload, "payload");
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return of(salt, payload);
    }

    /** The sealed payload of a salt and payload received (e.g. beside a statement), with its commitment computed. */
    public static Sealed of(byte[] salt, byte[] payload) {
        return new Sealed(salt, payload, commit(checkSalt(salt), Objects.requireNonNull(payload, "payload")));
    }

    /** {@code SHA-256(TAG ‖ salt ‖ payload)} as 64 lowercase hex digits. */
    public static String commit(byte[] salt, byte[] payload) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha.update(TAG_BYTES);
        sha.update(salt);
        sha.update(payload);
        return HEX.formatHex(sha.digest());
    }

    /**
     * True when {@code commitment} is this payload's commitment (64 lowercase hex digits, as statements carry it).
     * The comparison takes the same time wherever the first difference is, so a caller learns nothing from timing
     * about how close a guess was.
     */
    public boolean verify(String commitment) {
        return commitment != null && matches(this.commitment, commitment);
    }

    private static boolean matches(String expected, String given) {
        // Lengths are public (always 64); only the digits are compared in constant time.
        return given.length() == expected.length() && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] checkSalt(byte[] salt) {
        Objects.requireNonNull(salt, "salt");
        if (salt.length < MIN_SALT_LENGTH) {
            throw new IllegalArgumentException("salt has " + salt.length + " bytes; at least " + MIN_SALT_LENGTH
                    + " are needed, " + SALT_LENGTH + " are usual");
        }
        return salt;
    }

    /** The payload's size in bytes, as the statement's {@code sealed.size} gives it. */
    public int size() {
        return payload.length;
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Equal when salt and payload are (the commitment follows from them). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Sealed s && Arrays.equals(salt, s.salt) && Arrays.equals(payload, s.payload);
    }

    @Override
    public int hashCode() {
        return commitment.hashCode();
    }

    @Override
    public String toString() {
        return "Sealed[" + payload.length + " bytes, salt " + salt.length + " bytes, sha256 " + commitment + "]";
    }
}
