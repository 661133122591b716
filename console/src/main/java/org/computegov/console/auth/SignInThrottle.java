package org.computegov.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins are counted per username and per client address over a sliding window; past the limit, further
 * attempts are refused before any password is hashed, so guessing costs the guesser time and the server nothing.
 * Counting per username stops a slow guess at one account from many addresses; per address, one address trying many
 * usernames (an address may fail four times as often as a username, since several people can share one address
 * behind NAT). A success clears the username's count.
 */
public final class SignInThrottle {
    private static final int MAX_KEYS = 100_000;
    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public SignInThrottle(Clock clock, int limit, Duration window) {
        this.clock = clock;
        this.limit = limit;
        this.window = window;
    }

    /** Empty when an attempt may go ahead, else how long until it may. */
    public Optional<Duration> wait(String username, String address) {
        Instant now = clock.instant();
        Duration a = waitFor("u:" + username, now, limit);
        Duration b = waitFor("a:" + address, now, 4 * limit);
        Duration longest = a.compareTo(b) >= 0 ? a : b;
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.entrySet().removeIf(e -> { synchronized (e.getValue()) { return prune(e.getValue(), now).isEmpty(); } });
        }
        for (String key : new String[] {"u:" + username, "a:" + address}) {
            Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (d) {
                prune(d, now).addLast(now);
                while (d.size() > 4 * limit) {
                    d.removeFirst();
                }
            }
        }
    }

    public void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private Duration waitFor(String key, Instant now, int limit) {
        Deque<Instant> d = failures.get(key);
        if (d == null) {
            return Duration.ZERO;
        }
        synchronized (d) {
            prune(d, now);
            return d.size() < limit ? Duration.ZERO : Duration.between(now, d.peekFirst().plus(window));
        }
    }

    private Deque<Instant> prune(Deque<Instant> d, Instant now) {
        while (!d.isEmpty() && !d.peekFirst().plus(window).isAfter(now)) {
            d.removeFirst();
        }
        return d;
    }
}
