package org.computegov.console.pages;

import java.util.List;

/**
 * One page of a long list (league tables, customers): pages never render an unbounded number of rows. {@code page}
 * counts from 1; {@code param} is the query parameter carrying it, {@code base} the href the other pages extend.
 */
public record Paging(String param, int page, int size, int total, String base) {
    /** The page the request asks for ({@code param}, out-of-range or unreadable values meaning the nearest page). */
    static Paging of(String param, String requested, int size, int total, String base) {
        int pages = Math.max(1, (total + size - 1) / size);
        int page = 1;
        try {
            page = requested == null ? 1 : Integer.parseInt(requested.strip());
        } catch (NumberFormatException e) {
            page = 1;
        }
        return new Paging(param, Math.max(1, Math.min(pages, page)), size, total, base);
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
