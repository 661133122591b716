package org.computegov.ledger.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.computegov.ledger.FormatException;

/**
 * An offline-verifiable bundle: a DSSE envelope exactly as it was logged, a checkpoint note the log signed, the
 * entry's leaf index and the tree size, the RFC 9162 inclusion proof from the entry to that checkpoint's root, and
 * optionally a status envelope (see {@link StatusStatement}) that says the entry had not been revoked recently.
 *
 * <p>JSON form ({@value #MEDIA_TYPE}): {@code envelope} and {@code status} are base64 of the exact bytes (the log
 * hashes those bytes, so they must never be re-serialized), {@code checkpoint} is the note text, {@code
 * inclusionProof} a list of base64 hashes. Parsing is strict: duplicate or missing fields are refused.
 */
public record Bundle(byte[] envelope, byte[] checkpoint, long leafIndex, long treeSize, List<byte[]> inclusionProof,
        Optional<byte[]> status) {
    public static final String MEDIA_TYPE = "application/vnd.computegov.bundle.v1+json";
    /** Largest bundle accepted: an envelope of up to 64 KiB as base64, a note, a proof of at most 64 hashes. */
    public static final int MAX_SIZE = 1 << 19;
    private static final int MAX_PROOF = 64;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public Bundle {
        if (envelope == null || checkpoint == null || inclusionProof == null || status == null) {
            throw new IllegalArgumentException("envelope, checkpoint, inclusion proof and status (maybe empty) are required");
        }
        envelope = envelope.clone();
        checkpoint = checkpoint.clone();
        inclusionProof = inclusionProof.stream().map(byte[]::clone).toList();
        status = status.map(byte[]::clone);
    }

    @Override
    public byte[] envelope() {
        return envelope.clone();
    }

    @Override
    public byte[] checkpoint() {
        return checkpoint.clone();
    }

    @Override
    public List<byte[]> inclusionProof() {
        return inclusionProof.stream().map(byte[]::clone).toList();
    }

    @Override
    public Optional<byte[]> status() {
        return status.map(byte[]::clone);
    }

    /** The same bundle carrying another (fresher) status envelope. */
    public Bundle withStatus(byte[] statusEnvelope) {
        return new Bundle(envelope, checkpoint, leafIndex, treeSize, inclusionProof, Optional.of(statusEnvelope));
    }

    /** Parses bundle JSON strictly. */
    public static Bundle parse(byte[] json) throws FormatException {
        if (json.length > MAX_SIZE) {
            throw new FormatException("bundle of " + json.length + " bytes exceeds the limit of " + MAX_SIZE);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FormatException("bundle is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new FormatException("bundle could not be read", e);
        }
        if (root == null || !root.isObject()) {
            throw new FormatException("bundle must be a JSON object");
        }
        String mediaType = text(root, "mediaType");
        if (!MEDIA_TYPE.equals(mediaType)) {
            throw new FormatException("bundle mediaType is '" + mediaType + "', expected " + MEDIA_TYPE);
        }
        byte[] envelope = base64(text(root, "envelope"), "envelope");
        byte[] checkpoint = text(root, "checkpoint").getBytes(StandardCharsets.UTF_8);
        long index = number(root, "leafIndex");
        long size = number(root, "treeSize");
        JsonNode proof = root.get("inclusionProof");
        if (proof == null || !proof.isArray()) {
            throw new FormatException("bundle field 'inclusionProof' is missing or not an array");
        }
        if (proof.size() > MAX_PROOF) {
            throw new FormatException("bundle inclusion proof has " + proof.size() + " hashes, at most " + MAX_PROOF);
        }
        List<byte[]> hashes = new ArrayList<>(proof.size());
        for (JsonNode h : proof) {
            if (!h.isTextual()) {
                throw new FormatException("bundle inclusion proof entries must be base64 strings");
            }
            hashes.add(base64(h.textValue(), "inclusionProof"));
        }
        JsonNode status = root.get("status");
        Optional<byte[]> st = Optional.empty();
        if (status != null && !status.isNull()) {
            if (!status.isTextual()) {
                throw new FormatException("bundle field 'status' must be a base64 string");
            }
            st = Optional.of(base64(status.textValue(), "status"));
        }
        return new Bundle(envelope, checkpoint, index, size, hashes, st);
    }

    /** Returns the bundle's JSON. */
    public byte[] toJson() {
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode root = JSON.createObjectNode();
        root.put("mediaType", MEDIA_TYPE);
        root.put("envelope", b64.encodeToString(envelope));
        root.put("checkpoint", new String(checkpoint, StandardCharsets.UTF_8));
        root.put("leafIndex", leafIndex);
        root.put("treeSize", treeSize);
        ArrayNode proof = root.putArray("inclusionProof");
        inclusionProof.forEach(h -> proof.add(b64.encodeToString(h)));
        status.ifPresent(s -> root.put("status", b64.encodeToString(s)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serializing a tree of strings cannot fail", e);
        }
    }

    private static String text(JsonNode root, String field) throws FormatException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw new FormatException("bundle field '" + field + "' is missing");
        }
        if (!n.isTextual()) {
            throw new FormatException("bundle field '" + field + "' must be a string");
        }
        return n.textValue();
    }

    private static long number(JsonNode root, String field) throws FormatException {
        JsonNode n = root.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new FormatException("bundle field '" + field + "' must be a whole number");
        }
        return n.longValue();
    }

    private static byte[] base64(String text, String field) throws FormatException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new FormatException("bundle field '" + field + "' is not valid base64", e);
        }
    }
}
