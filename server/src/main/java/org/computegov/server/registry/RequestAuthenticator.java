package org.computegov.server.registry;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.httpsig.HttpRequestView;
import org.computegov.ledger.httpsig.MessageVerifier;
import org.computegov.ledger.httpsig.UnknownKeyException;
import org.computegov.ledger.httpsig.VerifiedSignature;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.kernel.Registry;
import org.computegov.registry.kernel.Viewer;

/**
 * Who signed a read request: an RFC 9421 signature (Ed25519, covering at least method, path and query, created within
 * the clock-skew window) by a registered, unrevoked key makes its actor the viewer; no signature makes the public.
 * A signature that is present but fails is refused (401), never downgraded to a public read. A signature must also
 * carry a nonce and an expiry at most {@link #MAX_VALIDITY} after its creation, and a nonce counts once: a replayed
 * request is refused.
 */
public final class RequestAuthenticator {
    private final Registry registry;
    private final MessageVerifier verifier;
    private final ReadNonces nonces;
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
    /** How long a signed read may stay valid: long enough for a slow network, short enough to remember its nonce. */
    public static final java.time.Duration MAX_VALIDITY = java.time.Duration.ofMinutes(2);

    public RequestAuthenticator(Registry registry, Clock clock) {
        this.registry = registry;
        this.verifier = MessageVerifier.builder(keyId -> Optional.ofNullable(registry.activeKey(keyId)))
                .clock(clock).clockSkew(registry.rules().clockSkew()).build();
        this.nonces = new ReadNonces(clock);
    }

    public Viewer viewer(Context ctx) throws Rejection {
        if (ctx.header("Signature-Input") == null && ctx.header("Signature") == null) {
            return Viewer.PUBLIC;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : ctx.req().getHeaderNames() == null ? List.<String>of() : java.util.Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), new ArrayList<>(java.util.Collections.list(ctx.req().getHeaders(name))));
        }
        String query = ctx.queryString();
        String target = ctx.scheme() + "://" + ctx.host() + ctx.path() + (query == null ? "" : "?" + query);
        VerifiedSignature v;
        try {
            v = verifier.verify(HttpRequestView.of(ctx.method().name(), target, headers));
        } catch (UnknownKeyException e) {
            throw Rejection.unknownKey("the request is signed by an unknown or revoked key: " + e.getMessage());
        } catch (VerificationException e) {
            throw new Rejection(401, "signature-not-verified", "Request signature not verified", e.getMessage(), null,
                    "Sign method, path and query (RFC 9421, Ed25519) with a registered key, just before sending.");
        }
        var params = v.parameters();
        if (params.nonce().isEmpty() || params.nonce().get().length() < 16 || params.expires().isEmpty()
                || params.expires().getAsLong() - params.created().getAsLong() > MAX_VALIDITY.toSeconds()) {
            throw new Rejection(401, "signature-not-verified", "Request signature not verified", "a signed read needs a"
                    + " nonce (at least 16 characters) and an expiry at most " + MAX_VALIDITY.toSeconds()
                    + " s after its creation", null, "Sign with nonce and expires parameters (cgov does).");
        }
        if (requests.incrementAndGet() % 10_000 == 0) {
            nonces.purge();
        }
        if (!nonces.firstUse(v.keyId(), params.nonce().get(), params.expires().getAsLong())) {
            throw new Rejection(401, "signature-replayed", "Request signature replayed", "this signed request (nonce "
                    + params.nonce().get() + ") was already answered", null, "Sign every request afresh, with a new nonce.");
        }
        return new Viewer(registry.actorOfKey(v.keyId()));
    }
}
