package org.computegov.deployment.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.computegov.registry.kernel.Json;

/**
 * Which models must notify the regulator, and by when, as data ({@code notification_regimes.json}): a regime is
 * triggered by the training compute of the model's run or by an evaluation score in a certificate, compared with its
 * threshold as the regime states ({@code >} strict, as the EU AI Act's "greater than 10^25", or {@code >=}); its
 * deadline counts from the run crossing a named threshold regime (accounting's finding) or back from the first
 * deployment. Registering the model is the notification; a regime is met when the registration came by the deadline.
 * A regimes file with an unknown field or value is refused when it is read, naming the file, the regime and what is
 * allowed.
 */
@org.computegov.registry.kernel.Published
public record NotificationRegimes(List<Regime> regimes) {
    static final String RESOURCE = "/org/computegov/deployment/notification_regimes.json";

    /** What triggers a regime. */
    public enum Trigger {
        /** The training compute of the model's run (FLOP). */
        TRAINING_COMPUTE("training-compute"),
        /** A numeric result named {@code metric} in one of the model's evaluation certificates. */
        EVALUATION_SCORE("evaluation-score");

        private final String text;

        Trigger(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** How a value is compared with the threshold; "greater than" is strict: exactly the threshold does not cross. */
    public enum Comparison {
        GREATER_THAN(">", ">"), AT_LEAST(">=", "≥");

        private final String text;
        private final String symbol;

        Comparison(String text, String symbol) {
            this.text = text;
            this.symbol = symbol;
        }

        public String text() {
            return text;
        }

        public boolean crosses(double value, double threshold) {
            return this == GREATER_THAN ? value > threshold : value >= threshold;
        }
    }

    /** What the deadline counts from. */
    public enum Anchor {
        /** {@code days} after the run crossed the threshold regime named by {@code crossing} (accounting's finding). */
        THRESHOLD_CROSSED("threshold-crossed"),
        /** {@code days} before the model's first deployment. */
        DEPLOYMENT("deployment");

        private final String text;

        Anchor(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * One regime: a trigger compared with a threshold, and the anchor of its deadline and the days from it.
     *
     * @param metric the certificate result compared, for {@link Trigger#EVALUATION_SCORE} only
     * @param crossing the threshold regime (the knowledge catalog's id, e.g. EU-AIA-51) whose crossing by the run
     *         starts the deadline, for {@link Anchor#THRESHOLD_CROSSED} only
     */
    public record Regime(String id, String name, Trigger trigger, Optional<String> metric, double threshold,
            Comparison comparison, Anchor anchor, Optional<String> crossing, int days, String citation) {}

    /**
     * What is known of a model for the regimes.
     *
     * @param crossedAt when the model's training run crossed each threshold regime, by the regime's id
     */
    public record Facts(Optional<Double> trainingFlop, Map<String, Instant> crossedAt, List<JsonNode> results,
            Optional<Instant> firstDeployment, Instant registeredAt) {}

    private static final List<String> FIELDS = List.of("id", "name", "trigger", "metric", "threshold", "comparison",
            "anchor", "crossing", "days", "citation");

    public static NotificationRegimes builtIn() {
        try (InputStream in = NotificationRegimes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse("notification_regimes.json (built in)", in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the built-in notification regimes cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a regimes file (a JSON array of regimes).
     *
     * @param file the file's name, for messages
     * @throws IllegalArgumentException naming the file, the regime and what is allowed, when anything in it is wrong
     */
    public static NotificationRegimes parse(String file, InputStream in) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + " must hold a JSON array of notification regimes.");
        }
        List<Regime> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            Regime r = regime(root.get(i), file + ", regime " + (i + 1));
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException(file + ", regime " + (i + 1) + ": id '" + r.id() + "' is used twice.");
            }
            out.add(r);
        }
        return new NotificationRegimes(List.copyOf(out));
    }

    private static Regime regime(JsonNode n, String at) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(at + ": must be a JSON object.");
        }
        String where = n.path("id").isTextual() ? at + " ('" + n.get("id").asText() + "')" : at;
        for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
            String f = names.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(where + ": unknown field '" + f + "'; the fields are " + String.join(", ", FIELDS) + ".");
            }
        }
        String id = text(n, "id", where);
        Trigger trigger = choice(n, "trigger", Trigger.values(), Trigger::text, where);
        Optional<String> metric = Optional.ofNullable(n.hasNonNull("metric") ? text(n, "metric", where) : null);
        if (trigger == Trigger.EVALUATION_SCORE && metric.isEmpty()) {
            throw new IllegalArgumentException(where + ": trigger evaluation-score needs 'metric', the certificate result compared (e.g. bio-uplift).");
        }
        if (trigger == Trigger.TRAINING_COMPUTE && metric.isPresent()) {
            throw new IllegalArgumentException(where + ": 'metric' is only for trigger evaluation-score; training-compute compares the run's FLOP.");
        }
        JsonNode t = n.get("threshold");
        if (t == null || !t.isNumber() || !Double.isFinite(t.asDouble())
                || (trigger == Trigger.TRAINING_COMPUTE ? t.asDouble() <= 0 : t.asDouble() < 0)) {
            throw new IllegalArgumentException(where + ": 'threshold' must be a " + (trigger == Trigger.TRAINING_COMPUTE
                    ? "positive number of FLOP, e.g. 1e25" : "number, e.g. 0.5") + ", got " + (t == null ? "nothing" : t) + ".");
        }
        Comparison comparison = choice(n, "comparison", Comparison.values(), Comparison::text, where);
        Anchor anchor = choice(n, "anchor", Anchor.values(), Anchor::text, where);
        Optional<String> crossing = Optional.ofNullable(n.hasNonNull("crossing") ? text(n, "crossing", where) : null);
        if (anchor == Anchor.THRESHOLD_CROSSED && crossing.isEmpty()) {
            throw new IllegalArgumentException(where + ": anchor threshold-crossed needs 'crossing', the threshold regime whose "
                    + "crossing starts the deadline (an id of 'cgov thresholds list', e.g. EU-AIA-51).");
        }
        if (anchor == Anchor.DEPLOYMENT && crossing.isPresent()) {
            throw new IllegalArgumentException(where + ": 'crossing' is only for anchor threshold-crossed.");
        }
        JsonNode d = n.get("days");
        if (d == null || !d.isIntegralNumber() || d.asLong() < 0 || d.asLong() > 36_500) {
            throw new IllegalArgumentException(where + ": 'days' must be a whole number of days from 0, got "
                    + (d == null ? "nothing" : d) + ".");
        }
        return new Regime(id, text(n, "name", where), trigger, metric, t.asDouble(), comparison, anchor, crossing, d.asInt(),
                text(n, "citation", where));
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is required (text).");
        }
        return v.asText();
    }

