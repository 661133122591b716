package org.computegov.console;

import java.util.List;

/**
 * The transparency log as the console reads it; the server implements this over its log service (the console
 * does not depend on the server, the server mounts the console).
 */
public interface ConsoleLog {
    /** Entries in the log now. */
    long size();

    /** The latest published checkpoint (a C2SP signed note), or null when none is published yet. */
    String checkpoint();

    /** The log's verifier key (C2SP note format). */
    String verifierKey();

    /** An entry with its inclusion proof against {@code checkpoint}; the caller has checked 0 <= index < size. */
    Entry entry(long index) throws Exception;

    /**
     * An entry as logged, with what proves it is in the log.
     *
     * @param bytes the exact logged bytes (a DSSE envelope)
     * @param leafHash base64 SHA-256(0x00 ‖ bytes), as the server computed it
     * @param checkpoint the signed checkpoint the proof leads to
     * @param proof base64 hashes from the leaf towards the checkpoint's root (RFC 9162)
     */
    record Entry(long index, byte[] bytes, String leafHash, String checkpoint, List<String> proof) {}
}
