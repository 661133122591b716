package org.computegov.registry.statement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * What a client sends to {@code POST /api/v1/registry/statements}:
 * {@code {"envelope": {DSSE}, "sealed": {"salt": b64, "payload": b64}, "attachment": b64}}. The envelope's bytes are
 * kept exactly as they appear in the request (the log stores what was signed, never a re-serialization).
 *
 * @param sealed the confidential payload and its salt, or null
 * @param attachment public bytes too big for the log (a screening list file), or null; the subject digest names them
 */
public record Submission(byte[] envelope, Sealed sealed, byte[] attachment) {
    /** A member given twice would be ambiguous (which envelope was meant?): refused, not last-wins. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    public static Submission parse(byte[] body) throws Rejection {
        byte[] envelope = null;
        byte[] salt = null;
        byte[] payload = null;
        byte[] attachment = null;
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw shape("the request body is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "envelope" -> {
                        if (t != JsonToken.START_OBJECT) {
                            throw shape("envelope must be the DSSE envelope object");
                        }
                        int start = (int) p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        int end = (int) p.currentLocation().getByteOffset();
                        if (start < 0 || end <= start) {
                            // The parser counts bytes only for UTF-8 input; another encoding has no exact bytes to keep.
                            throw shape("the request body must be UTF-8 JSON");
                        }
                        envelope = Arrays.copyOfRange(body, start, end);
                    }
                    case "sealed" -> {
                        if (t != JsonToken.START_OBJECT) {
                            throw shape("sealed must be {\"salt\": base64, \"payload\": base64}");
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            p.nextToken();
                            switch (f) {
                                case "salt" -> salt = base64(p, "sealed.salt");
                                case "payload" -> payload = base64(p, "sealed.payload");
                                default -> throw Rejection.badInput("unknown member sealed." + f, "sealed." + f, "Remove it.");
                            }
                        }
                    }
                    case "attachment" -> attachment = base64(p, "attachment");
                    default -> throw Rejection.badInput("unknown member " + field, field,
                            "A submission has envelope, sealed and attachment only.");
                }
            }
            if (p.nextToken() != null) {
                throw shape("trailing content after the JSON object");
            }
        } catch (IOException e) {
            throw shape("the request body is not valid JSON: " + e.getMessage());
        }
        if (envelope == null) {
            throw Rejection.badInput("the submission has no envelope", "envelope", null);
        }
        Sealed sealed = null;
        if (salt != null || payload != null) {
            if (salt == null || payload == null) {
                throw Rejection.badInput("sealed needs both salt and payload", "sealed", null);
            }
            if (salt.length < Sealed.MIN_SALT_LENGTH) {
                throw Rejection.badInput("the salt has " + salt.length + " bytes; at least " + Sealed.MIN_SALT_LENGTH
                        + " are needed", "sealed.salt", "Use 32 random bytes.");
            }
            sealed = Sealed.of(salt, payload);
        }
        return new Submission(envelope, sealed, attachment);
    }

    /** The request body for this submission. */
    public byte[] toJson() {
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder sb = new StringBuilder("{\"envelope\":").append(new String(envelope, StandardCharsets.UTF_8));
        if (sealed != null) {
            sb.append(",\"sealed\":{\"salt\":\"").append(b64.encodeToString(sealed.salt())).append("\",\"payload\":\"")
                    .append(b64.encodeToString(sealed.payload())).append("\"}");
        }
        if (attachment != null) {
            sb.append(",\"attachment\":\"").append(b64.encodeToString(attachment)).append('"');
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] base64(JsonParser p, String field) throws IOException, Rejection {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw Rejection.badInput(field + " must be a base64 string", field, null);
        }
        try {
            return Base64.getDecoder().decode(p.getText());
        } catch (IllegalArgumentException e) {
            throw Rejection.badInput(field + " is not valid base64: " + e.getMessage(), field, null);
        }
    }

    private static Rejection shape(String detail) {
        return Rejection.badInput(detail, null,
                "Send {\"envelope\": {DSSE envelope}, \"sealed\": {\"salt\": base64, \"payload\": base64}}.");
    }

}
