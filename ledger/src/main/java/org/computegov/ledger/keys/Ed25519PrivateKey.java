package org.computegov.ledger.keys;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 private key held as its 32-byte RFC 8032 seed, signing with BouncyCastle. */
public final class Ed25519PrivateKey {
    /** Seed length in bytes. */
    public static final int SEED_SIZE = 32;

    private final Ed25519PrivateKeyParameters params;
    private final Ed25519PublicKey publicKey;

    private Ed25519PrivateKey(Ed25519PrivateKeyParameters params) {
        this.params = params;
        this.publicKey = Ed25519PublicKey.of(params.generatePublicKey());
    }

    /** Generates a new key from a strong system random source. */
    public static Ed25519PrivateKey generate() {
        return generate(new SecureRandom());
    }

    /** Generates a new key from the given random source. */
    public static Ed25519PrivateKey generate(SecureRandom random) {
        return new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(random));
    }

    /** Rebuilds a key from its 32-byte seed. */
    public static Ed25519PrivateKey fromSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_SIZE) {
            throw new IllegalArgumentException("Ed25519 seed must be " + SEED_SIZE + " bytes");
        }
        return new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** Returns a copy of the seed. Handle with care: it is the secret. */
    public byte[] seed() {
        return params.getEncoded();
    }

    /** Returns the matching public key. */
    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** Returns the 64-byte Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        byte[] sig = new byte[Ed25519PublicKey.SIGNATURE_SIZE];
        params.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, sig, 0);
        return sig;
    }

    @Override
    public String toString() {
        return "Ed25519PrivateKey[public=" + publicKey + "]";
    }
}
