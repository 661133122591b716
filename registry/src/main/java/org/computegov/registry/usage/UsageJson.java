package org.computegov.registry.usage;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.HardwareCatalog;

/**
 * Usage records as JSON, for schedulers other than Slurm: an array of objects with the members of
 * {@link UsageRecord}, for example
 *
 * <pre>{@code
 * [{"provider": "acme-cloud", "cluster": "sol", "customer": "lab-a", "chip": "H100", "chipCount": 8,
 *   "start": "2025-03-01T10:00:00Z", "end": "2025-03-01T12:30:00Z", "runId": "run-42", "jobId": "k8s-job-7f3c"}]
 * }</pre>
 *
 * <p>{@code chip} is any catalog name or alias (records carry the canonical name); {@code start} and {@code end}
 * are ISO-8601 with an offset or {@code Z}; {@code chipCount} is a whole number; {@code runId} may be absent or
 * null. Unknown members and duplicate members are problems (a misspelt {@code chip_count} must not pass). Every
 * problem is collected with its element number (from 0, as {@code jq '.[3]'} counts), and an input with any
 * problem yields no records. Safe to share between threads.
 */
public final class UsageJson {
    /** The members of a usage record object, in the order {@link #write} puts them. */
    public static final List<String> MEMBERS = List.of("provider", "cluster", "customer", "chip", "chipCount",
            "start", "end", "runId", "jobId");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final ChipResolver chips;

    public UsageJson(HardwareCatalog catalog) {
        try {
            this.chips = new ChipResolver(catalog, Map.of(), "chip");
        } catch (InvalidInputException e) {
            throw new IllegalStateException("no own names, nothing to resolve", e);
        }
    }

