package org.computegov.server.registry;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nonces of signed reads seen while they are valid: a signed request can be replayed by whoever saw it (a proxy, a
 * log), so each one carries a nonce and a short validity, and a nonce is accepted once per key. Only requests whose
 * signature verified reach here, so filling the table takes a registered key; it is bounded all the same.
 */
final class ReadNonces {
    static final int MAX_ENTRIES = 1_000_000;
    private final Clock clock;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    ReadNonces(Clock clock) {
        this.clock = clock;
    }

    /** Records the nonce; false when it was seen before (a replay), or when the table is full of valid nonces. */
    boolean firstUse(String keyId, String nonce, long expiresEpochSecond) {
        if (seen.size() >= MAX_ENTRIES) {
            purge();
            if (seen.size() >= MAX_ENTRIES) {
                return false;
            }
        }
        return seen.putIfAbsent(keyId + " " + nonce, expiresEpochSecond) == null;
    }

    /** Forgets nonces whose signatures have expired: those requests are refused by their time anyway. */
    void purge() {
        long now = clock.instant().getEpochSecond();
        for (Iterator<Long> it = seen.values().iterator(); it.hasNext(); ) {
            if (it.next() < now) {
                it.remove();
            }
        }
    }

    int size() {
        return seen.size();
    }
}
