package org.computegov.registry.kernel;

/** A route's answer when it is not a 200 with JSON: another status, or another content type. */
public record Answer(int status, String contentType, byte[] body) {
    public static Answer json(int status, Object value) {
        try {
            return new Answer(status, "application/json", Json.MAPPER.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not serializable as JSON", e);
        }
    }
}
