package org.computegov.ledger.httpsig;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.Ed25519PublicKey;

/**
 * Verifies Ed25519 request signatures (RFC 9421 §3.2) under an application policy (§3.2.1): the
 * components that must be covered, how old {@code created} may be, and which keys are trusted.
 *
 * <p>{@link #verify} throws, most specific first:
 * <ul>
 *   <li>{@link FormatException}: a signature field is malformed (answer 400);
 *   <li>{@link MissingSignatureException}: no signature, or none under the expected label (401);
 *   <li>{@link UnknownKeyException}: the {@code keyid} is not known (401);
 *   <li>{@link VerificationException}: the policy is not met or the signature does not verify (401).
 * </ul>
 *
 * <p>Immutable and thread-safe if the key lookup is.
 */
public final class MessageVerifier {
    /** Required unless configured otherwise: the request line, so a signature cannot be moved to another resource. */
    public static final List<ComponentId> DEFAULT_REQUIRED = List.of(ComponentId.METHOD, ComponentId.PATH, ComponentId.QUERY);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(1);

    private final Function<String, Optional<Ed25519PublicKey>> keys;
    private final Clock clock;
    private final String label;
    private final List<ComponentId> required;
    private final long maxAgeSeconds;
    private final long clockSkewSeconds;
    private final String tag;

    private MessageVerifier(Builder b) {
        this.keys = b.keys;
        this.clock = b.clock;
        this.label = b.label;
        this.required = b.required;
        this.maxAgeSeconds = b.maxAge.toSeconds();
        this.clockSkewSeconds = b.clockSkew.toSeconds();
        this.tag = b.tag;
    }

    /** Starts a verifier that finds keys with {@code keys}: {@code keyid → key}, empty when unknown. */
    public static Builder builder(Function<String, Optional<Ed25519PublicKey>> keys) {
        return new Builder(keys);
    }

    /** Verifies the request's signature; see the class comment for what each failure means. */
    public VerifiedSignature verify(HttpRequestView request) throws VerificationException {
        SignatureHeaders headers = SignatureHeaders.in(request).orElseThrow(() -> new MissingSignatureException(
                "the request is not signed: it has no Signature-Input and Signature fields"));
        MessageSignature sig = select(headers);
        SignatureParameters params = sig.parameters();
        String name = "signature " + sig.label();

        List<ComponentId> uncovered = new ArrayList<>(required);
        uncovered.removeAll(params.components());
        if (!uncovered.isEmpty()) {
            throw new VerificationException(name + " does not cover " + uncovered + ", which this server requires");
        }
        Optional<String> alg = params.algorithm();
        if (alg.isPresent() && !alg.get().equals(SignatureParameter.Algorithm.ED25519.value())) {
            throw new VerificationException(name + " uses algorithm \"" + alg.get() + "\"; only \"ed25519\" is accepted");
        }
        if (tag != null && !params.tag().equals(Optional.of(tag))) {
            throw new VerificationException(name + " has tag " + params.tag().map(t -> "\"" + t + "\"").orElse("none")
                    + "; this server requires \"" + tag + "\"");
        }
        checkTimes(params, name);
        String keyId = params.keyId().orElseThrow(() -> new VerificationException(name + " names no key (keyid)"));
        Optional<Ed25519PublicKey> key = keys.apply(keyId);
        if (key == null || key.isEmpty()) {
            throw new UnknownKeyException(keyId);
        }
        byte[] base = SignatureBase.bytesOf(request, params);
        byte[] signature = sig.signature();
        if (signature.length != Ed25519PublicKey.SIGNATURE_SIZE) {
            throw new FormatException(name + " is " + signature.length + " bytes; an Ed25519 signature is "
                    + Ed25519PublicKey.SIGNATURE_SIZE);
        }
        if (!key.get().isValid(base, signature)) {
            throw new VerificationException(name + " by key \"" + keyId + "\" does not verify");
        }
        return new VerifiedSignature(sig.label(), keyId, params);
    }

    /** The configured label, else the only signature (RFC 9421 §3.2 step 1.1 leaves the choice to policy). */
    private MessageSignature select(SignatureHeaders headers) throws VerificationException {
        List<String> labels = headers.labels();
        if (label != null) {
            return headers.signature(label).orElseThrow(() -> new MissingSignatureException(
                    "the request has no signature labelled " + label + " (it has " + labels + ")"));
        }
        if (labels.size() > 1) {
            throw new VerificationException("the request has several signatures " + labels
                    + "; this server does not know which one to verify");
        }
        return headers.signature(labels.get(0)).orElseThrow();
    }

    private void checkTimes(SignatureParameters params, String name) throws VerificationException {
        long now = clock.instant().getEpochSecond();
        if (params.created().isEmpty()) {
            throw new VerificationException(name + " has no created time, which this server requires");
        }
        long created = params.created().getAsLong();
        if (created > now + clockSkewSeconds) {
            throw new VerificationException(name + " was created in the future (created " + created + ", now " + now + ")");
        }
        if (created < now - maxAgeSeconds) {
            throw new VerificationException(name + " is too old (created " + created + ", now " + now + ", at most "
                    + maxAgeSeconds + " s accepted)");
        }
        if (params.expires().isPresent()) {
            long expires = params.expires().getAsLong();
            if (expires < created) {
                throw new VerificationException(name + " expires (" + expires + ") before it was created (" + created + ")");
            }
            if (now >= expires) {
                throw new VerificationException(name + " expired at " + expires + " (now " + now + ")");
            }
        }
    }

    /** Configures a {@link MessageVerifier}. */
    public static final class Builder {
        private final Function<String, Optional<Ed25519PublicKey>> keys;
        private Clock clock = Clock.systemUTC();
        private String label;
        private List<ComponentId> required = DEFAULT_REQUIRED;
        private Duration maxAge = DEFAULT_MAX_AGE;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private String tag;

        private Builder(Function<String, Optional<Ed25519PublicKey>> keys) {
            if (keys == null) {
                throw new IllegalArgumentException("key lookup is required");
            }
            this.keys = keys;
        }

        /** The current time; the system clock by default. */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new IllegalArgumentException("clock is required");
            }
            this.clock = clock;
            return this;
        }

        /** Verifies the signature with this label; by default, the request's only signature. */
        public Builder label(String label) {
            this.label = MessageSignature.requireLabel(label);
            return this;
        }

        /** Components every signature must cover; {@link #DEFAULT_REQUIRED} by default. */
        public Builder requiredComponents(List<ComponentId> components) {
            this.required = new SignatureParameters(components, List.of()).components(); // refuses duplicates
            return this;
        }

        /** Components every signature must cover; {@link #DEFAULT_REQUIRED} by default. */
        public Builder requiredComponents(ComponentId... components) {
            return requiredComponents(List.of(components));
        }

        /** How long after {@code created} a signature is accepted; 5 minutes by default. */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = nonNegative(maxAge, "max age");
            return this;
        }

        /** How far ahead of this clock {@code created} may be; 1 minute by default. */
        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = nonNegative(clockSkew, "clock skew");
            return this;
        }

        /** Requires this {@code tag} parameter. */
        public Builder requiredTag(String tag) {
            this.tag = new SignatureParameter.Tag(tag).value();
            return this;
        }

        public MessageVerifier build() {
            return new MessageVerifier(this);
        }

        private static Duration nonNegative(Duration d, String what) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative");
            }
            return d;
        }
    }
}
