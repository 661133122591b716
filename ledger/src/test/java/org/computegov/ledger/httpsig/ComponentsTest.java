package org.computegov.ledger.httpsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Component values: the examples of RFC 9421 §2.1 (fields) and §2.2 (derived components), and their limits. */
class ComponentsTest {
    private static HttpRequestView request(String method, String uri) {
        return HttpRequestView.of(method, uri, Map.of());
    }

    private static String value(ComponentId c, HttpRequestView r) throws VerificationException {
        return c.valueIn(r);
    }

    @Test
    void section22ExamplesOfPostPathParamValue() throws Exception {
        // "POST /path?param=value HTTP/1.1 / Host: www.example.com", over HTTPS for @target-uri.
        HttpRequestView r = request("POST", "https://www.example.com/path?param=value");
        assertThat(value(ComponentId.METHOD, r)).isEqualTo("POST"); // §2.2.1
        assertThat(value(ComponentId.TARGET_URI, r)).isEqualTo("https://www.example.com/path?param=value"); // §2.2.2
        assertThat(value(ComponentId.AUTHORITY, r)).isEqualTo("www.example.com"); // §2.2.3
        assertThat(value(ComponentId.REQUEST_TARGET, r)).isEqualTo("/path?param=value"); // §2.2.5, origin form
        // §2.2.4: the same request over plain HTTP.
        assertThat(value(ComponentId.SCHEME, request("POST", "http://www.example.com/path?param=value"))).isEqualTo("http");
    }

    @Test
    void section226PathExample() throws Exception {
        assertThat(value(ComponentId.PATH, request("GET", "https://www.example.com/path?param=value"))).isEqualTo("/path");
    }

    @Test
    void section227QueryExamples() throws Exception {
        assertThat(value(ComponentId.QUERY, request("GET", "https://www.example.com/path?param=value&foo=bar&baz=bat%2Dman")))
                .isEqualTo("?param=value&foo=bar&baz=bat%2Dman"); // percent-encoding is kept
        assertThat(value(ComponentId.QUERY, request("POST", "https://www.example.com/path?queryString")))
                .isEqualTo("?queryString");
        // No query: "?" alone.
        assertThat(value(ComponentId.QUERY, request("GET", "https://www.example.com/path"))).isEqualTo("?");
        assertThat(value(ComponentId.QUERY, request("GET", "https://www.example.com/path?"))).isEqualTo("?");
    }

    @Test
    void section21FieldExamples() throws Exception {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Host", List.of("www.example.com"));
        h.put("Date", List.of("Tue, 20 Apr 2021 02:07:56 GMT"));
        h.put("X-OWS-Header", List.of("  Leading and trailing whitespace.  "));
        h.put("X-Obs-Fold-Header", List.of("Obsolete\r\n    line folding."));
        h.put("Cache-Control", List.of("max-age=60", "   must-revalidate"));
        h.put("Example-Dict", List.of(" a=1,    b=2;x=1;y=2,   c=(a   b   c)"));
        h.put("X-Empty-Header", List.of(""));
        HttpRequestView r = HttpRequestView.of("GET", "https://www.example.com/", h);
        SignatureParameters p = SignatureParameters.of(List.of(ComponentId.field("host"), ComponentId.field("date"),
                ComponentId.field("x-ows-header"), ComponentId.field("x-obs-fold-header"), ComponentId.field("cache-control"),
                ComponentId.field("example-dict"), ComponentId.field("x-empty-header")));
        assertThat(SignatureBase.of(r, p)).isEqualTo("""
                "host": www.example.com
                "date": Tue, 20 Apr 2021 02:07:56 GMT
                "x-ows-header": Leading and trailing whitespace.
                "x-obs-fold-header": Obsolete line folding.
                "cache-control": max-age=60, must-revalidate
                "example-dict": a=1,    b=2;x=1;y=2,   c=(a   b   c)
                "x-empty-header":\s
                "@signature-params": ("host" "date" "x-ows-header" "x-obs-fold-header" "cache-control" "example-dict" \
                "x-empty-header")""");
    }

    @Test
    void fieldNamesAreCaseInsensitiveAndLinesKeepTheirOrder() throws Exception {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Accept", List.of("a"));
        h.put("ACCEPT", List.of("b", "c"));
        HttpRequestView r = HttpRequestView.of("GET", "https://x.example/", h).withHeader("accept", "d");
        assertThat(value(ComponentId.field("Accept"), r)).isEqualTo("a, b, c, d");
        assertThat(ComponentId.field("Accept")).isEqualTo(ComponentId.field("accept"));
    }

    @Test
    void absentAndUnsignableFieldsFail() {
        HttpRequestView r = HttpRequestView.of("GET", "https://x.example/", Map.of(
                "x-utf8", List.of("caf\u00e9"), "x-newline", List.of("a\nb"), "x-tab", List.of("a\tb")));
        assertThatThrownBy(() -> value(ComponentId.field("content-type"), r)).isInstanceOf(VerificationException.class)
                .hasMessage("covered field \"content-type\" is absent from the request");
        assertThatThrownBy(() -> value(ComponentId.field("x-utf8"), r)).isInstanceOf(FormatException.class)
                .hasMessageContaining("holds character 0xe9");
        assertThatThrownBy(() -> value(ComponentId.field("x-newline"), r)).isInstanceOf(FormatException.class)
                .hasMessageContaining("holds character 0xa");
    }

