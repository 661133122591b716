package org.computegov.registry.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Map;
import org.computegov.ledger.httpsig.HttpRequestView;
import org.computegov.ledger.httpsig.MessageSigner;
import org.computegov.ledger.httpsig.SignatureHeaders;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.statement.StatementWriter;

/**
 * Signs registry requests with RFC 9421 HTTP message signatures (Ed25519, covering method, path and query, with a
 * creation time, a one-minute expiry and a fresh random nonce, so that a copied request cannot be replayed), keyid = the
 * key's registry id, so the server knows which actor reads.
 */
public final class RequestSigner {
    private final MessageSigner signer;

    public RequestSigner(SignerKey key, Clock clock) {
        this.signer = MessageSigner.builder(key.privateKey(), StatementWriter.keyId(key)).clock(clock)
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

    void sign(HttpRequest.Builder b, String method, URI uri) {
        SignatureHeaders h = headers(method, uri);
        b.header(SignatureHeaders.SIGNATURE_INPUT, h.signatureInput()).header(SignatureHeaders.SIGNATURE, h.signature());
    }

    /** The Signature-Input and Signature header values for a request (for clients that write their own requests). */
    public SignatureHeaders headers(String method, URI uri) {
        return signer.sign(HttpRequestView.of(method, uri.toString(), Map.of()));
    }
}
