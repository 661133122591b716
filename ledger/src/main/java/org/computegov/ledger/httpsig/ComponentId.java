package org.computegov.ledger.httpsig;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;

/**
 * A covered component of a request signature (RFC 9421 §2): one of the derived components
 * {@code @method}, {@code @target-uri}, {@code @authority}, {@code @scheme},
 * {@code @request-target}, {@code @path} and {@code @query}, or an HTTP field named in lowercase.
 *
 * <p>Component parameters ({@code sf}, {@code key}, {@code bs}, {@code req}, {@code tr},
 * {@code name}) and the other derived components are not supported; they are rejected, as RFC 9421
 * §2.5 requires for what an implementation does not understand.
 */
public record ComponentId(String name) {
    private static final Set<String> DERIVED =
            Set.of("@method", "@target-uri", "@authority", "@scheme", "@request-target", "@path", "@query");
    private static final String SUPPORTED = "@method, @target-uri, @authority, @scheme, @request-target, @path, @query";
    /** RFC 9112 §5.2 obs-fold, with the whitespace before it: replaced by one space (RFC 9421 §2.1 step 3). */
    private static final Pattern OBS_FOLD = Pattern.compile("[ \\t]*\\r\\n[ \\t]+");

    // Declared after the sets above: the constructor reads them.
    public static final ComponentId METHOD = new ComponentId("@method");
    public static final ComponentId TARGET_URI = new ComponentId("@target-uri");
    public static final ComponentId AUTHORITY = new ComponentId("@authority");
    public static final ComponentId SCHEME = new ComponentId("@scheme");
    public static final ComponentId REQUEST_TARGET = new ComponentId("@request-target");
    public static final ComponentId PATH = new ComponentId("@path");
    public static final ComponentId QUERY = new ComponentId("@query");

    public ComponentId {
        String problem = problemWith(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The component for an HTTP field, whatever the case of {@code fieldName}. */
    public static ComponentId field(String fieldName) {
        return new ComponentId(fieldName == null ? null : fieldName.toLowerCase(Locale.ROOT));
    }

    /** Parses a component name received in a Signature-Input field. */
    static ComponentId parse(String name) throws FormatException {
        String problem = problemWith(name);
        if (problem != null) {
            throw new FormatException(problem);
        }
        return new ComponentId(name);
    }

    /** Whether this is a derived component rather than an HTTP field. */
    public boolean isDerived() {
        return name.startsWith("@");
    }

    /**
     * Returns this component's value in {@code request}, canonicalized as RFC 9421 §2.1 (fields) and
     * §2.2 (derived components) define.
     *
     * @throws VerificationException if a covered field is absent
     * @throws FormatException if a field value holds characters a signature base cannot carry
     */
    public String valueIn(HttpRequestView request) throws VerificationException {
        URI uri = request.targetUri();
        switch (name) {
            case "@method":
                return request.method(); // case-sensitive: no transformation (§2.2.1)
            case "@target-uri":
                return uri.toString();
            case "@authority":
                return authority(uri);
            case "@scheme":
                return uri.getScheme().toLowerCase(Locale.ROOT);
            case "@request-target": // origin form: absolute path and query, as sent to an origin server
                return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            case "@path":
                return uri.getRawPath();
            case "@query": // "?" alone when there is no query (§2.2.7)
                return "?" + (uri.getRawQuery() == null ? "" : uri.getRawQuery());
            default:
                return fieldValue(request);
        }
    }

    /** Host in lowercase, and the port only when it is not the scheme's default (RFC 9110 §4.2.3). */
    private static String authority(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return defaultPort ? host : host + ":" + port;
    }

    /** Field lines trimmed, obsolete folding replaced by a space, joined with ", " (§2.1). */
    private String fieldValue(HttpRequestView request) throws VerificationException {
        List<String> lines = request.fieldValues(name);
        if (lines.isEmpty()) {
            throw new VerificationException("covered field \"" + name + "\" is absent from the request");
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(trimOws(OBS_FOLD.matcher(line).replaceAll(" ")));
        }
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                throw new FormatException("covered field \"" + name + "\" holds character 0x" + Integer.toHexString(c)
                        + ", which a signature base cannot carry (only visible ASCII, space and tab)");
            }
        }
        return out.toString();
    }

    private static String trimOws(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String problemWith(String name) {
        if (name == null || name.isEmpty()) {
            return "component name is empty";
        }
        if (name.startsWith("@")) {
            if (DERIVED.contains(name)) {
                return null;
            }
            return switch (name) {
                case "@signature-params" -> "\"@signature-params\" must not be listed as a covered component (RFC 9421 §2.3)";
                case "@status" -> "derived component \"@status\" applies to responses, not to a request";
                case "@query-param" -> "derived component \"@query-param\" is not supported; cover \"@query\" instead";
                default -> "unknown derived component \"" + name + "\" (supported: " + SUPPORTED + ")";
            };
        }
        if (!name.chars().allMatch(StructuredFields::isTchar)) {
            return "\"" + name + "\" is neither a derived component nor an HTTP field name";
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            return "field name \"" + name + "\" must be lowercase in a component identifier (RFC 9421 §2.1)";
        }
        return null;
    }

    @Override
    public String toString() {
        return "\"" + name + "\"";
    }
}
