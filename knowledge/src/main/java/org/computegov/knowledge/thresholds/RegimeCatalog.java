package org.computegov.knowledge.thresholds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.computegov.knowledge.InvalidInputException;

/**
 * The threshold regimes: those shipped in regimes.json, plus any a user loads from a file of the same format
 * (a regime with a known id replaces the built-in one, e.g. a regulator's own "pre-training licence above 1e26").
 */
public final class RegimeCatalog {
    private static final String RESOURCE = "/org/computegov/knowledge/regimes.json";
    private final List<Regime> regimes;

    private RegimeCatalog(List<Regime> regimes) {
        this.regimes = List.copyOf(regimes);
    }

    public static RegimeCatalog builtIn() {
        try (InputStream in = RegimeCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new RegimeCatalog(parse(new ObjectMapper().readTree(in), "built-in regimes"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("built-in regimes are invalid: " + e.describe(), e);
        }
    }

    /** The built-in regimes with a user's file's regimes added (or replacing those with the same id). */
    public RegimeCatalog with(Path file) throws InvalidInputException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("--regimes", file + " is not valid JSON: " + e.getOriginalMessage(),
                    "See the README for the regime file format.", e);
        } catch (IOException e) {
            throw new InvalidInputException("--regimes", "Cannot read " + file + ": " + e.getMessage(), "", e);
        }
        Map<String, Regime> merged = new LinkedHashMap<>();
        regimes.forEach(r -> merged.put(r.id(), r));
        parse(root, file.toString()).forEach(r -> merged.put(r.id(), r));
        return new RegimeCatalog(new ArrayList<>(merged.values()));
    }

    public List<Regime> all() {
        return regimes;
    }

    public Optional<Regime> find(String id) {
        return regimes.stream().filter(r -> r.id().equalsIgnoreCase(id)).findFirst();
    }

    static List<Regime> parse(JsonNode root, String source) throws InvalidInputException {
        JsonNode list = root == null ? null : root.isArray() ? root : root.get("regimes");
        if (list == null || !list.isArray()) {
            throw new InvalidInputException("--regimes", source + " must hold {\"regimes\": [...]} or an array of regimes.",
                    "See the README for the regime file format.");
        }
        List<Regime> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(regime(list.get(i), source + ", regime " + (i + 1)));
        }
        return out;
    }

    private static Regime regime(JsonNode n, String where) throws InvalidInputException {
        try {
            String id = required(n, "id", where);
            List<Obligation> obligations = new ArrayList<>();
            for (JsonNode o : n.path("obligations")) {
                obligations.add(new Obligation(required(o, "what", where + " obligation"),
                        Trigger.valueOf(text(o, "trigger", "ongoing").toUpperCase(Locale.ROOT)),
                        o.hasNonNull("dueDays") ? o.get("dueDays").asInt() : null, text(o, "citation", "")));
            }
            return new Regime(id, text(n, "name", id), text(n, "jurisdiction", ""), text(n, "instrument", ""),
                    LegalForce.valueOf(text(n, "legalForce", "law").toUpperCase(Locale.ROOT)),
                    date(n, "effectiveFrom"), date(n, "effectiveUntil"), text(n, "statusNote", ""),
                    Metric.valueOf(required(n, "metric", where).toUpperCase(Locale.ROOT).replace('-', '_')),
                    number(n, "threshold", where), Comparison.parse(text(n, "comparison", ">")),
                    text(n, "unit", ""), Counting.valueOf(text(n, "counts", "cumulative").toUpperCase(Locale.ROOT)),
                    n.hasNonNull("domain") ? n.get("domain").asText() : null,
                    n.hasNonNull("costOverUsd") ? number(n, "costOverUsd", where) : null,
                    n.hasNonNull("networkOverGbps") ? number(n, "networkOverGbps", where) : null,
                    text(n, "countingNote", ""), obligations, text(n, "quote", ""), text(n, "confidence", ""),
                    text(n, "source", ""));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidInputException("--regimes", where + ": " + e.getMessage(),
                    "metric is training-compute, modification-share, cluster-capacity or developer-revenue; "
                            + "comparison '>' or '>='; legalForce law, guidance, proposed, bill or vetoed; "
                            + "dates YYYY-MM-DD.", e);
        }
    }

    private static String required(JsonNode n, String field, String where) throws InvalidInputException {
        if (!n.hasNonNull(field) || n.get(field).asText().isBlank()) {
            throw new InvalidInputException("--regimes", where + ": '" + field + "' is required.", "");
        }
        return n.get(field).asText();
    }

    private static String text(JsonNode n, String field, String fallback) {
        return n.hasNonNull(field) ? n.get(field).asText() : fallback;
    }

    private static double number(JsonNode n, String field, String where) throws InvalidInputException {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new InvalidInputException("--regimes", where + ": '" + field + "' must be a number, e.g. 1e26.", "");
        }
        return v.asDouble();
    }

    private static LocalDate date(JsonNode n, String field) {
        return n.hasNonNull(field) ? LocalDate.parse(n.get(field).asText()) : null;
    }
}
