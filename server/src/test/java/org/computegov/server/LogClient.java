package org.computegov.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.keys.PemKeys;

/** A submitter for tests: an Ed25519 key, its PEM public key file for --trusted-key, and signed envelopes. */
final class LogClient {
    final Ed25519PrivateKey key = Ed25519PrivateKey.generate();
    private final Ed25519DsseSigner signer = new Ed25519DsseSigner("test-submitter", key);

    Path writePublicKey(Path dir) throws Exception {
        Path file = dir.resolve("submitter-" + System.nanoTime() + ".pem");
        Files.writeString(file, PemKeys.toPem(key.publicKey()));
        return file;
    }

    byte[] envelope(String payload) {
        return Dsse.sign("application/vnd.in-toto+json", payload.getBytes(StandardCharsets.UTF_8), List.of(signer)).toJson();
    }

    static String statement(int n) {
        return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"s" + n
                + "\",\"digest\":{\"sha256\":\"" + "%064x".formatted(n) + "\"}}],"
                + "\"predicateType\":\"https://computegov.org/attestation/test/v1\",\"predicate\":{\"n\":" + n + "}}";
    }
}
