package org.computegov.registry.usage;

import java.util.Map;

/**
 * What each sacct field looks like when sacct prints it with {@code --parsable2}, checked on every line whatever it
 * is used for. A column added, dropped or moved shifts the values under the wrong names; these checks turn such a
 * file into problems with line numbers instead of wrong numbers (an H100 job read as an A100 one). Values may be
 * empty: job steps and pending jobs leave many fields blank.
 */
final class SacctForms {
    private SacctForms() {}

    /** One field's form: what is wrong with a value, or null when it looks right. */
    @FunctionalInterface
    interface Form {
        String problem(String value);
    }

    /** Names (accounts, users, clusters, partitions, QOS): no white space, no {@code = :} (TRES, times). */
    static final Form NAME = v -> {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isWhitespace(c) || c == '=' || c == ':' || Character.isISOControl(c)) {
                return "'" + v + "' is not a name as sacct prints it (no white space, '=' or ':')";
            }
        }
        return null;
    };
    static final Form NUMBER = v -> v.isEmpty() || SlurmJobId.allDigits(v) ? null : "'" + v + "' is not a whole number";
    static final Form TIME = v -> {
        if (SlurmTime.absent(v)) {
            return null;
        }
        try {
            SlurmTime.local("", v);
            return null;
        } catch (LineProblem p) {
            return p.getMessage();
        }
    };
    /** Durations, time limits: {@code [D-][HH:]MM:SS[.mmm]}, or the words sacct prints instead. */
    static final Form DURATION = v -> {
        if (v.isEmpty() || v.equals("UNLIMITED") || v.equals("Partition_Limit") || v.equals("INVALID")) {
            return null;
        }
        boolean colon = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            colon |= c == ':';
            if (!(c >= '0' && c <= '9') && c != ':' && c != '-' && c != '.') {
                return "'" + v + "' is not a duration as sacct prints it ([D-]HH:MM:SS)";
            }
        }
        return colon ? null : "'" + v + "' is not a duration as sacct prints it ([D-]HH:MM:SS)";
    };
    static final Form EXIT_CODE = v -> {
        int colon = v.indexOf(':');
        return v.isEmpty() || (colon > 0 && SlurmJobId.allDigits(v.substring(0, colon))
                && colon < v.length() - 1 && SlurmJobId.allDigits(v.substring(colon + 1)))
                ? null : "'" + v + "' is not an exit code (CODE:SIGNAL)";
    };
    /** ReqMem: a number with an optional unit and, in older Slurm, {@code n} (per node) or {@code c} (per CPU). */
    static final Form MEMORY = v -> {
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            i++;
        }
        if (v.isEmpty() || (i > 0 && v.substring(i).matches("(\\.[0-9]+)?[KMGTP]?[nc]?"))) {
            return null;
        }
        return "'" + v + "' is not an amount of memory (e.g. 500G)";
    };
    /** TRES lists: {@code name=value} pairs separated by commas. */
    static final Form TRES = v -> {
        if (v.isEmpty()) {
            return null;
        }
        int from = 0;
        while (from <= v.length()) {
            int comma = v.indexOf(',', from);
            int end = comma < 0 ? v.length() : comma;
            int eq = v.indexOf('=', from);
            if (eq <= from || eq >= end || hasSpace(v, from, end)) {
                return "'" + v + "' is not a TRES list (name=value,…)";
            }
            if (comma < 0) {
                return null;
            }
            from = comma + 1;
        }
        return null;
    };
    static final Form STATE = v -> {
        int space = v.indexOf(' ');
        String word = space < 0 ? v : v.substring(0, space);
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && c != '_') {
                return "'" + v + "' is not a job state as sacct prints them (COMPLETED, CANCELLED by UID, …)";
            }
        }
        return word.isEmpty() ? "the job state is empty" : null;
    };
    /** JobID and JobIDRaw start with the job number; the parser reads JobID fully when it matters. */
    static final Form JOB_ID = v -> !v.isEmpty() && Character.isDigit(v.charAt(0)) && NAME.problem(v) == null
            ? null : "'" + v + "' is not a Slurm job id";
    static final Form NODES = v -> v.equals("None assigned") ? null : NAME.problem(v);
    static final Form ANY = v -> null;

    /** Forms of the fields sacct prints, by lower-case name; fields not here are not checked. */
    static final Map<String, Form> BY_NAME = Map.ofEntries(
            Map.entry("jobid", JOB_ID), Map.entry("jobidraw", JOB_ID), Map.entry("cluster", NAME),
            Map.entry("partition", NAME), Map.entry("qos", NAME), Map.entry("account", NAME),
            Map.entry("group", NAME), Map.entry("user", NAME), Map.entry("gid", NUMBER), Map.entry("uid", NUMBER),
            Map.entry("submit", TIME), Map.entry("eligible", TIME), Map.entry("start", TIME), Map.entry("end", TIME),
            Map.entry("elapsed", DURATION), Map.entry("timelimit", DURATION), Map.entry("exitcode", EXIT_CODE),
            Map.entry("state", STATE), Map.entry("nnodes", NUMBER), Map.entry("ncpus", NUMBER),
            Map.entry("reqcpus", NUMBER), Map.entry("alloccpus", NUMBER), Map.entry("reqnodes", NUMBER),
            Map.entry("allocnodes", NUMBER), Map.entry("reqmem", MEMORY), Map.entry("reqtres", TRES),
            Map.entry("alloctres", TRES), Map.entry("nodelist", NODES), Map.entry("jobname", ANY),
            Map.entry("comment", ANY), Map.entry("wckey", ANY));

    static Form of(String lowerCaseName) {
        return BY_NAME.getOrDefault(lowerCaseName, ANY);
    }

    private static boolean hasSpace(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isWhitespace(v.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
