package org.computegov.console.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions, in memory: a session ends after {@code idle} without a request and, whatever happens, at
 * {@code absolute} after sign-in (OWASP's session management advice). Tokens are 256 random bits; the map is keyed
 * by their SHA-256, so the tokens themselves are kept nowhere on the server. A restart signs everyone out.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final Map<String, Entry> byTokenHash = new ConcurrentHashMap<>();

    private static final class Entry {
        final Session session;
        volatile Instant lastSeen;

        Entry(Session session, Instant lastSeen) {
            this.session = session;
            this.lastSeen = lastSeen;
        }
    }

    /** A session just started, with the token its cookie carries. */
    public record Started(String token, Session session) {}

    /** What a session token turned out to be. */
    public sealed interface Lookup {
        record Active(Session session) implements Lookup {}

        /** The token named a session that has ended (idle or absolute limit); the user should be told so. */
        record Expired() implements Lookup {}

        record Unknown() implements Lookup {}
    }

    public Sessions(Clock clock, Duration idle, Duration absolute) {
        if (idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0) {
            throw new IllegalArgumentException("session limits must be 0 < idle <= absolute");
        }
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    public Started start(String username, String actorId, String actorName, java.util.Set<org.computegov.registry.statement.Role> roles,
            byte[] actorKey) {
        sweep();
        Instant now = clock.instant();
        String token = random();
        Session s = new Session(username, actorId, actorName, roles, random(), now, now.plus(absolute), actorKey);
        byTokenHash.put(hash(token), new Entry(s, now));
        return new Started(token, s);
    }

    public Lookup find(String token) {
        if (token == null || token.length() != 43) {
            return new Lookup.Unknown();
        }
        String key = hash(token);
        Entry e = byTokenHash.get(key);
        if (e == null) {
            return new Lookup.Unknown();
        }
        Instant now = clock.instant();
        if (!now.isBefore(e.session.expires()) || !now.isBefore(e.lastSeen.plus(idle))) {
            end(token);
            return new Lookup.Expired();
        }
        e.lastSeen = now;
        return new Lookup.Active(e.session);
    }

    public void end(String token) {
        if (token != null) {
            Entry e = byTokenHash.remove(hash(token));
            if (e != null && e.session.actorKey() != null) {
                Arrays.fill(e.session.actorKey(), (byte) 0);
            }
        }
    }

    /** Ends every session of a user (after a password change, say). */
    public void endAll(String username) {
        byTokenHash.values().removeIf(e -> e.session.username().equals(username));
    }

    public int active() {
        return byTokenHash.size();
    }

    public Duration idle() {
        return idle;
    }

    /** Drops ended sessions so the map stays as small as the number of people signed in. */
    private void sweep() {
        Instant now = clock.instant();
        byTokenHash.values().removeIf(e -> !now.isBefore(e.session.expires()) || !now.isBefore(e.lastSeen.plus(idle)));
    }

    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<String> token(String cookieValue) {
        return Optional.ofNullable(cookieValue).filter(v -> v.length() == 43);
    }
}