    private static <E extends Enum<E>> E choice(JsonNode n, String field, E[] values, java.util.function.Function<E, String> text,
            String where) {
        String allowed = Arrays.stream(values).map(text).collect(Collectors.joining(", "));
        JsonNode v = n.get(field);
        if (v != null && v.isTextual()) {
            for (E e : values) {
                if (text.apply(e).equals(v.asText())) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException(where + ": " + field + " " + (v == null ? "is missing" : "'" + v.asText() + "' is not allowed")
                + "; use one of: " + allowed + ".");
    }

    /** Three significant figures in scientific notation without a '+' (1.20e25), as everywhere else. */
    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.2e", v).replace("e+", "e");
    }

    /** The regimes that apply to a model, each with why, the deadline (when known) and whether it was met. */
    public ArrayNode evaluate(Facts f) {
        ArrayNode out = Json.array();
        for (Regime r : regimes) {
            String why = null;
            if (r.trigger() == Trigger.TRAINING_COMPUTE && f.trainingFlop().isPresent()
                    && r.comparison().crosses(f.trainingFlop().get(), r.threshold())) {
                why = "training compute " + sci(f.trainingFlop().get()) + " FLOP " + r.comparison().symbol + " " + sci(r.threshold());
            }
            if (r.trigger() == Trigger.EVALUATION_SCORE) {
                for (JsonNode res : f.results()) {
                    JsonNode v = res.get(r.metric().orElseThrow());
                    if (v != null && v.isNumber() && r.comparison().crosses(v.asDouble(), r.threshold())) {
                        why = r.metric().get() + " score " + v.asDouble() + " " + r.comparison().symbol + " " + r.threshold();
                    }
                }
            }
            if (why == null) {
                continue;
            }
            Optional<Instant> due = switch (r.anchor()) {
                case THRESHOLD_CROSSED -> Optional.ofNullable(f.crossedAt().get(r.crossing().orElseThrow()))
                        .map(t -> t.plus(Duration.ofDays(r.days())));
                case DEPLOYMENT -> f.firstDeployment().map(t -> t.minus(Duration.ofDays(r.days())));
            };
            ObjectNode o = out.addObject().put("regime", r.id()).put("name", r.name()).put("why", why)
                    .put("deadline", r.anchor() == Anchor.DEPLOYMENT ? r.days() + " days before deployment"
                            : r.days() + " days after the threshold (" + r.crossing().get() + ") is crossed")
                    .put("notifiedAt", f.registeredAt().toString()).put("citation", r.citation());
            due.ifPresent(d -> o.put("dueBy", d.toString()).put("met", !f.registeredAt().isAfter(d)));
        }
        return out;
    }
}
