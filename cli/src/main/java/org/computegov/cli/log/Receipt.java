package org.computegov.cli.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.merkle.Rfc6962;

/**
 * The log's answer to a submission: {@code {"index", "leafHash", "checkpoint", "inclusionProof"}}, the proof being
 * against the signed checkpoint it carries. Everything in it is verified before use, never trusted.
 */
public record Receipt(long index, byte[] leafHash, byte[] checkpoint, List<byte[]> inclusionProof) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses receipt JSON strictly: every field present, with the right type and encoding. */
    public static Receipt parse(byte[] json) throws FormatException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new FormatException("receipt is not valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new FormatException("receipt must be a JSON object");
        }
        JsonNode index = root.get("index");
        if (index == null || !index.canConvertToLong() || !index.isIntegralNumber() || index.asLong() < 0) {
            throw new FormatException("receipt field 'index' must be a non-negative integer");
        }
        byte[] leafHash = Bytes.decodeBase64Strict(text(root, "leafHash"), "receipt field 'leafHash'");
        if (leafHash.length != Rfc6962.HASH_SIZE) {
            throw new FormatException("receipt field 'leafHash' must be " + Rfc6962.HASH_SIZE + " bytes, got " + leafHash.length);
        }
        byte[] checkpoint = text(root, "checkpoint").getBytes(StandardCharsets.UTF_8);
        JsonNode proof = root.get("inclusionProof");
        if (proof == null || !proof.isArray()) {
            throw new FormatException("receipt field 'inclusionProof' must be an array of base64 hashes");
        }
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < proof.size(); i++) {
            JsonNode h = proof.get(i);
            if (!h.isTextual()) {
                throw new FormatException("receipt field 'inclusionProof[" + i + "]' must be a base64 string");
            }
            byte[] b = Bytes.decodeBase64Strict(h.asText(), "receipt field 'inclusionProof[" + i + "]'");
            if (b.length != Rfc6962.HASH_SIZE) {
                throw new FormatException("receipt field 'inclusionProof[" + i + "]' must be " + Rfc6962.HASH_SIZE + " bytes");
            }
            hashes.add(b);
        }
        return new Receipt(index.asLong(), leafHash, checkpoint, hashes);
    }

    private static String text(JsonNode root, String field) throws FormatException {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new FormatException("receipt field '" + field + "' must be a string");
        }
        return n.asText();
    }
}
