package org.computegov.ledger.httpsig;

/**
 * A signature metadata parameter of RFC 9421 §2.3, as it appears after the covered components in
 * {@code Signature-Input} and {@code @signature-params}. These six are all that the HTTP Signature
 * Metadata Parameters registry holds.
 */
public sealed interface SignatureParameter {
    /** The parameter's key in the serialized form. */
    String key();

    /** {@code created}: when the signature was made, in seconds since the UNIX epoch. */
    record Created(long epochSecond) implements SignatureParameter {
        public Created {
            checkInteger("created", epochSecond);
        }

        @Override
        public String key() {
            return "created";
        }
    }

    /** {@code expires}: when the signer stops vouching for the signature, in seconds since the UNIX epoch. */
    record Expires(long epochSecond) implements SignatureParameter {
        public Expires {
            checkInteger("expires", epochSecond);
        }

        @Override
        public String key() {
            return "expires";
        }
    }

    /** {@code keyid}: names the key the verifier should use. */
    record KeyId(String value) implements SignatureParameter {
        public KeyId {
            checkString("keyid", value);
        }

        @Override
        public String key() {
            return "keyid";
        }
    }

    /** {@code alg}: the algorithm, from the HTTP Signature Algorithms registry (here {@code ed25519}). */
    record Algorithm(String value) implements SignatureParameter {
        /** RFC 9421 §3.3.6. */
        public static final Algorithm ED25519 = new Algorithm("ed25519");

        public Algorithm {
            checkString("alg", value);
        }

        @Override
        public String key() {
            return "alg";
        }
    }

    /** {@code nonce}: a value unique to this signature, for a verifier that tracks replays. */
    record Nonce(String value) implements SignatureParameter {
        public Nonce {
            checkString("nonce", value);
        }

        @Override
        public String key() {
            return "nonce";
        }
    }

    /** {@code tag}: names the application or protocol the signature is meant for. */
    record Tag(String value) implements SignatureParameter {
        public Tag {
            checkString("tag", value);
        }

        @Override
        public String key() {
            return "tag";
        }
    }

    private static void checkInteger(String key, long value) {
        if (value < -StructuredFields.MAX_INTEGER || value > StructuredFields.MAX_INTEGER) {
            throw new IllegalArgumentException(key + " is outside the structured field integer range: " + value);
        }
    }

    private static void checkString(String key, String value) {
        if (value == null || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new IllegalArgumentException(key + " must be printable ASCII: '" + value + "'");
        }
    }
}
