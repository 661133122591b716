package org.computegov.server.log;

import java.nio.file.Path;
import java.util.List;

/**
 * How the log runs.
 *
 * @param origin the log's origin line (and key name) for a new log key, or null for the default; an existing key
 *     in the data directory keeps its own
 * @param trustedKeys PEM public keys (Ed25519, ECDSA P-256/P-384) whose DSSE signatures the log accepts, besides
 *     its own key
 * @param witnesses witnesses to ask for cosignatures, each "VKEY@URL" (a C2SP cosignature verifier key and the
 *     witness's base URL)
 * @param quorum how many witness cosignatures a checkpoint needs before it is published (0: publish at once)
 */
public record LogOptions(String origin, List<Path> trustedKeys, List<String> witnesses, int quorum) {
    public static final String DEFAULT_ORIGIN = "computegov.local/log";

    public LogOptions {
        trustedKeys = List.copyOf(trustedKeys);
        witnesses = List.copyOf(witnesses);
    }

    public static LogOptions defaults() {
        return new LogOptions(null, List.of(), List.of(), 0);
    }
}
