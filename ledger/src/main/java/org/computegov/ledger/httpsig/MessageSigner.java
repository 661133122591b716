package org.computegov.ledger.httpsig;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.httpsig.SignatureParameter.Algorithm;
import org.computegov.ledger.httpsig.SignatureParameter.Created;
import org.computegov.ledger.httpsig.SignatureParameter.Expires;
import org.computegov.ledger.httpsig.SignatureParameter.KeyId;
import org.computegov.ledger.httpsig.SignatureParameter.Nonce;
import org.computegov.ledger.httpsig.SignatureParameter.Tag;
import org.computegov.ledger.keys.Ed25519PrivateKey;

/**
 * Signs requests with Ed25519 (RFC 9421 §3.1, §3.3.6).
 *
 * <pre>{@code
 * MessageSigner signer = MessageSigner.builder(key, "client-7").build();
 * SignatureHeaders h = signer.sign(HttpRequestView.of(request));
 * // add h.signatureInput() as Signature-Input and h.signature() as Signature
 * }</pre>
 *
 * <p>Parameters come in the order {@code created}, {@code expires}, {@code keyid}, {@code alg},
 * {@code nonce}, {@code tag}; the ones not configured are left out. Immutable and thread-safe if
 * the nonce supplier is.
 */
public final class MessageSigner {
    /** Covered unless configured otherwise: what {@link MessageVerifier} requires by default. */
    public static final List<ComponentId> DEFAULT_COMPONENTS = List.of(ComponentId.METHOD, ComponentId.PATH, ComponentId.QUERY);

    private final Ed25519PrivateKey key;
    private final KeyId keyId;
    private final String label;
    private final List<ComponentId> components;
    private final Clock clock;
    private final Duration validity;
    private final Supplier<String> nonces;
    private final Tag tag;

    private MessageSigner(Builder b) {
        this.key = b.key;
        this.keyId = b.keyId;
        this.label = b.label;
        this.components = b.components;
        this.clock = b.clock;
        this.validity = b.validity;
        this.nonces = b.nonces;
        this.tag = b.tag;
    }

    /** Starts a signer for {@code key}, announced to verifiers as {@code keyId}. */
    public static Builder builder(Ed25519PrivateKey key, String keyId) {
        return new Builder(key, keyId);
    }

    /**
     * Signs {@code request}, which must hold every covered field.
     *
     * @throws IllegalArgumentException if a covered field is absent or cannot be signed
     */
    public SignatureHeaders sign(HttpRequestView request) {
        long now = clock.instant().getEpochSecond();
        List<SignatureParameter> params = new ArrayList<>();
        params.add(new Created(now));
        if (validity != null) {
            params.add(new Expires(now + validity.toSeconds()));
        }
        params.add(keyId);
        params.add(Algorithm.ED25519);
        if (nonces != null) {
            params.add(new Nonce(nonces.get()));
        }
        if (tag != null) {
            params.add(tag);
        }
        return sign(request, label, new SignatureParameters(components, params), key);
    }

    /**
     * Signs {@code request} under {@code label} with exactly the given parameters, in their order:
     * for reproducing a given signature, or for signers that choose parameters themselves.
     *
     * @throws IllegalArgumentException if a covered field is absent or cannot be signed
     */
    public static SignatureHeaders sign(HttpRequestView request, String label, SignatureParameters parameters,
            Ed25519PrivateKey key) {
        byte[] base;
        try {
            base = SignatureBase.bytesOf(request, parameters);
        } catch (VerificationException e) {
            throw new IllegalArgumentException("cannot sign this request: " + e.getMessage(), e);
        }
        return SignatureHeaders.of(new MessageSignature(label, parameters, key.sign(base)));
    }

    /** Configures a {@link MessageSigner}. */
    public static final class Builder {
        private final Ed25519PrivateKey key;
        private final KeyId keyId;
        private String label = MessageSignature.DEFAULT_LABEL;
        private List<ComponentId> components = DEFAULT_COMPONENTS;
        private Clock clock = Clock.systemUTC();
        private Duration validity;
        private Supplier<String> nonces;
        private Tag tag;

        private Builder(Ed25519PrivateKey key, String keyId) {
            if (key == null) {
                throw new IllegalArgumentException("signing key is required");
            }
            this.key = key;
            this.keyId = new KeyId(keyId);
        }

        /** The signature's label in both fields; {@value MessageSignature#DEFAULT_LABEL} by default. */
        public Builder label(String label) {
            this.label = MessageSignature.requireLabel(label);
            return this;
        }

        /** The covered components, in the order they are signed. */
        public Builder components(List<ComponentId> components) {
            this.components = new SignatureParameters(components, List.of()).components(); // validates
            return this;
        }

        /** The covered components, in the order they are signed. */
        public Builder components(ComponentId... components) {
            return components(List.of(components));
        }

        /** The source of {@code created}; the system clock by default. */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new IllegalArgumentException("clock is required");
            }
            this.clock = clock;
            return this;
        }

        /** Adds {@code expires}, this long after {@code created} (whole seconds). */
        public Builder expiresAfter(Duration validity) {
            if (validity == null || validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("validity must be positive");
            }
            this.validity = validity;
            return this;
        }

        /** Adds a {@code nonce}, a fresh one from {@code nonces} for each signature. */
        public Builder nonces(Supplier<String> nonces) {
            this.nonces = nonces;
            return this;
        }

        /** Adds {@code tag}, naming the application the signature is for. */
        public Builder tag(String tag) {
            this.tag = new Tag(tag);
            return this;
        }

        public MessageSigner build() {
            return new MessageSigner(this);
        }
    }
}
