package org.computegov.console.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string format, {@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH}
 * (unpadded base64), so the parameters travel with each hash and can be raised later without breaking old ones.
 */
public final class PasswordHash {
    /** Argon2id cost: memory in KiB, passes, lanes. */
    public record Cost(int memoryKib, int iterations, int parallelism) {
        /** OWASP's Password Storage Cheat Sheet minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
        public static final Cost OWASP = new Cost(19_456, 2, 1);

        public Cost {
            if (memoryKib < 8 * parallelism || memoryKib > 1 << 21 || iterations < 1 || iterations > 64
                    || parallelism < 1 || parallelism > 16) {
                throw new IllegalArgumentException("unreasonable Argon2id cost m=" + memoryKib + " t=" + iterations
                        + " p=" + parallelism);
            }
        }
    }

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {}

    public static String hash(char[] password, Cost cost) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] tag = derive(utf8(password), salt, cost, null, null, 32);
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(tag);
    }

    /** True when {@code password} matches; false for a wrong password and for a string that is not a hash of ours. */
    public static boolean verify(char[] password, String phc) {
        Matcher m = phc == null ? null : PHC.matcher(phc);
        if (m == null || !m.matches()) {
            return false;
        }
        Cost cost;
        try {
            cost = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(m.group(4));
        byte[] expected = Base64.getDecoder().decode(m.group(5));
        byte[] actual = derive(utf8(password), salt, cost, null, null, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether {@code phc} is a well-formed Argon2id hash whose cost is at least {@code floor}. */
    public static boolean acceptable(String phc, Cost floor) {
        Matcher m = phc == null ? null : PHC.matcher(phc);
        return m != null && m.matches() && Integer.parseInt(m.group(1)) >= floor.memoryKib()
                && Integer.parseInt(m.group(2)) >= floor.iterations() && m.group(5).length() >= 43;
    }

    /** Raw Argon2id (version 0x13) with optional secret and associated data, as RFC 9106 defines it. */
    static byte[] derive(byte[] password, byte[] salt, Cost cost, byte[] secret, byte[] associated, int length) {
        Argon2Parameters.Builder b = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withIterations(cost.iterations())
                .withMemoryAsKB(cost.memoryKib()).withParallelism(cost.parallelism()).withSalt(salt);
        if (secret != null) {
            b.withSecret(secret);
        }
        if (associated != null) {
            b.withAdditional(associated);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(b.build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        Arrays.fill(password, (byte) 0);
        return out;
    }

    static byte[] utf8(char[] chars) {
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        if (bb.hasArray()) {
            Arrays.fill(bb.array(), (byte) 0);
        }
        return out;
    }
}
