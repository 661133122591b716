package org.computegov.registry.usage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Collects one input's records, problems and skips, and notices a record that appears twice. */
final class Batch {
    /** A record and where it was; equal to another when the two have the same record id (same identifying fields). */
    private record Seen(UsageRecord record, int number) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Seen other)) {
                return false;
            }
            UsageRecord a = record;
            UsageRecord b = other.record;
            return a.jobId().equals(b.jobId()) && a.start().equals(b.start()) && a.chip().equals(b.chip())
                    && a.cluster().equals(b.cluster()) && a.provider().equals(b.provider());
        }

        @Override
        public int hashCode() {
            return Objects.hash(record.provider(), record.cluster(), record.jobId(), record.start(), record.chip());
        }
    }

    /** The most distinct values {@link #canonical} remembers. */
    private static final int CANONICAL_LIMIT = 4096;

    private final InputProblem.Where where;
    private final List<UsageRecord> records = new ArrayList<>();
    private final List<InputProblem> problems = new ArrayList<>();
    private final EnumMap<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
    private final Map<Seen, Seen> seen = new HashMap<>();
    private final Map<String, String> canonical = new HashMap<>();
    private final long maxRecords;
    private long expanded;
    private boolean full;
    int inputs;

    Batch(InputProblem.Where where) {
        this(where, Long.MAX_VALUE);
    }

    Batch(InputProblem.Where where, long maxRecords) {
        this.where = where;
        this.maxRecords = maxRecords;
    }

    /**
     * Counts {@code n} more records about to be made; the first time the count passes the limit, drops what was
     * collected (the input is refused anyway, and its records may be what fills memory) and returns the problem.
     * Afterwards {@link #full()} is true and the caller makes no more records.
     */
    String reserve(long n) {
        expanded += n;
        if (full || expanded <= maxRecords) {
            return null;
        }
        full = true;
        records.clear();
        seen.clear();
        return "the file stands for more than " + maxRecords + " usage records (array tasks expanded); split the"
                + " export into shorter time windows (sacct --starttime/--endtime)";
    }

    /** True once the input has passed its record limit: nothing more is collected. */
    boolean full() {
        return full;
    }

    void skip(SkipReason reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    void problem(int number, String field, String message) {
        problems.add(new InputProblem(where, number, field, message));
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    /**
     * Adds a record unless the same record (same record id) came before: the same content is skipped as a
     * duplicate, different content is a problem, whose message this returns (null otherwise).
     */
    String add(UsageRecord record, int number) {
        Seen here = new Seen(record, number);
        Seen earlier = seen.putIfAbsent(here, here);
        if (earlier == null) {
            if (problems.isEmpty()) {
                records.add(record);
            }
            return null;
        }
        if (earlier.record().equals(record)) {
            skip(SkipReason.DUPLICATE);
            return null;
        }
        String at = where == InputProblem.Where.LINE ? "line " + earlier.number() : "element [" + earlier.number() + "]";
        return "job " + record.jobId() + " on " + record.cluster() + " starting " + record.start() + " with "
                + record.chip() + " is also at " + at + ", with different content (record id " + record.recordId()
                + ")";
    }

    /**
     * One instance for equal values that recur (clusters, accounts), so that many records share them; the first
     * {@value #CANONICAL_LIMIT} distinct values are remembered.
     */
    String canonical(String value) {
        String known = canonical.get(value);
        if (known != null) {
            return known;
        }
        if (canonical.size() < CANONICAL_LIMIT) {
            canonical.put(value, value);
        }
        return value;
    }

    ParsedUsage result() {
        return new ParsedUsage(problems.isEmpty() ? records : List.of(), problems, skipped, inputs);
    }
}
