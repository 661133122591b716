package org.computegov.ledger.httpsig;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What HTTP Message Signatures read of a request: its method, its absolute target URI and its
 * header fields. A client library and a server framework each adapt their request type to this.
 *
 * <p>Header names are lowercased (field names are case-insensitive, RFC 9110 §5.1); each name keeps
 * its values in the order they occur in the message, one entry per field line. Values are kept as
 * given: trimming and combining happen when a field is read as a covered component.
 *
 * <p>The target URI must be absolute, with a host, no user information and no fragment (neither is
 * part of an HTTP target URI, RFC 9110 §4.2.4 and §7.1). It is held in its ASCII form, and an empty
 * path becomes {@code /}, as a request line always carries at least that (RFC 9110 §4.2.3). Servers
 * should build it from the scheme and authority the client used (e.g. a configured public origin
 * behind a TLS-terminating proxy) and the raw, undecoded request target.
 */
public record HttpRequestView(String method, URI targetUri, Map<String, List<String>> headers) {
    public HttpRequestView {
        if (method == null || method.isEmpty() || !method.chars().allMatch(StructuredFields::isTchar)) {
            throw new IllegalArgumentException("HTTP method must be a token: '" + method + "'");
        }
        targetUri = normalize(targetUri);
        headers = lowercased(headers);
    }

    /** Adapts the request of a {@code java.net.http} client (its Host and Content-Length are set by the client). */
    public static HttpRequestView of(HttpRequest request) {
        return new HttpRequestView(request.method(), request.uri(), request.headers().map());
    }

    /** Builds a view from a target URI string. */
    public static HttpRequestView of(String method, String targetUri, Map<String, List<String>> headers) {
        return new HttpRequestView(method, URI.create(targetUri), headers);
    }

    /** Returns the values of a field, one per field line in message order; empty if absent. */
    public List<String> fieldValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Returns a view with one more field line, after any existing lines of that field. */
    public HttpRequestView withHeader(String name, String value) {
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(fieldValues(name));
        values.add(value);
        more.put(name.toLowerCase(Locale.ROOT), values);
        return new HttpRequestView(method, targetUri, more);
    }

    private static URI normalize(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("target URI must be absolute with a host: " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("target URI must not carry user information: " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("target URI must not carry a fragment: " + uri);
        }
        URI ascii = URI.create(uri.toASCIIString()); // so every raw part is ASCII, as a signature base must be
        if (!ascii.getRawPath().isEmpty()) {
            return ascii;
        }
        String query = ascii.getRawQuery() == null ? "" : "?" + ascii.getRawQuery();
        return URI.create(ascii.getScheme() + "://" + ascii.getRawAuthority() + "/" + query);
    }

    private static Map<String, List<String>> lowercased(Map<String, List<String>> headers) {
        if (headers == null) {
            throw new IllegalArgumentException("headers are required (may be empty)");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name == null || name.isEmpty() || !name.chars().allMatch(StructuredFields::isTchar)) {
                throw new IllegalArgumentException("header name must be a token: '" + name + "'");
            }
            if (values == null || values.stream().anyMatch(Objects::isNull)) { // List.of's contains(null) throws
                throw new IllegalArgumentException("header " + name + " has a missing value");
            }
            out.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
        });
        out.replaceAll((k, v) -> List.copyOf(v));
        out.values().removeIf(List::isEmpty);
        return Collections.unmodifiableMap(out);
    }
}
