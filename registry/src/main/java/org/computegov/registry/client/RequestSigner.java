package org.computegov.registry.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Map;
import org.computegov.ledger.httpsig.ContentDigest;
import org.computegov.ledger.httpsig.HttpRequestView;
import org.computegov.ledger.httpsig.MessageSigner;
import org.computegov.ledger.httpsig.SignatureHeaders;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.statement.StatementWriter;

/**
 * Signs registry requests with RFC 9421 HTTP message signatures (Ed25519, covering method, path and query, and a
 * body through its RFC 9530 Content-Digest, with a
 * creation time, a one-minute expiry and a fresh random nonce, so that a copied request cannot be replayed), keyid = the
 * key's registry id, so the server knows which actor reads.
 */
public final class RequestSigner {
    private final MessageSigner signer;
    private final MessageSigner withBody;

    public RequestSigner(SignerKey key, Clock clock) {
        this.signer = MessageSigner.builder(key.privateKey(), StatementWriter.keyId(key)).clock(clock)
                .expiresAfter(VALIDITY).nonces(RequestSigner::nonce).build();
        java.util.List<org.computegov.ledger.httpsig.ComponentId> covered = new java.util.ArrayList<>(MessageSigner.DEFAULT_COMPONENTS);
        covered.add(ContentDigest.COMPONENT);
        this.withBody = MessageSigner.builder(key.privateKey(), StatementWriter.keyId(key)).clock(clock).components(covered)
                .expiresAfter(VALIDITY).nonces(RequestSigner::nonce).build();
    }

    static final java.time.Duration VALIDITY = java.time.Duration.ofMinutes(1);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** 128 random bits, base64url. */
    static String nonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Signs a request; a body (non-empty) is covered through its RFC 9530 Content-Digest, which is set too. */
    void sign(HttpRequest.Builder b, String method, URI uri, byte[] body) {
        SignatureHeaders h;
        if (body != null && body.length > 0) {
            String digest = ContentDigest.of(body);
            b.header("Content-Digest", digest);
            h = withBody.sign(HttpRequestView.of(method, uri.toString(), Map.of(ContentDigest.FIELD, java.util.List.of(digest))));
        } else {
            h = headers(method, uri);
        }
        b.header(SignatureHeaders.SIGNATURE_INPUT, h.signatureInput()).header(SignatureHeaders.SIGNATURE, h.signature());
    }

    /** The Signature-Input and Signature values for a request with a body whose Content-Digest is {@code digest}. */
    public SignatureHeaders headers(String method, URI uri, String contentDigest) {
        return withBody.sign(HttpRequestView.of(method, uri.toString(), Map.of(ContentDigest.FIELD, java.util.List.of(contentDigest))));
    }

    /** The Signature-Input and Signature header values for a request (for clients that write their own requests). */
    public SignatureHeaders headers(String method, URI uri) {
        return signer.sign(HttpRequestView.of(method, uri.toString(), Map.of()));
    }
}
