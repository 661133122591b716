package org.computegov.server.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.computegov.knowledge.InvalidInputException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Who a request comes from, for the per-client limits and sign-in throttling. Without trusted proxies it is the
 * connection's remote address. Behind trusted reverse proxies (operators name them: addresses, CIDR blocks or
 * ranges) it is the address the nearest proxy saw: {@code X-Forwarded-For} read from the right, skipping the trusted
 * proxies' own hops. The leftmost entries are whatever the client wrote and are never believed, so a client cannot
 * pick a fresh identity per request; a header from a connection that is not a trusted proxy is ignored.
 */
public final class ClientAddresses {
    /** The request attribute the gate stores the client's address under, for handlers that key on it. */
    public static final String ATTRIBUTE = "org.computegov.client";
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final int MAX_HOPS = 32;

    private final InetAddressSet proxies = new InetAddressSet();
    private final List<String> patterns;

    private ClientAddresses(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        proxies.addAll(patterns);
    }

    public static ClientAddresses direct() {
        return new ClientAddresses(List.of());
    }

    /**
     * Trusts these proxies' {@code X-Forwarded-For}: each an address ({@code 10.0.0.5}, {@code ::1}), a CIDR block
     * ({@code 10.0.0.0/8}) or a range ({@code 10.0.0.1-10.0.0.9}); names are refused, as they would need DNS.
     */
    public static ClientAddresses trusting(List<String> patterns) throws InvalidInputException {
        for (String p : patterns) {
            String address = p.contains("/") ? p.substring(0, p.indexOf('/')) : p.contains("-") ? p.substring(0, p.indexOf('-')) : p;
            boolean ok = literal(address) != null;
            if (ok) {
                try {
                    new InetAddressSet().add(p);
                } catch (IllegalArgumentException e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw new InvalidInputException("--trusted-proxy", "'" + p + "' is not an IP address, CIDR block or range",
                        "Give the proxy's address as it connects, e.g. --trusted-proxy 10.0.0.5 or --trusted-proxy 10.0.0.0/8.");
            }
        }
        return new ClientAddresses(patterns);
    }

    public List<String> patterns() {
        return patterns;
    }

    /** Whether a connection from this address is a trusted proxy's (its connections are not limited per client). */
    public boolean isProxy(InetAddress a) {
        return a != null && !patterns.isEmpty() && proxies.test(a);
    }

    /** The client's address as text. */
    public String of(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        InetAddress peer = remote instanceof InetSocketAddress i ? i.getAddress() : null;
        if (peer == null) {
            return String.valueOf(remote);
        }
        if (!isProxy(peer)) {
            return peer.getHostAddress();
        }
        List<String> forwardedFor = new ArrayList<>();
        for (HttpField f : request.getHeaders()) {
            if (f.getName().equalsIgnoreCase("X-Forwarded-For")) {
                forwardedFor.add(f.getValue());
            }
        }
        return of(peer, forwardedFor);
    }

    /** The client behind {@code peer}, given the values of the request's X-Forwarded-For fields in order. */
    String of(InetAddress peer, List<String> forwardedFor) {
        if (!isProxy(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",", -1)) {
                hops.add(hop.strip());
                if (hops.size() > MAX_HOPS) {
                    return peer.getHostAddress();
                }
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break; // not an address a proxy writes: believe no further, the last good hop is the client
            }
            client = hop;
            if (!isProxy(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    /** An IP literal parsed without DNS, or null. */
    static InetAddress literal(String s) {
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (!IPV4.matcher(t).matches() && !IPV6.matcher(t).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(t); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