    public ParsedUsage read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public ParsedUsage read(String json) {
        try {
            // Jackson skips a byte order mark in bytes but not in a string; a file read as text may begin with one.
            return read(MAPPER.createParser(json.startsWith("\uFEFF") ? json.substring(1) : json));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /** Reads a stream (the caller closes it). */
    public ParsedUsage read(InputStream in) throws IOException {
        return read(MAPPER.createParser(in));
    }

    private ParsedUsage read(JsonParser parser) throws IOException {
        Batch batch = new Batch(InputProblem.Where.ELEMENT);
        try (parser) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_ARRAY) {
                documentProblem(batch, parser, token == null ? "the input is empty; expected a JSON array of usage"
                        + " records" : "expected a JSON array of usage records, found " + describe(token));
                return batch.result();
            }
            int index = 0;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    documentProblem(batch, parser, "the input ends before the array is closed");
                    return batch.result();
                }
                batch.inputs++;
                if (token == JsonToken.START_OBJECT) {
                    element(parser.readValueAsTree(), index, batch);
                } else {
                    batch.problem(index, "", "a usage record is a JSON object, found " + describe(token));
                    parser.skipChildren();
                }
                index++;
            }
            if (parser.nextToken() != null) {
                documentProblem(batch, parser, "there is more after the array");
            }
        } catch (JsonProcessingException e) {
            return syntaxProblem(batch.inputs, e.getLocation(), e.getOriginalMessage());
        }
        return batch.result();
    }

    /** A syntax error stops the reading: it is the only problem reported, at its line (and column). */
    private static ParsedUsage syntaxProblem(int inputs, JsonLocation at, String message) {
        boolean located = at != null && at.getLineNr() > 0;
        Batch batch = new Batch(located ? InputProblem.Where.LINE : InputProblem.Where.DOCUMENT);
        batch.problem(located ? at.getLineNr() : 0, "", "not valid JSON: " + message
                + (located && at.getColumnNr() > 0 ? " (column " + at.getColumnNr() + ")" : ""));
        batch.inputs = inputs;
        return batch.result();
    }

    private static void documentProblem(Batch batch, JsonParser parser, String message) {
        JsonLocation at = parser.currentLocation();
        batch.problem(0, "", message + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ")"));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    private void element(JsonNode node, int index, Batch batch) {
        List<LineProblem> problems = new ArrayList<>(2);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                problems.add(new LineProblem(name, "unknown member; a usage record has " + String.join(", ", MEMBERS)));
            }
        }
        String provider = text(node, "provider", problems);
        String cluster = text(node, "cluster", problems);
        String customer = text(node, "customer", problems);
        String jobId = text(node, "jobId", problems);
        String chipName = text(node, "chip", problems);
        String chip = null;
        if (chipName != null) {
            try {
                chip = chips.resolve(chipName).name();
            } catch (InvalidInputException e) {
                problems.add(new LineProblem("chip", e.describe()));
            }
        }
        Integer chipCount = null;
        JsonNode count = node.get("chipCount");
        if (count == null || count.isNull()) {
            problems.add(new LineProblem("chipCount", "is missing"));
        } else if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() <= 0) {
            problems.add(new LineProblem("chipCount", "must be a whole number from 1 to " + Integer.MAX_VALUE
                    + ", got " + count));
        } else {
            chipCount = count.intValue();
        }
        Instant start = instant(node, "start", problems);
        Instant end = instant(node, "end", problems);
        if (start != null && end != null && !end.isAfter(start)) {
            problems.add(new LineProblem("end", "end " + end + " must be after start " + start));
        }
        Optional<String> runId = Optional.empty();
        JsonNode run = node.get("runId");
        if (run != null && !run.isNull()) {
            String r = text(node, "runId", problems);
            runId = Optional.ofNullable(r);
        }
        if (problems.isEmpty()) {
            UsageRecord record = new UsageRecord(provider, cluster, customer, chip, chipCount, start, end, runId, jobId);
            String duplicate = batch.add(record, index);
            if (duplicate != null) {
                problems.add(new LineProblem("", duplicate));
            }
        }
        for (LineProblem p : problems) {
            batch.problem(index, p.field(), p.getMessage());
        }
    }

    private static String text(JsonNode node, String member, List<LineProblem> problems) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            problems.add(new LineProblem(member, "is missing"));
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new LineProblem(member, "must be a string, got " + value));
            return null;
        }
        String problem = UsageRecord.textProblem(value.textValue());
        if (problem != null) {
            problems.add(new LineProblem(member, problem));
            return null;
        }
        return value.textValue();
    }

    private static Instant instant(JsonNode node, String member, List<LineProblem> problems) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            problems.add(new LineProblem(member, "is missing"));
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new LineProblem(member, "must be an ISO-8601 time stamp string, got " + value));
            return null;
        }
        try {
            return OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new LineProblem(member, "'" + value.textValue() + "' is not an ISO-8601 time stamp with an"
                    + " offset, e.g. 2025-03-01T10:00:00Z or 2025-03-01T11:00:00+01:00"));
            return null;
        }
    }

    /**
     * Writes records as this class reads them: a JSON array, one record per line, members in {@link #MEMBERS}
     * order, times in UTC, {@code runId} only when there is one.
     */
    public static String write(List<UsageRecord> records) {
        StringBuilder sb = new StringBuilder(records.size() * 256 + 4).append('[');
        try {
            for (int i = 0; i < records.size(); i++) {
                sb.append(i == 0 ? "\n" : ",\n").append(MAPPER.writeValueAsString(toJson(records.get(i))));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a tree of strings and numbers cannot fail", e);
        }
        return sb.append(records.isEmpty() ? "]\n" : "\n]\n").toString();
    }

    /** One record as a JSON object, members in {@link #MEMBERS} order. */
    public static ObjectNode toJson(UsageRecord r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("provider", r.provider());
        o.put("cluster", r.cluster());
        o.put("customer", r.customer());
        o.put("chip", r.chip());
        o.put("chipCount", r.chipCount());
        o.put("start", r.start().toString());
        o.put("end", r.end().toString());
        r.runId().ifPresent(id -> o.put("runId", id));
        o.put("jobId", r.jobId());
        return o;
    }
}
