package org.computegov.console.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.computegov.registry.kernel.View;

/**
 * One page of a long list (league tables, customers, obligations and alerts, capabilities' paged tables): pages never
 * render an unbounded number of rows. {@code page}
 * counts from 1; {@code param} is the query parameter carrying it, {@code base} the href the other pages extend.
 */
public record Paging(String param, int page, int size, int total, String base) {
    /** The page the request asks for ({@code param}, out-of-range or unreadable values meaning the nearest page). */
    static Paging of(String param, String requested, int size, int total, String base) {
        return of(View.Pages.of(param, requested, size, total), base);
    }

    /** A capability's page of a list ({@link View.Pages}: the same rule for the page asked for) with its links' base. */
    public static Paging of(View.Pages pages, String base) {
        return new Paging(pages.param(), pages.page(), pages.size(), Math.toIntExact(pages.total()), base);
    }

    /**
     * The href a pager's links extend: {@code path} with the request's other query parameters (another table's page
     * among them, so paging one list keeps the others where they were), without {@code param} itself.
     */
    public static String base(String path, Map<String, List<String>> query, String param) {
        StringBuilder b = new StringBuilder(path);
        query.forEach((k, vs) -> {
            if (!k.equals(param) && !k.equals("recorded")) {
                for (String v : vs) {
                    b.append(b.indexOf("?") < 0 ? '?' : '&').append(enc(k)).append('=').append(enc(v));
                }
            }
        });
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public <T> List<T> slice(List<T> all) {
        return all.subList(Math.min(all.size(), (page - 1) * size), Math.min(all.size(), to()));
    }

    /** First and last row shown, counting from 1. */
    public int from() {
        return total == 0 ? 0 : (page - 1) * size + 1;
    }

    public int to() {
        return Math.min(total, page * size);
    }

    public boolean more() {
        return total > size;
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return to() < total;
    }

    public String href(int p) {
        return base + (base.contains("?") ? "&" : "?") + param + "=" + p;
    }
}
