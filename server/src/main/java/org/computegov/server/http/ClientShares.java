package org.computegov.server.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What each client address holds of the server at once — request bodies in memory and requests in progress — and how
 * fast it may start requests (a token bucket), so that one address cannot take the share every client needs. Every
 * change to one address's share happens inside {@link ConcurrentHashMap#compute}, atomically for that address; an
 * address is forgotten once it holds nothing and its bucket is full again (it would be full if remembered).
 */
final class ClientShares {
    /** Why a client was refused. */
    enum Refusal { NONE, REQUESTS, RATE, BODY_BYTES }

    private final long bodyBytesPerClient;
    private final int requestsPerClient;
    private final double ratePerNano;
    private final double burst;
    private final ConcurrentHashMap<String, Share> shares = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();

    ClientShares(long bodyBytesPerClient, int requestsPerClient, double requestsPerSecond, int burst) {
        this.bodyBytesPerClient = bodyBytesPerClient;
        this.requestsPerClient = requestsPerClient;
        this.ratePerNano = requestsPerSecond / 1e9;
        this.burst = burst;
    }

    private static final class Share {
        long bodyBytes;
        int requests;
        double tokens;
        long refilledAt;
    }

    /** Starts a request of {@code client}: NONE if it may go on (release it later), else why not. */
    Refusal startRequest(String client, long now) {
        Refusal[] why = {Refusal.NONE};
        shares.compute(client, (k, s) -> {
            Share share = s != null ? s : fresh(now);
            refill(share, now);
            if (share.requests >= requestsPerClient) {
                why[0] = Refusal.REQUESTS;
            } else if (share.tokens < 1) {
                why[0] = Refusal.RATE;
            } else {
                share.tokens -= 1;
                share.requests++;
            }
            return forgettable(share, now) ? null : share;
        });
        sweepNow(now);
        return why[0];
    }

    void endRequest(String client, long now) {
        shares.computeIfPresent(client, (k, share) -> {
            share.requests--;
            return forgettable(share, now) ? null : share;
        });
    }

    /** Adds {@code bytes} of a body being read to the client's share; false (nothing added) if it would pass it. */
    boolean holdBody(String client, long bytes) {
        boolean[] ok = {false};
        shares.computeIfPresent(client, (k, share) -> {
            if (share.bodyBytes + bytes <= bodyBytesPerClient) {
                share.bodyBytes += bytes;
                ok[0] = true;
            }
            return share;
        });
        return ok[0];
    }

    void releaseBody(String client, long bytes, long now) {
        shares.computeIfPresent(client, (k, share) -> {
            share.bodyBytes -= bytes;
            return forgettable(share, now) ? null : share;
        });
    }

    /** Addresses remembered now (for tests: an idle client is forgotten). */
    int remembered() {
        return shares.size();
    }

    private Share fresh(long now) {
        Share s = new Share();
        s.tokens = burst;
        s.refilledAt = now;
        return s;
    }

    private void refill(Share s, long now) {
        s.tokens = Math.min(burst, s.tokens + (now - s.refilledAt) * ratePerNano);
        s.refilledAt = now;
    }

    private boolean forgettable(Share s, long now) {
        return s.requests == 0 && s.bodyBytes == 0 && s.tokens + (now - s.refilledAt) * ratePerNano >= burst;
    }

    /** Now and then, forgets addresses that went quiet with a bucket not yet full when they last asked. */
    private void sweepNow(long now) {
        if (sinceSweep.incrementAndGet() % 4096 == 0) {
            shares.forEach((k, v) -> shares.computeIfPresent(k, (kk, s) -> forgettable(s, now) ? null : s));
        }
    }
}
