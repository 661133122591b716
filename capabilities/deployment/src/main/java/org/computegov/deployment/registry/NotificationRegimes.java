package org.computegov.deployment.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.computegov.registry.kernel.Json;

/**
 * Which models must notify the regulator, and by when, as data ({@code notification_regimes.json}): a regime is
 * triggered by the training compute of the model's run or by an evaluation score in a certificate, and its deadline
 * counts from the threshold being crossed (accounting's finding) or back from the first deployment. Registering the
 * model is the notification; a regime is met when the registration came by the deadline.
 */
@org.computegov.registry.kernel.Published
public record NotificationRegimes(List<Regime> regimes) {
    /** One regime: a trigger (compute or score), the anchor of its deadline and the days from it. */
    public record Regime(String id, String name, Optional<Double> trainingFlopAtLeast, Optional<String> metric,
            Optional<Double> scoreAtLeast, String anchor, int days, String citation) {}

    /** What is known of a model for the regimes. */
    public record Facts(Optional<Double> trainingFlop, Optional<Instant> thresholdCrossedAt, List<JsonNode> results,
            Optional<Instant> firstDeployment, Instant registeredAt) {}

    public static NotificationRegimes builtIn() {
        try (InputStream in = NotificationRegimes.class.getResourceAsStream("/org/computegov/deployment/notification_regimes.json")) {
            List<Regime> out = new ArrayList<>();
            for (JsonNode r : Json.MAPPER.readTree(in)) {
                out.add(new Regime(r.path("id").asText(), r.path("name").asText(),
                        r.has("trainingFlopAtLeast") ? Optional.of(r.get("trainingFlopAtLeast").asDouble()) : Optional.empty(),
                        Optional.ofNullable(r.path("metric").textValue()),
                        r.has("scoreAtLeast") ? Optional.of(r.get("scoreAtLeast").asDouble()) : Optional.empty(),
                        r.path("anchor").asText(), r.path("days").asInt(), r.path("citation").asText()));
            }
            return new NotificationRegimes(List.copyOf(out));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the built-in notification regimes cannot be read", e);
        }
    }

    /** The regimes that apply to a model, each with why, the deadline (when known) and whether it was met. */
    public ArrayNode evaluate(Facts f) {
        ArrayNode out = Json.array();
        for (Regime r : regimes) {
            String why = null;
            if (r.trainingFlopAtLeast().isPresent() && f.trainingFlop().isPresent()
                    && f.trainingFlop().get() >= r.trainingFlopAtLeast().get()) {
                why = String.format(java.util.Locale.ROOT, "training compute %.3g FLOP ≥ %.3g", f.trainingFlop().get(),
                        r.trainingFlopAtLeast().get());
            }
            if (r.metric().isPresent() && r.scoreAtLeast().isPresent()) {
                for (JsonNode res : f.results()) {
                    JsonNode v = res.get(r.metric().get());
                    if (v != null && v.isNumber() && v.asDouble() >= r.scoreAtLeast().get()) {
                        why = r.metric().get() + " score " + v.asDouble() + " ≥ " + r.scoreAtLeast().get();
                    }
                }
            }
            if (why == null) {
                continue;
            }
            Optional<Instant> due = switch (r.anchor()) {
                case "threshold-crossed" -> f.thresholdCrossedAt().map(t -> t.plus(Duration.ofDays(r.days())));
                case "deployment" -> f.firstDeployment().map(t -> t.minus(Duration.ofDays(r.days())));
                default -> Optional.empty();
            };
            ObjectNode o = out.addObject().put("regime", r.id()).put("name", r.name()).put("why", why)
                    .put("deadline", r.anchor().equals("deployment") ? r.days() + " days before deployment"
                            : r.days() + " days after the threshold is crossed")
                    .put("notifiedAt", f.registeredAt().toString()).put("citation", r.citation());
            due.ifPresent(d -> o.put("dueBy", d.toString()).put("met", !f.registeredAt().isAfter(d)));
        }
        return out;
    }
}
