package org.computegov.licensing.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.licensing.admission.LicenceJson;

/**
 * A developer's application for a licence, the sealed payload of a {@code licence-application} statement:
 * <pre>{"applicationId": "A-1", "run": "atlas-2", "plannedFlop": "3e25",
 *  "estimate": {"parameters": 4e11, "tokens": 1.2e13},               (optional: the knowledge core checks 6·N·D)
 *  "chips": {"type": "H100", "count": 4096}, "clusters": ["cloud-a/sol", "cloud-b/*"],
 *  "schedule": {"start": "2027-01-01T00:00:00Z", "end": "2027-04-01T00:00:00Z"},
 *  "safetyCase": {"riskFramework": "…", "evaluationPlan": "…", "securityLevel": "SL-3", "responsibleOfficer": "…"}}</pre>
 * The safety case is confidential: it stays in the sealed payload and the rows only the developer and regulator read.
 */
@org.computegov.registry.kernel.Published
public record Application(String applicationId, String run, BigInteger plannedFlop, Double parameters, Double tokens,
        String chip, int chipCount, List<String> clusters, Instant start, Instant end, SafetyCase safetyCase) {

    public record SafetyCase(String riskFramework, String evaluationPlan, String securityLevel, String responsibleOfficer) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MEMBERS = Set.of("applicationId", "run", "plannedFlop", "estimate", "chips", "clusters",
            "schedule", "safetyCase");

    /** Hours between the schedule's start and end. */
    public double scheduleHours() {
        return (end.getEpochSecond() - start.getEpochSecond()) / 3600.0;
    }

    public static Application read(byte[] payload) throws InvalidInputException {
        JsonNode o;
        try {
            o = JSON.readTree(payload);
        } catch (Exception e) {
            throw new InvalidInputException("", "The application is not JSON: " + e.getMessage(), "Send a JSON object (docs/LICENSING.md).");
        }
        return read(o);
    }

    public static Application read(JsonNode o) throws InvalidInputException {
        if (o == null || !o.isObject()) {
            throw new InvalidInputException("", "The application must be a JSON object.", "See docs/LICENSING.md.");
        }
        for (var it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!MEMBERS.contains(f)) {
                throw new InvalidInputException(f, "Unknown member '" + f + "' in the application.", "Members: " + MEMBERS + ".");
            }
        }
        String id = text(o, "applicationId", "applicationId");
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidInputException("applicationId", "applicationId must be 1-64 letters, digits, '.', '_' or '-'.", null);
        }
        String run = text(o, "run", "run");
        BigInteger planned;
        try {
            planned = LicenceJson.flop(o.get("plannedFlop"), "plannedFlop");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("plannedFlop", e.getMessage() + ".", "e.g. \"plannedFlop\": \"3e25\"");
        }
        Double params = null;
        Double tokens = null;
        JsonNode est = o.path("estimate");
        if (!est.isMissingNode() && !est.isNull()) {
            params = positive(est, "parameters", "estimate.parameters");
            tokens = positive(est, "tokens", "estimate.tokens");
        }
        JsonNode chips = o.path("chips");
        String chip = text(chips, "type", "chips.type");
        JsonNode count = chips.path("count");
        if (!count.canConvertToInt() || !count.isIntegralNumber() || count.asInt() < 1 || count.asInt() > 10_000_000) {
            throw new InvalidInputException("chips.count", "chips.count must be a whole number from 1 to 10,000,000.", null);
        }
        List<String> clusters = new ArrayList<>();
        JsonNode cs = o.path("clusters");
        if (!cs.isArray() || cs.isEmpty() || cs.size() > 100) {
            throw new InvalidInputException("clusters", "clusters must list 1 to 100 provider/cluster names (or provider/*).", null);
        }
        for (int i = 0; i < cs.size(); i++) {
            String c = cs.get(i).asText("");
            if (!c.matches("[A-Za-z0-9._-]+/([A-Za-z0-9._-]+|\\*)")) {
                throw new InvalidInputException("clusters[" + i + "]", "'" + c + "' is not provider/cluster or provider/*.", null);
            }
            clusters.add(c);
        }
        Instant start = instant(o.path("schedule"), "start", "schedule.start");
        Instant end = instant(o.path("schedule"), "end", "schedule.end");
        if (!end.isAfter(start)) {
            throw new InvalidInputException("schedule.end", "The schedule ends (" + end + ") before it starts (" + start + ").", null);
        }
        JsonNode sc = o.path("safetyCase");
        SafetyCase safety = new SafetyCase(text(sc, "riskFramework", "safetyCase.riskFramework"),
                text(sc, "evaluationPlan", "safetyCase.evaluationPlan"), text(sc, "securityLevel", "safetyCase.securityLevel"),
                text(sc, "responsibleOfficer", "safetyCase.responsibleOfficer"));
        return new Application(id, run, planned, params, tokens, chip, count.asInt(), List.copyOf(clusters), start, end, safety);
    }

    public ObjectNode safetyCaseJson() {
        ObjectNode s = JSON.createObjectNode();
        s.put("riskFramework", safetyCase.riskFramework()).put("evaluationPlan", safetyCase.evaluationPlan())
                .put("securityLevel", safetyCase.securityLevel()).put("responsibleOfficer", safetyCase.responsibleOfficer());
        return s;
    }

    private static String text(JsonNode o, String f, String path) throws InvalidInputException {
        JsonNode v = o.get(f);
        if (v == null || !v.isTextual() || v.textValue().isBlank() || v.textValue().length() > 4000
                || v.textValue().indexOf('\0') >= 0) {
            throw new InvalidInputException(path, path + " is missing (a text of at most 4,000 characters).", "See docs/LICENSING.md.");
        }
        return v.textValue();
    }

    private static double positive(JsonNode o, String f, String path) throws InvalidInputException {
        JsonNode v = o.get(f);
        if (v == null || !v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
            throw new InvalidInputException(path, path + " must be a positive number.", "e.g. 4e11");
        }
        return v.asDouble();
    }

    private static Instant instant(JsonNode o, String f, String path) throws InvalidInputException {
        String t = text(o, f, path);
        try {
            Instant i = Instant.parse(t);
            if (i.isBefore(Instant.parse("1970-01-01T00:00:00Z")) || !i.isBefore(Instant.parse("2200-01-01T00:00:00Z"))) {
                throw new InvalidInputException(path, path + " is outside the years 1970-2199.", null);
            }
            return i;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(path, path + " is not an RFC 3339 UTC time: '" + t + "'.", "e.g. 2027-01-01T00:00:00Z");
        }
    }
}
