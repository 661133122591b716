package org.computegov.ledger.dsse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.Utf8Json;

/**
 * A DSSE JSON envelope: {@code {"payload", "payloadType", "signatures": [{"keyid", "sig"}]}}.
 *
 * <p>Input accepts standard and URL-safe base64, padded or not; output uses standard padded
 * base64. The payload bytes are kept exactly as decoded: callers must store these bytes, never a
 * re-serialization of the JSON they hold.
 */
public record Envelope(byte[] payload, String payloadType, List<DsseSignature> signatures) {
    /** Default largest envelope accepted: 1 MiB. */
    public static final int DEFAULT_MAX_SIZE = 1 << 20;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION) // no ambiguity about which field counts
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public Envelope {
        if (payload == null || payloadType == null || signatures == null) {
            throw new IllegalArgumentException("payload, payloadType and signatures are required");
        }
        payload = payload.clone();
        signatures = List.copyOf(signatures);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Parses an envelope of at most {@link #DEFAULT_MAX_SIZE} bytes. */
    public static Envelope parse(byte[] json) throws FormatException {
        return parse(json, DEFAULT_MAX_SIZE);
    }

    /** Parses an envelope of at most {@code maxSize} bytes, rejecting anything malformed. */
    public static Envelope parse(byte[] json, int maxSize) throws FormatException {
        if (json.length > maxSize) {
            throw new FormatException("DSSE envelope of " + json.length + " bytes exceeds the limit of " + maxSize);
        }
        Utf8Json.require(json, "a DSSE envelope");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FormatException("DSSE envelope is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new FormatException("DSSE envelope could not be read", e);
        }
        if (root == null || !root.isObject()) {
            throw new FormatException("DSSE envelope must be a JSON object");
        }
        byte[] payload = decodeBase64(requireText(root, "payload"), "payload");
        String payloadType = requireText(root, "payloadType");
        JsonNode sigs = root.get("signatures");
        if (sigs == null || !sigs.isArray()) {
            throw new FormatException("DSSE envelope field 'signatures' is missing or not an array");
        }
        List<DsseSignature> out = new ArrayList<>(sigs.size());
        for (JsonNode s : sigs) {
            if (!s.isObject()) {
                throw new FormatException("DSSE signature entry must be a JSON object");
            }
            byte[] sig = decodeBase64(requireText(s, "sig"), "sig");
            JsonNode keyId = s.get("keyid");
            if (keyId != null && !keyId.isNull() && !keyId.isTextual()) {
                throw new FormatException("DSSE signature field 'keyid' must be a string");
            }
            out.add(new DsseSignature(keyId == null || keyId.isNull() ? "" : keyId.asText(), sig));
        }
        return new Envelope(payload, payloadType, out);
    }

    /** Returns the envelope JSON with standard base64; an empty key ID is omitted. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("payload", Base64.getEncoder().encodeToString(payload));
        root.put("payloadType", payloadType);
        ArrayNode arr = root.putArray("signatures");
        for (DsseSignature s : signatures) {
            ObjectNode o = arr.addObject();
            if (!s.keyId().isEmpty()) {
                o.put("keyid", s.keyId());
            }
            o.put("sig", Base64.getEncoder().encodeToString(s.sig()));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serializing a tree of strings cannot fail", e);
        }
    }

    /** Returns the bytes that signatures cover. */
    public byte[] pae() {
        return Pae.encode(payloadType, payload);
    }

    private static String requireText(JsonNode obj, String field) throws FormatException {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            throw new FormatException("DSSE envelope field '" + field + "' is missing");
        }
        if (!n.isTextual()) {
            throw new FormatException("DSSE envelope field '" + field + "' must be a string");
        }
        return n.asText();
    }

    /** Decodes standard or URL-safe base64, padded or not (DSSE verifiers must accept either). */
    static byte[] decodeBase64(String text, String field) throws FormatException {
        boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        try {
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        } catch (IllegalArgumentException e) {
            throw new FormatException("DSSE envelope field '" + field + "' is not valid base64", e);
        }
    }
}
