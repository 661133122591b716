package org.computegov.ledger.witness;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link WitnessStore} in memory, for tests and ephemeral witnesses. */
public final class InMemoryWitnessStore implements WitnessStore {
    private final Map<String, LogState> states = new HashMap<>();

    @Override
    public synchronized Optional<LogState> latest(String origin) {
        return Optional.ofNullable(states.get(origin));
    }

    @Override
    public synchronized boolean compareAndSet(String origin, Optional<LogState> expected, LogState next) {
        LogState current = states.get(origin);
        boolean matches = expected.isEmpty() ? current == null : expected.get().sameTree(current);
        if (!matches) {
            return false;
        }
        states.put(origin, next);
        return true;
    }
}
