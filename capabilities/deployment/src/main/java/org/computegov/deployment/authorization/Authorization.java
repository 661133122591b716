package org.computegov.deployment.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.computegov.deployment.oms.Manifest;
import org.computegov.deployment.oms.ModelException;
import org.computegov.deployment.oms.Resource;
import org.computegov.deployment.oms.ResourceKey;
import org.computegov.deployment.oms.Serialization;
import org.computegov.ledger.intoto.PredicateTypes;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.intoto.Subject;

/**
 * The regulator's authorization to deploy one model fingerprint, with conditions: an in-toto statement whose
 * subject is the model (its name and OMS root digest) and whose predicate says how the model was hashed (the OMS
 * serialization, so a provider hashes it the same way), optionally its resources (so a denial can name the files
 * that differ), where and by whom it may be served, usage limits, and the period it holds.
 */
@org.computegov.registry.kernel.Published
public record Authorization(String id, String modelName, String rootHex, Serialization serialization,
        List<Resource> resources, List<String> regions, List<String> providers, Map<String, Double> usageLimits,
        Instant validFrom, Optional<Instant> validUntil) {
    public static final String PREDICATE_TYPE = PredicateTypes.of("deployment-authorization", 1);
    /** The registry's statement of the same authorization (kind {@code deployment-authorization}), as its log holds it. */
    public static final String REGISTRY_PREDICATE_TYPE = org.computegov.registry.statement.Kinds.predicateType("deployment-authorization");

    public Authorization {
        if (id == null || id.isBlank() || modelName == null || rootHex == null || serialization == null
                || validFrom == null || validUntil == null) {
            throw new IllegalArgumentException("id, model, root, serialization and validFrom are required");
        }
        if (!rootHex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("root must be 64 lowercase hex digits");
        }
        if (validUntil.isPresent() && !validUntil.get().isAfter(validFrom)) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
        resources = List.copyOf(resources);
        regions = List.copyOf(regions);
        providers = List.copyOf(providers);
        usageLimits = Map.copyOf(usageLimits);
    }

    /** An authorization of a hashed model; its resources go in when {@code withResources}. */
    public static Authorization of(String id, Manifest m, boolean withResources, List<String> regions,
            List<String> providers, Map<String, Double> usageLimits, Instant validFrom, Optional<Instant> validUntil) {
        return new Authorization(id, m.modelName(), m.rootHex(), m.serialization(),
                withResources ? m.resources() : List.of(), regions, providers, usageLimits, validFrom, validUntil);
    }

    /** The manifest this authorization names, when it lists the resources. */
    public Optional<Manifest> manifest() {
        return resources.isEmpty() ? Optional.empty() : Optional.of(new Manifest(modelName, serialization, resources));
    }

    public Statement statement() {
        return new Statement(List.of(Subject.sha256(modelName, rootHex)), PREDICATE_TYPE, fields(JsonNodeFactory.instance.objectNode()));
    }

    /**
     * The authorization's fields written into a predicate: the regulator's own statement's, and the registry's
     * {@code deployment-authorization} statement's (which adds {@code model} and {@code root}, its subject being the
     * authorization's name).
     */
    public ObjectNode fields(ObjectNode p) {
        p.put("authorizationId", id);
        p.set("serialization", serialization.toJson());
        if (!resources.isEmpty()) {
            ArrayNode rs = p.putArray("resources");
            resources.forEach(r -> rs.addObject().put("algorithm", r.algorithm()).put("digest", r.digestHex()).put("name", r.name()));
        }
        ObjectNode c = p.putObject("conditions");
        regions.forEach(c.putArray("regions")::add);
        providers.forEach(c.putArray("providers")::add);
        ObjectNode limits = c.putObject("usageLimits");
        usageLimits.forEach(limits::put);
        p.put("validFrom", validFrom.toString());
        validUntil.ifPresent(u -> p.put("validUntil", u.toString()));
        return p;
    }

    /** Reads an authorization from a verified statement. */
    public static Authorization from(Statement s) throws ModelException {
        if (REGISTRY_PREDICATE_TYPE.equals(s.predicateType()) && s.predicate() != null) {
            JsonNode p = s.predicate();
            return fromFields(p.path("model").asText(), p.path("root").asText(), p);
        }
        if (!PREDICATE_TYPE.equals(s.predicateType())) {
            throw new ModelException("the bundle holds a " + s.predicateType() + " statement, not a deployment authorization",
                    "Give the deployment authorization bundle the regulator issued.");
        }
        if (s.subject().size() != 1 || !s.subject().get(0).digest().containsKey("sha256")) {
            throw new ModelException("a deployment authorization names exactly one model by its sha256 root",
                    "Give the deployment authorization bundle the regulator issued.");
        }
        JsonNode p = s.predicate();
        if (p == null) {
            throw new ModelException("the authorization has no predicate", "Give the deployment authorization bundle.");
        }
        Subject subject = s.subject().get(0);
        return fromFields(subject.name(), subject.digest().get("sha256"), p);
    }

    /** An authorization from its predicate's fields, naming the model and root given. */
    public static Authorization fromFields(String modelName, String rootHex, JsonNode p) throws ModelException {
        Serialization ser = Serialization.fromJson(p.get("serialization"));
        List<Resource> resources = new ArrayList<>();
        for (JsonNode r : p.path("resources")) {
            try {
                resources.add(new Resource(ResourceKey.parse(r.path("name").asText(), ser.sharded()),
                        r.path("algorithm").asText(), HexFormat.of().parseHex(r.path("digest").asText())));
            } catch (IllegalArgumentException e) {
                throw new ModelException("an authorized resource is malformed: " + e.getMessage(), "Ask the regulator.", e);
            }
        }
        JsonNode c = p.path("conditions");
        Map<String, Double> limits = new LinkedHashMap<>();
        c.path("usageLimits").properties().forEach(e -> limits.put(e.getKey(), e.getValue().asDouble()));
        try {
            Authorization a = new Authorization(p.path("authorizationId").asText(), modelName, rootHex, ser, resources, texts(c.path("regions")), texts(c.path("providers")),
                    limits, Instant.parse(p.path("validFrom").asText()),
                    p.has("validUntil") ? Optional.of(Instant.parse(p.get("validUntil").asText())) : Optional.empty());
            if (!resources.isEmpty() && !a.manifest().orElseThrow().rootHex().equals(a.rootHex)) {
                throw new ModelException("the authorization's resources do not hash to its root", "Ask the regulator.");
            }
            return a;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ModelException("the authorization is malformed: " + e.getMessage(), "Ask the regulator for a new one.", e);
        }
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
