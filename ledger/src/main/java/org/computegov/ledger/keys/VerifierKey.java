package org.computegov.ledger.keys;

import java.util.Arrays;
import java.util.regex.Pattern;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;

/**
 * A C2SP signed-note verifier key ("vkey"): {@code <name>+<hex key ID>+<base64(type || public key)>}.
 *
 * <p>Parsing checks that the key ID matches the name, type and key, so a vkey cannot silently name
 * a different key than it holds.
 */
public record VerifierKey(String name, int keyId, byte type, byte[] publicKey) {
    private static final Pattern HEX8 = Pattern.compile("[0-9a-f]{8}");

    public VerifierKey {
        if (!KeyIds.isValidName(name)) {
            throw new IllegalArgumentException("invalid key name: '" + name + "'");
        }
        if (publicKey == null || publicKey.length == 0) {
            throw new IllegalArgumentException("public key is empty");
        }
        publicKey = publicKey.clone();
        if (keyId != KeyIds.keyId(name, type, publicKey)) {
            throw new IllegalArgumentException("key ID " + KeyIds.hex(keyId) + " does not match name, type and key");
        }
    }

    /** Builds the vkey of a name, type and public key, computing the key ID. */
    public static VerifierKey of(String name, byte type, byte[] publicKey) {
        return new VerifierKey(name, KeyIds.keyId(name, type, publicKey), type, publicKey);
    }

    /** Builds the plain Ed25519 (type 0x01) vkey of a public key. */
    public static VerifierKey ed25519(String name, Ed25519PublicKey key) {
        return of(name, KeyIds.TYPE_ED25519, key.bytes());
    }

    /** Parses a vkey string strictly. */
    public static VerifierKey parse(String text) throws FormatException {
        String[] parts = text.split("\\+", 3); // base64 may contain "+": it takes the rest
        if (parts.length != 3) {
            throw new FormatException("verifier key must have three '+'-separated parts");
        }
        if (!KeyIds.isValidName(parts[0])) {
            throw new FormatException("verifier key has an invalid name");
        }
        if (!HEX8.matcher(parts[1]).matches()) {
            throw new FormatException("verifier key ID must be 8 lowercase hex digits");
        }
        byte[] typed = Bytes.decodeBase64Strict(parts[2], "verifier key material");
        if (typed.length < 2) {
            throw new FormatException("verifier key material is too short");
        }
        int keyId = Integer.parseUnsignedInt(parts[1], 16);
        byte[] key = Arrays.copyOfRange(typed, 1, typed.length);
        if (keyId != KeyIds.keyId(parts[0], typed[0], key)) {
            throw new FormatException("verifier key ID " + parts[1] + " does not match its name and key");
        }
        return new VerifierKey(parts[0], keyId, typed[0], key);
    }

    /** Returns the Ed25519 public key; requires an Ed25519-based type (0x01 or 0x04). */
    public Ed25519PublicKey ed25519Key() throws FormatException {
        if (type != KeyIds.TYPE_ED25519 && type != KeyIds.TYPE_COSIGNATURE_V1) {
            throw new FormatException("verifier key " + name + " has type " + type + ", not Ed25519");
        }
        return Ed25519PublicKey.parse(publicKey);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Returns the vkey string. */
    public String encode() {
        byte[] typed = new byte[publicKey.length + 1];
        typed[0] = type;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return name + "+" + KeyIds.hex(keyId) + "+" + Bytes.base64(typed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifierKey k && k.name.equals(name) && k.keyId == keyId && k.type == type
                && Arrays.equals(k.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + keyId;
    }

    @Override
    public String toString() {
        return encode();
    }
}
