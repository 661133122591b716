package org.computegov.registry.usage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which column of an sacct line holds which field: read from the header line sacct prints (unless run with
 * {@code --noheader}), in any order, or Open XDMoD's 26 fields ({@link SacctParser#FIELDS}) when there is none.
 *
 * <p>{@code --parsable2} does not escape {@code |}, so a free-text field (JobName, Comment, …) can hold bars. With a
 * header, a line with more fields than the header is read when exactly one free-text column is present: the columns
 * before it take their fields from the left, those after it from the right, and it keeps the rest. Without a header,
 * a line must have exactly 26 fields: more could be a job name with {@code |} or a column too many, and the parser
 * cannot tell which, so it says so rather than guess (an extra column would otherwise vanish into JobName).
 */
final class SacctLayout {
    /** The fields the parser reads. */
    enum Role {
        JOBID("JobID", true), JOBIDRAW("JobIDRaw", false), CLUSTER("Cluster", true), ACCOUNT("Account", true),
        START("Start", true), END("End", true), ELAPSED("Elapsed", false), STATE("State", true),
        ALLOCTRES("AllocTRES", true), NODELIST("NodeList", false), COMMENT("Comment", false), WCKEY("WCKey", false);

        final String header;
        final boolean required;

        Role(String header, boolean required) {
            this.header = header;
            this.required = required;
        }
    }

    /** sacct fields whose values are free text and may contain {@code |}. */
    static final Set<String> FREE_TEXT = Set.of("jobname", "comment", "admincomment", "systemcomment", "workdir",
            "submitline", "constraints", "reason", "extra", "stdout", "stderr", "stdin", "container");

    static final SacctLayout LEGACY = legacy();

    /** Names as printed (header) or as sacct's header would print them (legacy). */
    private final String[] names;
    private final SacctForms.Form[] forms;
    private final int[] column = new int[Role.values().length];
    private final int freeText;
    private final int freeTextCount;
    private final boolean fromHeader;
    private final String headerLine;

    private SacctLayout(String[] names, boolean fromHeader, String headerLine) {
        this.names = names;
        this.fromHeader = fromHeader;
        this.headerLine = headerLine;
        this.forms = new SacctForms.Form[names.length];
        Arrays.fill(column, -1);
        Map<String, Role> roles = new HashMap<>();
        for (Role r : Role.values()) {
            roles.put(r.header.toLowerCase(Locale.ROOT), r);
        }
        int free = -1;
        int frees = 0;
        for (int i = 0; i < names.length; i++) {
            String key = names[i].toLowerCase(Locale.ROOT);
            forms[i] = SacctForms.of(key);
            Role r = roles.get(key);
            if (r != null) {
                column[r.ordinal()] = i;
            }
            if (FREE_TEXT.contains(key)) {
                free = i;
                frees++;
            }
        }
        this.freeText = frees == 1 ? free : -1;
        this.freeTextCount = frees;
    }

    private static SacctLayout legacy() {
        return new SacctLayout(SacctParser.HEADER.toArray(String[]::new), false, null);
    }

    /**
     * True when a line (BOM already removed) is a header: every field a field name (letters, digits, {@code _}, a
     * letter first) and one of them JobID. A job's line never is: its JobID starts with a digit, its times and
     * numbers hold other characters.
     */
    static boolean isHeader(String line) {
        boolean jobId = false;
        int from = 0;
        while (from <= line.length()) {
            int bar = line.indexOf('|', from);
            int to = bar < 0 ? line.length() : bar;
            if (to == from || !Character.isLetter(line.charAt(from))) {
                return false;
            }
            for (int i = from + 1; i < to; i++) {
                char c = line.charAt(i);
                if (!Character.isLetterOrDigit(c) && c != '_') {
                    return false;
                }
            }
            jobId |= to - from == 5 && line.regionMatches(true, from, "JobID", 0, 5);
            if (bar < 0) {
                break;
            }
            from = bar + 1;
        }
        return jobId;
    }

    /**
     * The layout a header line gives.
     *
     * @throws LineProblem naming every required field that is missing, or a field that appears twice
     */
    static SacctLayout fromHeader(String line) throws LineProblem {
        String[] names = line.split("\\|", -1);
        Set<String> seen = new java.util.HashSet<>();
        for (String n : names) {
            if (n.isBlank()) {
                throw new LineProblem("", "the header line has an empty column name; is the delimiter '|'"
                        + " (sacct --parsable2)?");
            }
            if (!seen.add(n.toLowerCase(Locale.ROOT))) {
                throw new LineProblem("", "the header names " + n + " twice");
            }
        }
        SacctLayout layout = new SacctLayout(names, true, line);
        List<String> missing = new ArrayList<>();
        for (Role r : Role.values()) {
            if (r.required && layout.column[r.ordinal()] < 0) {
                missing.add(r.header);
            }
        }
        if (!missing.isEmpty()) {
            throw new LineProblem("", "the header has no " + String.join(", ", missing) + " column"
                    + (missing.size() > 1 ? "s" : "") + "; run " + SacctParser.COMMAND);
        }
        return layout;
    }

    boolean fromHeader() {
        return fromHeader;
    }

    /** True when {@code line} repeats this layout's header (concatenated exports). */
    boolean sameHeader(String line) {
        return fromHeader && headerLine.equals(line);
    }

    int width() {
        return names.length;
    }

    /** The column holding {@code role}, or -1 when the file does not have it. */
    int column(Role role) {
        return column[role.ordinal()];
    }

    /** The field's name as the header printed it (or as sacct would). */
    String name(int column) {
        return names[column];
    }

    SacctForms.Form form(int column) {
        return forms[column];
    }

    /**
     * Splits a line into {@code out} (length {@link #width()}), given the positions of its bars.
     *
     * @return null, or what is wrong with the line's number of fields
     */
    String split(String line, String[] out, int[] bars, int barCount) {
        int fields = barCount + 1;
        int width = names.length;
        if (fields == width) {
            int from = 0;
            for (int i = 0; i < width; i++) {
                int to = i < barCount ? bars[i] : line.length();
                out[i] = line.substring(from, to);
                from = to + 1;
            }
            return null;
        }
        if (fields < width) {
            return "expected " + width + " fields separated by '|', found " + fields + (fromHeader
                    ? " (the header line has " + width + ")" : "; run " + SacctParser.COMMAND);
        }
        if (!fromHeader) {
            return "expected " + width + " fields separated by '|', found " + fields + ": either a column too many"
                    + " (a --format other than Open XDMoD's) or a '|' inside JobName, which cannot be told apart"
                    + " without a header; run sacct without --noheader so that columns are read by name";
        }
        if (freeText < 0) {
            return "expected " + width + " fields separated by '|' as in the header, found " + fields
                    + (freeTextCount == 0 ? "" : "; a '|' inside one of the " + freeTextCount + " free-text columns"
                    + " cannot be placed: export only one of JobName, Comment, … (this parser needs none of them"
                    + " but Comment)");
        }
        int extra = fields - width;
        int from = 0;
        for (int i = 0; i < freeText; i++) {
            out[i] = line.substring(from, bars[i]);
            from = bars[i] + 1;
        }
        int lastFreeField = freeText + extra;
        int freeEnd = lastFreeField < barCount ? bars[lastFreeField] : line.length();
        out[freeText] = line.substring(from, freeEnd);
        from = freeEnd + 1;
        for (int i = freeText + 1; i < width; i++) {
            int b = i + extra;
            int to = b < barCount ? bars[b] : line.length();
            out[i] = line.substring(from, to);
            from = to + 1;
        }
        return null;
    }
}
