package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.computegov.api.Json;
import org.computegov.knowledge.InvalidInputException;
import picocli.CommandLine.Option;

/**
 * What every {@code list} command shares: {@code --sort FIELD} by a JSON field of its rows (the names --json
 * prints; {@code -FIELD} descending; dotted paths reach inside, e.g. {@code denseTeraOps.FP16}) and
 * {@code --limit N}. Applied to the rows before they are printed, so the table and --json agree.
 */
final class ListOptions {
    @Option(names = "--sort", paramLabel = "FIELD",
            description = "Sort by this field of the JSON rows (-FIELD: descending; numbers as numbers, missing last).")
    String sort;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N rows (after filtering and sorting).")
    Integer limit;

    /** The rows sorted and cut as asked. */
    <T> List<T> apply(List<T> rows) throws InvalidInputException {
        if (limit != null && limit < 0) {
            throw new InvalidInputException("--limit", "--limit must be 0 or more, got " + limit + ".", "E.g. --limit 10.");
        }
        List<T> result = new ArrayList<>(rows);
        if (sort != null && !sort.isBlank()) {
            boolean descending = sort.startsWith("-");
            String field = descending ? sort.substring(1) : sort;
            List<JsonNode> keys = new ArrayList<>();
            boolean seen = false;
            for (T row : result) {
                JsonNode k = at(Json.mapper().valueToTree(row), field);
                seen |= !k.isMissingNode();
                keys.add(k);
            }
            if (!seen && !result.isEmpty()) {
                throw new InvalidInputException("--sort", "The rows have no field '" + field + "'.",
                        "Sort by one of: " + String.join(", ", fields(Json.mapper().valueToTree(result.get(0)))) + ".");
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < result.size(); i++) {
                order.add(i);
            }
            Comparator<JsonNode> byValue = ListOptions::compare;
            Comparator<JsonNode> direction = descending ? byValue.reversed() : byValue;
            order.sort((a, b) -> {
                JsonNode x = keys.get(a);
                JsonNode y = keys.get(b);
                boolean xMissing = x.isMissingNode() || x.isNull();
                boolean yMissing = y.isMissingNode() || y.isNull();
                if (xMissing || yMissing) {
                    return Boolean.compare(xMissing, yMissing);
                }
                return direction.compare(x, y);
            });
            List<T> sorted = new ArrayList<>();
            for (int i : order) {
                sorted.add(result.get(i));
            }
            result = sorted;
        }
        return limit == null || limit >= result.size() ? result : result.subList(0, limit);
    }

    private static JsonNode at(JsonNode node, String dotted) {
        JsonNode n = node;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    private static int compare(JsonNode x, JsonNode y) {
        if (x.isNumber() && y.isNumber()) {
            return Double.compare(x.asDouble(), y.asDouble());
        }
        if (x.isBoolean() && y.isBoolean()) {
            return Boolean.compare(x.asBoolean(), y.asBoolean());
        }
        String a = x.isValueNode() ? x.asText() : x.toString();
        String b = y.isValueNode() ? y.asText() : y.toString();
        return a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
    }

    private static TreeSet<String> fields(JsonNode row) {
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** Case-insensitive equality for filters such as --vendor; a null filter keeps every row. */
    static boolean matches(String filter, String value) {
        return filter == null || (value != null && value.equalsIgnoreCase(filter.strip()));
    }
}
