package org.computegov.registry.runs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.computegov.knowledge.InvalidInputException;

/**
 * A {@link RunDeclaration} as JSON: one object with exactly these members (all but {@code runId} and
 * {@code dataDomain} optional; an optional member may also be {@code null}):
 *
 * <pre>{@code
 * {"runId": "atlas-2-ft-1", "name": "Atlas 2 instruction tuning", "plannedFlop": 4.0E24,
 *  "parameters": 4.0E11, "tokens": 1.5E12, "baseRun": "lab-a/atlas-2", "dataDomain": "general", "costUsd": 8.0E6,
 *  "providers": ["cloud-a"], "accounts": ["cloud-b/acct-17"]}
 * }</pre>
 *
 * <p>{@code providers} and {@code accounts} (arrays of strings, optional) link providers' usage to the run: a
 * declaration from before they existed reads and writes exactly as it did.
 *
 * <p>Strict: unknown or duplicate members, a number given as a string, text where a number belongs, anything after
 * the object — each is an {@link InvalidInputException} whose field is the JSON path ({@code $.plannedFlop}, or
 * {@code $} for the document) and whose hint says what would be right. A misspelt {@code planned_flop} must not
 * pass silently: a declaration without its planned compute reads as a smaller run. The first problem found is
 * reported (unknown members first, then members in {@link #MEMBERS} order).
 *
 * <p>{@link #write} is deterministic: members in {@link #MEMBERS} order, absent members omitted, no white space,
 * numbers in their shortest round-tripping form (Jackson's Schubfach writer, so the bytes do not depend on the
 * JDK's {@code Double.toString}). Safe to share between threads.
 */
public final class RunJson {
    /** The members of a run declaration, in the order {@link #write} puts them. */
    public static final List<String> MEMBERS = List.of("runId", "name", "plannedFlop", "parameters", "tokens",
            "baseRun", "baseModelFlop", "dataDomain", "costUsd", "providers", "accounts");

    static final String EXAMPLE = "{\"runId\": \"atlas-2\", \"plannedFlop\": 3e25, \"dataDomain\": \"general\"}";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private RunJson() {}

    public static RunDeclaration read(String json) throws InvalidInputException {
        try {
            // Jackson skips a byte order mark in bytes but not in a string; a file read as text may begin with one.
            return read(MAPPER.createParser(json.startsWith("\uFEFF") ? json.substring(1) : json));
        } catch (IOException e) {
            throw new IllegalStateException("creating a parser over a string cannot fail", e);
        }
    }

    /** Reads UTF-8 bytes, as a sealed payload arrives. */
    public static RunDeclaration read(byte[] json) throws InvalidInputException {
        try {
            return read(MAPPER.createParser(json));
        } catch (IOException e) {
            throw new IllegalStateException("creating a parser over bytes in memory cannot fail", e);
        }
    }

    private static RunDeclaration read(JsonParser parser) throws InvalidInputException {
        try (parser) {
            JsonNode node = MAPPER.readTree(parser);
            if (node != null && parser.nextToken() != null) {
                var at = parser.currentTokenLocation();
                throw new InvalidInputException("$", "there is more after the declaration's object (line "
                        + at.getLineNr() + ", column " + at.getColumnNr() + ")",
                        "Submit one run declaration per document.");
            }
            return declaration(node);
        } catch (JsonProcessingException e) {
            throw syntax(e);
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail but on syntax", e);
        }
    }

    public static String write(RunDeclaration d) {
        try {
            return MAPPER.writeValueAsString(toJson(d));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a tree of strings and numbers cannot fail", e);
        }
    }

    /** {@link #write} as UTF-8 bytes, the form a sealed payload is committed to. */
    public static byte[] writeBytes(RunDeclaration d) {
        return write(d).getBytes(StandardCharsets.UTF_8);
    }

