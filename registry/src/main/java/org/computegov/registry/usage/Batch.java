package org.computegov.registry.usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects one input's records, problems and skips, and notices a record that appears twice. */
final class Batch {
    private record Key(String provider, String cluster, String jobId, Instant start, String chip) {}

    private record Seen(UsageRecord record, int number) {}

    private final InputProblem.Where where;
    private final List<UsageRecord> records = new ArrayList<>();
    private final List<InputProblem> problems = new ArrayList<>();
    private final EnumMap<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
    private final Map<Key, Seen> seen = new HashMap<>();
    int inputs;

    Batch(InputProblem.Where where) {
        this.where = where;
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
        Key key = new Key(record.provider(), record.cluster(), record.jobId(), record.start(), record.chip());
        Seen earlier = seen.putIfAbsent(key, new Seen(record, number));
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

    ParsedUsage result() {
        return new ParsedUsage(problems.isEmpty() ? records : List.of(), problems, skipped, inputs);
    }
}
