package org.computegov.server.registry;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.httpsig.ContentDigest;
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
 * request is refused. A signed request with a body must also cover the body's RFC 9530 Content-Digest, which is
 * checked against the body.
 */
public final class RequestAuthenticator {
    private static final String VIEWER = "cgov.viewer";
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

    /**
     * Checks every signed request before its route runs, whatever the route: a signature that fails is refused on a
     * public route too (never answered as if unsigned), and on HEAD as on GET. The viewer found is kept on the request
     * so the route does not verify it again.
     */
    public void install(io.javalin.config.RoutesConfig routes) {
        routes.before(ctx -> {
            org.computegov.server.QueryParams.checkEncoding(ctx);
            if (ctx.header("Signature-Input") != null || ctx.header("Signature") != null) {
                RegistryRoutes.call(() -> viewer(ctx));
            }
        });
    }

    /**
     * A signature covers a body only through its RFC 9530 Content-Digest: without this check whoever relays a signed
     * request (a proxy, anyone on the path of plain HTTP) could change the job an admission decides or the usage a
     * settlement charges, while the signature still verified. So a signed request with a body must cover
     * {@code content-digest}, and the digest must be the body's. Checked after the signature, so an unsigned caller
     * cannot make the server hash a body for nothing; the body is within the request gate's size limit.
     */
    private static void checkBody(Context ctx, String method, VerifiedSignature v) throws Rejection {
        if (method.equals("GET") || method.equals("HEAD") || method.equals("DELETE") || method.equals("OPTIONS")) {
            return;
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            return;
        }
        if (!v.parameters().components().contains(ContentDigest.COMPONENT)) {
            throw new Rejection(401, "signature-not-verified", "Request signature not verified", "the signature does not"
                    + " cover the request's body: a signed request with a body must cover content-digest", null,
                    "Send Content-Digest: sha-256=:<base64 SHA-256 of the body>: (RFC 9530) and cover \"content-digest\" in"
                    + " the signature (cgov does).");
        }
        java.util.List<String> fields = java.util.Collections.list(ctx.req().getHeaders("Content-Digest"));
        if (fields.size() > 1) {
            // The signature covered them joined; one field is what is checked, so there must be one.
            throw new Rejection(401, "signature-not-verified", "Request signature not verified", "the request has "
                    + fields.size() + " Content-Digest fields", null, "Send one Content-Digest field.");
        }
        String field = fields.isEmpty() ? null : fields.get(0);
        boolean matches;
        try {
            matches = field != null && ContentDigest.matches(field, body);
        } catch (org.computegov.ledger.FormatException e) {
            throw new Rejection(401, "signature-not-verified", "Request signature not verified", e.getMessage(), null,
                    "Send Content-Digest: sha-256=:<base64 SHA-256 of the body>: (RFC 9530).");
        }
        if (!matches) {
            throw new Rejection(401, "signature-not-verified", "Request signature not verified", "the body is not the one"
                    + " signed: its SHA-256 differs from the signed Content-Digest", null,
                    "Send the body you signed; recompute Content-Digest if you change it.");
        }
    }

    public Viewer viewer(Context ctx) throws Rejection {
        if (ctx.header("Signature-Input") == null && ctx.header("Signature") == null) {
            return Viewer.PUBLIC;
        }
        Viewer known = ctx.attribute(VIEWER);
        if (known != null) {
            return known;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : ctx.req().getHeaderNames() == null ? List.<String>of() : java.util.Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), new ArrayList<>(java.util.Collections.list(ctx.req().getHeaders(name))));
        }
        String query = ctx.queryString();
        String target = ctx.scheme() + "://" + ctx.host() + ctx.path() + (query == null ? "" : "?" + query);
        HttpRequestView request;
        try {
            // A HEAD is handed to the routes as GET (RequestGate); the client signed the method it sent.
            Object sent = ctx.req().getAttribute(org.computegov.server.http.RequestGate.ORIGINAL_METHOD);
            request = HttpRequestView.of(sent != null ? sent.toString() : ctx.method().name(), target, headers);
        } catch (IllegalArgumentException e) {
            // A raw '|', '{' or '"' in the query: no URI, so nothing a signature could have covered.
            throw Rejection.badInput("the request target is not a valid URI (" + e.getMessage() + ")", null,
                    "Percent-encode the query's reserved characters before signing and sending.");
        }
        VerifiedSignature v;
        try {
            v = verifier.verify(request);
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
        checkBody(ctx, request.method(), v);
        Viewer viewer = new Viewer(registry.actorOfKey(v.keyId()));
        ctx.attribute(VIEWER, viewer);
        return viewer;
    }
}