    /** The declaration as a JSON object, members in {@link #MEMBERS} order, absent ones omitted. */
    public static ObjectNode toJson(RunDeclaration d) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("runId", d.runId());
        putIfPresent(o, "name", d.name());
        putIfPresent(o, "plannedFlop", d.plannedFlop());
        putIfPresent(o, "parameters", d.parameters());
        putIfPresent(o, "tokens", d.tokens());
        putIfPresent(o, "baseRun", d.baseRun());
        putIfPresent(o, "baseModelFlop", d.baseModelFlop());
        o.put("dataDomain", d.dataDomain().jsonName());
        putIfPresent(o, "costUsd", d.costUsd());
        putIfPresent(o, "providers", d.providers());
        putIfPresent(o, "accounts", d.accounts());
        return o;
    }

    private static void putIfPresent(ObjectNode o, String member, String value) {
        if (value != null) {
            o.put(member, value);
        }
    }

    /** An empty list is left out: a declaration without links writes as it did before links existed. */
    private static void putIfPresent(ObjectNode o, String member, List<String> values) {
        if (!values.isEmpty()) {
            values.forEach(o.putArray(member)::add);
        }
    }

    private static void putIfPresent(ObjectNode o, String member, Double value) {
        if (value != null) {
            o.put(member, value.doubleValue());
        }
    }

    private static RunDeclaration declaration(JsonNode node) throws InvalidInputException {
        if (node == null || node.isMissingNode()) {
            throw new InvalidInputException("$", "the input is empty; expected a run declaration (a JSON object)",
                    "For example " + EXAMPLE);
        }
        if (!node.isObject()) {
            throw new InvalidInputException("$", "a run declaration is a JSON object, found " + describe(node),
                    "For example " + EXAMPLE);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new InvalidInputException(path(name), "unknown member '" + name + "'",
                        "A run declaration has only " + String.join(", ", MEMBERS) + " (names are case-sensitive).");
            }
        }
        String runId = text(node, "runId", true, RunDeclaration::runIdProblem,
                "Give the developer's own id for the run: 1–128 characters of A–Z, a–z, 0–9 and . _ : -.");
        String name = text(node, "name", false, RunDeclaration::nameProblem,
                "Give a name of at most " + RunDeclaration.MAX_NAME_LENGTH + " characters without control characters,"
                        + " or leave it out.");
        Double plannedFlop = positive(node, "plannedFlop", "Give the run's own planned compute in FLOP, e.g. 3e25.");
        Double parameters = positive(node, "parameters", "Give the parameter count as a number, e.g. 4e11.");
        Double tokens = positive(node, "tokens", "Give the number of training tokens, e.g. 1.5e13.");
        String baseRun = text(node, "baseRun", false, RunDeclaration::baseRunProblem,
                "Name the declared base run as <developer>/<runId>, e.g. lab-a/atlas-2.");
        Double baseModelFlop = positive(node, "baseModelFlop",
                "Give the external base model's cumulative training compute in FLOP, e.g. 2e25.");
        String domainHint = "Give general or biological-sequence (a model trained primarily on biological sequence"
                + " data).";
        String domainName = text(node, "dataDomain", true, s -> null, domainHint);
        DataDomain domain = DataDomain.fromJsonName(domainName);
        if (domain == null) {
            throw new InvalidInputException(path("dataDomain"), "unknown data domain '" + domainName + "'", domainHint);
        }
        Double costUsd = number(node, "costUsd", "Give the planned training cost in USD, e.g. 6e7.");
        if (baseRun != null && baseModelFlop != null) {
            throw new InvalidInputException(path("baseModelFlop"), RunDeclaration.BOTH_BASES,
                    "Give baseRun when the base model is a run declared here (its compute is counted from the"
                            + " registry), baseModelFlop otherwise.");
        }
        List<String> providers = strings(node, "providers", RunDeclaration::providerProblem,
                "List the compute providers whose usage may name this run by their actor ids, e.g. [\"cloud-a\"].");
        List<String> accounts = strings(node, "accounts", RunDeclaration::accountProblem,
                "List the accounts whose usage may name this run as <provider>/<customer>, e.g. [\"cloud-a/acct-17\"].");
        return new RunDeclaration(runId, name, plannedFlop, parameters, tokens, baseRun, baseModelFlop, domain,
                costUsd, providers, accounts);
    }

    private interface Check {
        String problem(String value);
    }

    private static String text(JsonNode node, String member, boolean required, Check check, String hint)
            throws InvalidInputException {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidInputException(path(member), member + " is missing", hint);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(path(member), member + " must be a string, found " + describe(value), hint);
        }
        String problem = check.problem(value.textValue());
        if (problem != null) {
            throw new InvalidInputException(path(member), member + " " + problem, hint);
        }
        return value.textValue();
    }

    /** An optional array of distinct strings, each passing {@code check}; absent or null is empty. */
    private static List<String> strings(JsonNode node, String member, Check check, String hint)
            throws InvalidInputException {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidInputException(path(member), member + " must be an array of strings, found "
                    + describe(value), hint);
        }
        if (value.size() > RunDeclaration.MAX_LINKS) {
            throw new InvalidInputException(path(member), member + " has " + value.size() + " entries; at most "
                    + RunDeclaration.MAX_LINKS, hint);
        }
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode e = value.get(i);
            String at = path(member) + "[" + i + "]";
            if (!e.isTextual()) {
                throw new InvalidInputException(at, member + "[" + i + "] must be a string, found " + describe(e), hint);
            }
            String problem = check.problem(e.textValue());
            if (problem != null) {
                throw new InvalidInputException(at, member + "[" + i + "] " + problem, hint);
            }
            if (out.contains(e.textValue())) {
                throw new InvalidInputException(at, member + " names '" + e.textValue() + "' twice", hint);
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static Double positive(JsonNode node, String member, String hint) throws InvalidInputException {
        Double value = number(node, member, hint);
        if (value != null && value <= 0) {
            throw new InvalidInputException(path(member), member + " must be greater than zero, got "
                    + node.get(member), hint);
        }
        return value;
    }

    /** An optional finite number, zero or more; a number written as a string ("1e25") is refused. */
    private static Double number(JsonNode node, String member, String hint) throws InvalidInputException {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new InvalidInputException(path(member), member + " must be a number, found " + describe(value),
                    hint);
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidInputException(path(member), member + " is too large for a finite number: " + value,
                    hint);
        }
        if (d < 0) {
            throw new InvalidInputException(path(member), member + " must not be negative, got " + value, hint);
        }
        return d + 0.0; // -0 as 0: one value, one written form
    }

    private static String path(String member) {
        return "$." + member;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string (" + node + ")";
            case NUMBER -> "a number (" + node + ")";
            case BOOLEAN -> "a boolean (" + node + ")";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A syntax error (or a duplicate member) at the place the parser had reached, as a JSON path. */
    private static InvalidInputException syntax(JsonProcessingException e) {
        String field = "$";
        if (e.getProcessor() instanceof JsonParser parser) {
            field = jsonPath(parser.getParsingContext());
        }
        var at = e.getLocation();
        String where = at == null || at.getLineNr() <= 0 ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return new InvalidInputException(field, "not valid JSON: " + e.getOriginalMessage() + where,
                "A run declaration is one JSON object with unique member names, for example " + EXAMPLE, e);
    }

    private static String jsonPath(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                path.insert(0, "." + c.getCurrentName());
            } else if (c.inArray()) {
                path.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        return "$" + path;
    }
}
