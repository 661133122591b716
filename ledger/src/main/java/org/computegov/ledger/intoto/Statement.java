package org.computegov.ledger.intoto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.dsse.VerifiedPayload;

/**
 * An in-toto Statement v1: subjects, a predicate type URI and the predicate.
 *
 * <p>Parse it from the exact payload bytes a DSSE verification returned; store those bytes, not
 * {@link #toJson()} output, since the signature covers them and not this object.
 */
public record Statement(List<Subject> subject, String predicateType, JsonNode predicate) {
    /** The {@code _type} of a v1 Statement. */
    public static final String TYPE = "https://in-toto.io/Statement/v1";
    /** The DSSE payload type of in-toto statements. */
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public Statement {
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("a statement needs at least one subject");
        }
        subject = List.copyOf(subject);
        checkPredicateType(predicateType);
        if (predicate != null && !predicate.isObject()) {
            throw new IllegalArgumentException("predicate must be a JSON object");
        }
        predicate = predicate == null ? null : predicate.deepCopy();
    }

    @Override
    public JsonNode predicate() {
        return predicate == null ? null : predicate.deepCopy();
    }

    /** Parses the payload of a verified DSSE envelope, which must have the in-toto payload type. */
    public static Statement parse(VerifiedPayload payload) throws VerificationException {
        if (!PAYLOAD_TYPE.equals(payload.payloadType())) {
            throw new VerificationException("payload type is '" + payload.payloadType() + "', not " + PAYLOAD_TYPE);
        }
        return parse(payload.payload());
    }

    /** Parses and validates statement JSON. Unknown fields are ignored, as the spec requires. */
    public static Statement parse(byte[] json) throws FormatException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FormatException("statement is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new FormatException("statement could not be read", e);
        }
        if (root == null || !root.isObject()) {
            throw new FormatException("statement must be a JSON object");
        }
        JsonNode type = root.get("_type");
        if (type == null || !TYPE.equals(type.textValue())) {
            throw new FormatException("statement _type must be " + TYPE);
        }
        JsonNode subjects = root.get("subject");
        if (subjects == null || !subjects.isArray() || subjects.isEmpty()) {
            throw new FormatException("statement 'subject' must be a non-empty array");
        }
        JsonNode predicateType = root.get("predicateType");
        if (predicateType == null || !predicateType.isTextual()) {
            throw new FormatException("statement 'predicateType' must be a string");
        }
        JsonNode predicate = root.get("predicate");
        if (predicate != null && predicate.isNull()) {
            predicate = null;
        }
        try {
            List<Subject> out = new ArrayList<>();
            for (JsonNode s : subjects) {
                out.add(parseSubject(s));
            }
            return new Statement(out, predicateType.textValue(), predicate);
        } catch (IllegalArgumentException e) {
            throw new FormatException("invalid statement: " + e.getMessage(), e);
        }
    }

    private static Subject parseSubject(JsonNode s) throws FormatException {
        if (!s.isObject()) {
            throw new FormatException("statement subject must be an object");
        }
        JsonNode name = s.get("name");
        if (name != null && !name.isTextual()) {
            throw new FormatException("subject 'name' must be a string");
        }
        JsonNode digest = s.get("digest");
        if (digest == null || !digest.isObject()) {
            throw new FormatException("subject 'digest' must be an object");
        }
        Map<String, String> d = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : digest.properties()) {
            if (!e.getValue().isTextual()) {
                throw new FormatException("subject digest '" + e.getKey() + "' must be a string");
            }
            d.put(e.getKey(), e.getValue().textValue());
        }
        return new Subject(name == null ? "" : name.textValue(), d);
    }

    /** Serializes a new statement, for signing. Never use it to re-encode a received one. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("_type", TYPE);
        ArrayNode subjects = root.putArray("subject");
        for (Subject s : subject) {
            ObjectNode o = subjects.addObject();
            if (!s.name().isEmpty()) {
                o.put("name", s.name());
            }
            ObjectNode d = o.putObject("digest");
            s.digest().forEach(d::put);
        }
        root.put("predicateType", predicateType);
        if (predicate != null) {
            root.set("predicate", predicate);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serializing a JSON tree cannot fail", e);
        }
    }

    private static void checkPredicateType(String predicateType) {
        if (predicateType == null || predicateType.isEmpty()) {
            throw new IllegalArgumentException("predicateType must be a non-empty URI");
        }
        try {
            if (!new URI(predicateType).isAbsolute()) {
                throw new IllegalArgumentException("predicateType must be an absolute URI: " + predicateType);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("predicateType is not a URI: " + predicateType, e);
        }
    }
}
