package org.computegov.ledger.httpsig;

/**
 * A request signature that verified: which label, which key, and the signed parameters (covered
 * components, {@code created}, {@code nonce}, {@code tag}, ...), for the caller's own checks such as
 * nonce replay tracking.
 */
public record VerifiedSignature(String label, String keyId, SignatureParameters parameters) {}
