package org.computegov.licensing.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import org.computegov.licensing.admission.Decision;
import org.computegov.licensing.admission.JobRequest;
import org.computegov.licensing.budget.BudgetSnapshot;

/**
 * The admission wire format. A request: {@code {provider, cluster, account?, licence?, chip?, chips,
 * timeLimitMinutes, jobRef?}}. A decision: {@code {decision: allow|deny, code, reason, requested: {flop, chipHours},
 * available: {flop, chipHours} | null, licence, holdId}} with FLOP as decimal strings (they exceed a double's exact
 * range, and JSON numbers that large lose digits in many parsers).
 */
@org.computegov.registry.kernel.Published
public final class AdmissionJson {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private AdmissionJson() {}

    /** The strict mapper (duplicate keys refused) the admission formats share. */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /** A request that cannot be read, with a message saying which field and how to fix it. */
    public static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        public BadRequest(String message) {
            super(message);
        }
    }

    public static JobRequest request(byte[] body) throws BadRequest {
        return request(object(body));
    }

    /** The request body as a JSON object, before its fields are checked. */
    static ObjectNode object(byte[] body) throws BadRequest {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new BadRequest("the body is not valid JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest("the body must be a JSON object with provider, cluster, chips and timeLimitMinutes");
        }
        return (ObjectNode) root;
    }

    static JobRequest request(ObjectNode root) throws BadRequest {
        int chips = (int) whole(root, "chips", 0, 1_000_000);
        long minutes = whole(root, "timeLimitMinutes", 1, 366L * 24 * 60);
        try {
            return new JobRequest(text(root, "provider", true), text(root, "cluster", true), text(root, "account", false),
                    text(root, "licence", false), text(root, "chip", false), chips, Duration.ofMinutes(minutes),
                    text(root, "jobRef", false));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /**
     * A job as a request body, as {@link #request(byte[])} reads it. The time limit is written in whole minutes,
     * rounded up (a Kubernetes deadline of 90 s asks for 2 minutes): pre-charging a little more never lets a job
     * exceed its licence.
     */
    public static ObjectNode request(JobRequest job) {
        ObjectNode o = JSON.createObjectNode();
        o.put("provider", job.provider());
        o.put("cluster", job.cluster());
        o.put("account", job.account());
        o.put("licence", job.licence());
        o.put("chip", job.chip());
        o.put("chips", job.chips());
        o.put("timeLimitMinutes", (job.timeLimit().toMillis() + 59_999) / 60_000);
        o.put("jobRef", job.jobRef());
        return o;
    }

    public static ObjectNode decision(Decision d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("decision", d.decision().wire());
        o.put("code", d.code());
        o.put("reason", d.reason());
        ObjectNode req = o.putObject("requested");
        req.put("flop", d.requestedFlop().toString());
        req.put("chipHours", d.requestedChipHours());
        if (d.availableFlop() == null) {
            o.putNull("available");
        } else {
            ObjectNode av = o.putObject("available");
            av.put("flop", d.availableFlop().toString());
            if (d.availableChipHours() == null) {
                av.putNull("chipHours");
            } else {
                av.put("chipHours", d.availableChipHours());
            }
        }
        o.put("licence", d.licence());
        o.put("holdId", d.holdId());
        return o;
    }

    /**
     * Reads a decision as {@link #decision(Decision)} writes it (the registry's answer to a provider's admission
     * service), so that it can be answered again in another form (an AdmissionReview).
     *
     * @throws BadRequest when it is not a decision: a field missing or of the wrong type, FLOP not a whole number
     */
    public static Decision decision(JsonNode o) throws BadRequest {
        if (o == null || !o.isObject()) {
            throw new BadRequest("a decision must be a JSON object");
        }
        Decision.Outcome outcome = switch (o.path("decision").asText("")) {
            case "allow" -> Decision.Outcome.ALLOW;
            case "deny" -> Decision.Outcome.DENY;
            default -> throw new BadRequest("'decision' must be allow or deny");
        };
        JsonNode requested = o.path("requested");
        JsonNode available = o.get("available");
        boolean noneAvailable = available == null || available.isNull();
        if (!noneAvailable && !available.isObject()) {
            throw new BadRequest("'available' must be an object or null");
        }
        JsonNode availableHours = noneAvailable ? null : available.get("chipHours");
        if (!requested.path("chipHours").isNumber()
                || availableHours != null && !availableHours.isNull() && !availableHours.isNumber()) {
            throw new BadRequest("'chipHours' must be a number");
        }
        return new Decision(outcome, decisionText(o, "code", true), decisionText(o, "reason", true),
                wholeFlop(requested.get("flop"), "requested.flop"),
                noneAvailable ? null : wholeFlop(available.get("flop"), "available.flop"),
                requested.path("chipHours").doubleValue(),
                availableHours == null || availableHours.isNull() ? null : availableHours.doubleValue(),
                decisionText(o, "licence", false), decisionText(o, "holdId", false));
    }

    private static String decisionText(JsonNode o, String field, boolean required) throws BadRequest {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new BadRequest("'" + field + "' is required in a decision");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new BadRequest("'" + field + "' must be a string");
        }
        return n.textValue();
    }

    private static java.math.BigInteger wholeFlop(JsonNode n, String field) throws BadRequest {
        if (n == null || !n.isTextual() || !n.textValue().matches("-?[0-9]{1,60}")) {
            throw new BadRequest("'" + field + "' must be a whole number of FLOP as a decimal string");
        }
        return new java.math.BigInteger(n.textValue());
    }

    public static ObjectNode budget(String licence, BudgetSnapshot s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("licence", licence);
        o.put("totalFlop", s.total().toString());
        o.put("releasedFlop", s.released().toString());
        o.put("tranchesReleased", s.tranchesReleased());
        o.put("tranches", s.tranches());
        o.put("usedFlop", s.used().toString());
        o.put("heldFlop", s.held().toString());
        o.put("availableFlop", s.available().toString());
        o.put("openHolds", s.openHolds());
        o.put("usedShareOfReleased", s.usedShareOfReleased());
        return o;
    }

    public static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serializing a JSON tree cannot fail", e);
        }
    }

    private static String text(JsonNode root, String field, boolean required) throws BadRequest {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new BadRequest("'" + field + "' is required");
            }
            return null;
        }
        if (!n.isTextual() || n.textValue().length() > 200) {
            throw new BadRequest("'" + field + "' must be a string of at most 200 characters");
        }
        return n.textValue();
    }

    private static long whole(JsonNode root, String field, long min, long max) throws BadRequest {
        JsonNode n = root.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
            throw new BadRequest("'" + field + "' must be a whole number in [" + min + ", " + max + "]");
        }
        return n.longValue();
    }
}
