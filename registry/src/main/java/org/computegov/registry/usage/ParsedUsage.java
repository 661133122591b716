package org.computegov.registry.usage;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a usage reader made of one input: the records, or the problems, never both.
 *
 * @param records the usage records in input order (array tasks in index order); empty when there is any problem
 * @param problems every problem found, in input order; empty when the input is accepted
 * @param skipped how many lines or elements were read correctly but gave no record, by reason;
 *     {@link SkipReason#DUPLICATE} counts records (an array line makes several)
 * @param inputs how many non-blank lines (sacct) or array elements (JSON) were read
 */
public record ParsedUsage(List<UsageRecord> records, List<InputProblem> problems, Map<SkipReason, Integer> skipped,
        int inputs) {

    public ParsedUsage {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
        if (!problems.isEmpty() && !records.isEmpty()) {
            throw new IllegalArgumentException("an input with problems yields no records");
        }
        EnumMap<SkipReason, Integer> counts = new EnumMap<>(SkipReason.class);
        counts.putAll(skipped);
        skipped = Collections.unmodifiableMap(counts);
    }

    /** True when the input had no problem (it may still have no records, e.g. an empty sacct window). */
    public boolean ok() {
        return problems.isEmpty();
    }

    public int skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0);
    }

    /**
     * The records, or an exception listing every problem (the CLI turns it into exit code 2, the server into 400).
     *
     * @param field the input the caller read, as the user named it (e.g. {@code --sacct}, {@code --json})
     * @param source the file or request the input came from, for the message
     */
    public List<UsageRecord> recordsOrThrow(String field, String source) throws UsageBatchException {
        if (!ok()) {
            throw new UsageBatchException(field, source, problems);
        }
        return records;
    }
}
