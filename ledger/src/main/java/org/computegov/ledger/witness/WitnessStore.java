package org.computegov.ledger.witness;

import java.io.IOException;
import java.util.Optional;

/**
 * The witness's persistent state port: the latest cosigned state per log origin, updated with an
 * atomic compare-and-set so concurrent requests can never roll a log back (tlog-witness).
 */
public interface WitnessStore {
    /** Returns the latest state for the origin, or empty if the witness never cosigned it. */
    Optional<LogState> latest(String origin) throws IOException;

    /**
     * Atomically replaces the origin's state with {@code next} if it still describes the same tree
     * as {@code expected} (empty meaning "no state yet"), and makes it durable before returning.
     *
     * @return false if another update won the race; nothing was written
     */
    boolean compareAndSet(String origin, Optional<LogState> expected, LogState next) throws IOException;
}
