package org.computegov.registry.kernel;

import java.util.List;
import java.util.Map;

/**
 * One console page as a capability describes it ({@link ConsolePages}): a title and blocks the console draws in order.
 * Figures are plain text already formatted by the capability; charts carry their numbers (and the console also shows
 * them as a table, for readers without scripts or sight of the chart).
 */
public record View(String title, String caption, List<Block> blocks) {
    public View {
        blocks = List.copyOf(blocks);
    }

    /** What a page is made of. */
    public sealed interface Block permits Heading, Text, Figures, Table, Meter, Chart, Form {}

    public record Heading(String text) implements Block {}

    public record Text(String text) implements Block {}

    public record Figures(List<Figure> figures) implements Block {
        public Figures {
            figures = List.copyOf(figures);
        }
    }

    /** A key number: its label, the value and a line of detail. */
    public record Figure(String label, String value, String detail) {}

    /**
     * A table with a caption (read by screen readers), column headings and rows of cells. With {@code pages} set, the
     * rows are one page of a longer list (the capability read only that page) and the console draws the pager.
     */
    public record Table(String id, String caption, List<Column> columns, List<List<Cell>> rows, String empty, Pages pages)
            implements Block {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }

        /** A table of every row: only for lists that cannot grow without bound. */
        public Table(String id, String caption, List<Column> columns, List<List<Cell>> rows, String empty) {
            this(id, caption, columns, rows, empty, null);
        }
    }

    /**
     * Which page of a long list a table shows: {@code page} counts from 1, {@code size} rows a page, {@code total} rows
     * in all; {@code param} is the query parameter that asks for a page (one per table on a page). A capability counts
     * the rows (a cheap query), takes the page the request asks for with {@link #of}, then reads only that page
     * ({@code LIMIT size() OFFSET offset()}), so a page costs the same however long the list grows.
     */
    public record Pages(String param, int page, int size, long total) {
        /** Rows per page of a capability's list unless it says otherwise. */
        public static final int SIZE = 25;

        public Pages {
            if (size < 1 || page < 1 || total < 0) {
                throw new IllegalArgumentException("page " + page + " of size " + size + " with " + total + " rows");
            }
        }

        /**
         * The page {@code query} asks for in {@code param}: out-of-range or unreadable values mean the nearest page
         * (page 99 of 3 is page 3, "two" or -1 is page 1), as the console's other pagers do.
         */
        public static Pages of(Map<String, String> query, String param, int size, long total) {
            return of(param, query.get(param), size, total);
        }

        public static Pages of(String param, String requested, int size, long total) {
            long pages = Math.max(1, (total + size - 1) / size);
            long page = 1;
            try {
                page = requested == null ? 1 : Long.parseLong(requested.strip());
            } catch (NumberFormatException e) {
                page = 1;
            }
            return new Pages(param, (int) Math.max(1, Math.min(pages, page)), size, total);
        }

        /** Rows before this page: the read's OFFSET. */
        public long offset() {
            return (long) (page - 1) * size;
        }
    }

    public record Column(String heading, boolean numeric) {}

    /**
     * A cell's text; with {@code item} set, the text links to that item's page of the same section, with {@code tone}
     * set ("good", "warn", "bad") it shows as a tag, and with {@code entry} set it links to that log entry's page
     * (the entry with its inclusion proof).
     */
    public record Cell(String text, String item, String tone, Long entry) {
        public Cell(String text, String item, String tone) {
            this(text, item, tone, null);
        }

        /** A log entry by its index, linked to its page. */
        public static Cell entry(long index) {
            return new Cell("entry " + index, null, null, index);
        }

        public static Cell of(String text) {
            return new Cell(text, null, null);
        }

        public static Cell link(String text, String item) {
            return new Cell(text, item, null);
        }

        public static Cell tag(String text, String tone) {
            return new Cell(text, null, tone);
        }
    }

    /** A bar split into parts of a whole (a budget: used, held, available), each part with its value as text. */
    public record Meter(String id, String caption, double whole, List<Part> parts) implements Block {
        public Meter {
            parts = List.copyOf(parts);
        }
    }

    /** {@code tone}: "used", "held", "free" or "over". */
    public record Part(String label, double value, String text, String tone) {}

    /**
     * A line chart: x is seconds since the epoch when {@code time}, else a plain number; y on a log scale when
     * {@code logY}; horizontal lines at thresholds.
     */
    public record Chart(String id, String caption, boolean time, boolean logY, String yLabel, List<Series> series,
            List<Line> lines) implements Block {
        public Chart {
            series = List.copyOf(series);
            lines = List.copyOf(lines);
        }
    }

    /** {@code points}: [x, y] pairs; {@code dots}: points without a line between them. */
    public record Series(String label, List<double[]> points, boolean dots) {
        public Series {
            points = List.copyOf(points);
        }
    }

    public record Line(String label, double y) {}

    /**
     * A form whose submission is a signed statement: the console posts it (with its CSRF token) to
     * {@code /console/<key>/<item>/<action>} and hands the fields to {@link ConsolePages#act}, which builds the
     * statement the signed-in user's key signs; the registry then checks it as it checks any other.
     */
    public record Form(String id, String heading, String item, String action, List<Field> fields, String submit)
            implements Block {
        public Form {
            fields = List.copyOf(fields);
        }
    }

    /** {@code type}: "text", "number" or "textarea"; {@code value} pre-fills it (or null). */
    public record Field(String name, String label, String hint, String type, String value) {}
}