    @Test
    void tabInsideAFieldValueIsKept() throws Exception {
        HttpRequestView r = HttpRequestView.of("GET", "https://x.example/", Map.of("x-tab", List.of("\ta\tb\t")));
        assertThat(value(ComponentId.field("x-tab"), r)).isEqualTo("a\tb");
    }

    @ParameterizedTest
    @CsvSource({
        "https://WWW.Example.COM/p, www.example.com",
        "https://www.example.com:443/p, www.example.com",
        "http://www.example.com:80/p, www.example.com",
        "https://www.example.com:80/p, www.example.com:80",
        "http://www.example.com:8080/p, www.example.com:8080",
        "http://[2001:DB8::1]:8080/p, [2001:db8::1]:8080",
        "HTTPS://www.example.com/p, www.example.com",
    })
    void authorityIsLowercasedWithoutTheDefaultPort(String uri, String authority) throws Exception {
        assertThat(value(ComponentId.AUTHORITY, request("GET", uri))).isEqualTo(authority);
    }

    @Test
    void schemeIsLowercase() throws Exception {
        assertThat(value(ComponentId.SCHEME, request("GET", "HTTPS://www.example.com/"))).isEqualTo("https");
    }

    @Test
    void methodKeepsItsCase() throws Exception {
        assertThat(value(ComponentId.METHOD, request("get", "https://www.example.com/"))).isEqualTo("get");
    }

    @Test
    void emptyPathIsASlashAndPercentEncodingIsKept() throws Exception {
        HttpRequestView r = request("GET", "https://www.example.com?a=b");
        assertThat(value(ComponentId.PATH, r)).isEqualTo("/");
        assertThat(value(ComponentId.REQUEST_TARGET, r)).isEqualTo("/?a=b");
        assertThat(value(ComponentId.TARGET_URI, r)).isEqualTo("https://www.example.com/?a=b");
        HttpRequestView encoded = request("GET", "https://www.example.com/a%2Fb/%7Ec?x=%20");
        assertThat(value(ComponentId.PATH, encoded)).isEqualTo("/a%2Fb/%7Ec");
        assertThat(value(ComponentId.QUERY, encoded)).isEqualTo("?x=%20");
    }

    @Test
    void nonAsciiInTheTargetUriIsPercentEncoded() throws Exception {
        HttpRequestView r = new HttpRequestView("GET", new URI("https://x.example/caf\u00e9?q=\u00e9"), Map.of());
        assertThat(value(ComponentId.PATH, r)).isEqualTo("/caf%C3%A9");
        assertThat(value(ComponentId.QUERY, r)).isEqualTo("?q=%C3%A9");
    }

    @Test
    void targetUriMustBeAnAbsoluteHttpTarget() {
        assertThatThrownBy(() -> request("GET", "/relative")).hasMessageContaining("absolute with a host");
        assertThatThrownBy(() -> request("GET", "mailto:a@example.com")).hasMessageContaining("absolute with a host");
        assertThatThrownBy(() -> request("GET", "https://user:pw@x.example/")).hasMessageContaining("user information");
        assertThatThrownBy(() -> request("GET", "https://x.example/#frag")).hasMessageContaining("fragment");
        assertThatThrownBy(() -> request("GET POST", "https://x.example/")).hasMessageContaining("method must be a token");
        assertThatThrownBy(() -> HttpRequestView.of("GET", "https://x.example/", Map.of("bad name", List.of("v"))))
                .hasMessageContaining("header name must be a token");
    }

    @Test
    void unsupportedComponentsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ComponentId.parse("@query-param")).isInstanceOf(FormatException.class)
                .hasMessageContaining("not supported; cover \"@query\" instead");
        assertThatThrownBy(() -> ComponentId.parse("@status")).hasMessageContaining("applies to responses");
        assertThatThrownBy(() -> ComponentId.parse("@signature-params")).hasMessageContaining("must not be listed");
        assertThatThrownBy(() -> ComponentId.parse("@foo")).hasMessageContaining("unknown derived component \"@foo\"");
        assertThatThrownBy(() -> ComponentId.parse("Content-Type")).hasMessageContaining("must be lowercase");
        assertThatThrownBy(() -> ComponentId.parse("content type")).hasMessageContaining("neither a derived component");
        assertThatThrownBy(() -> ComponentId.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new ComponentId("@status")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void javaNetHttpRequestsAdapt() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://api.example/v1/things?limit=5"))
                .header("Content-Type", "application/json").header("X-Multi", "1").header("X-Multi", "2")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpRequestView r = HttpRequestView.of(req);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(value(ComponentId.PATH, r)).isEqualTo("/v1/things");
        assertThat(value(ComponentId.field("content-type"), r)).isEqualTo("application/json");
        assertThat(value(ComponentId.field("x-multi"), r)).isEqualTo("1, 2");
    }
}
