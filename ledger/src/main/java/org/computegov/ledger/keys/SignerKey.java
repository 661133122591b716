package org.computegov.ledger.keys;

import java.util.Arrays;
import java.util.regex.Pattern;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;

/**
 * An Ed25519 note signer key in the Go sumdb string format:
 * {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || 32-byte seed)>}.
 *
 * <p>The key ID is that of the matching type-0x01 verifier key; parsing recomputes and checks it.
 */
public record SignerKey(String name, Ed25519PrivateKey privateKey) {
    private static final Pattern HEX8 = Pattern.compile("[0-9a-f]{8}");
    private static final String PREFIX = "PRIVATE+KEY+";

    public SignerKey {
        if (!KeyIds.isValidName(name)) {
            throw new IllegalArgumentException("invalid key name: '" + name + "'");
        }
        if (privateKey == null) {
            throw new IllegalArgumentException("private key is missing");
        }
    }

    /** Generates a new signer key with a fresh random Ed25519 key. */
    public static SignerKey generate(String name) {
        return new SignerKey(name, Ed25519PrivateKey.generate());
    }

    /** Parses a signer key string strictly. */
    public static SignerKey parse(String text) throws FormatException {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new FormatException("signer key must start with " + PREFIX);
        }
        String[] parts = text.substring(PREFIX.length()).split("\\+", 3); // base64 may contain "+"
        if (parts.length != 3 || !KeyIds.isValidName(parts[0])) {
            throw new FormatException("signer key must be PRIVATE+KEY+<name>+<key ID>+<key>");
        }
        if (!HEX8.matcher(parts[1]).matches()) {
            throw new FormatException("signer key ID must be 8 lowercase hex digits");
        }
        byte[] typed = Bytes.decodeBase64Strict(parts[2], "signer key material");
        if (typed.length != 1 + Ed25519PrivateKey.SEED_SIZE || typed[0] != KeyIds.TYPE_ED25519) {
            Arrays.fill(typed, (byte) 0);
            throw new FormatException("signer key material must be 0x01 followed by a 32-byte Ed25519 seed");
        }
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(Arrays.copyOfRange(typed, 1, typed.length));
        Arrays.fill(typed, (byte) 0);
        SignerKey sk = new SignerKey(parts[0], key);
        if (sk.keyId() != Integer.parseUnsignedInt(parts[1], 16)) {
            throw new FormatException("signer key ID " + parts[1] + " does not match its name and key");
        }
        return sk;
    }

    /** Returns the key ID (of the type-0x01 verifier key). */
    public int keyId() {
        return KeyIds.keyId(name, KeyIds.TYPE_ED25519, privateKey.publicKey().bytes());
    }

    /** Returns the matching type-0x01 verifier key. */
    public VerifierKey verifierKey() {
        return VerifierKey.ed25519(name, privateKey.publicKey());
    }

    /** Returns the signer key string. It contains the secret seed. */
    public String encode() {
        byte[] typed = new byte[1 + Ed25519PrivateKey.SEED_SIZE];
        typed[0] = KeyIds.TYPE_ED25519;
        byte[] seed = privateKey.seed();
        System.arraycopy(seed, 0, typed, 1, seed.length);
        String out = PREFIX + name + "+" + KeyIds.hex(keyId()) + "+" + Bytes.base64(typed);
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(typed, (byte) 0);
        return out;
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "SignerKey[" + name + "+" + KeyIds.hex(keyId()) + "]";
    }
}
