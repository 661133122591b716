package org.computegov.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), with two extension members: the input
 * {@code field} that was wrong and a {@code hint} at what would be right.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field, String hint) {
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types are URIs under one namespace; each names a kind of error documented in the OpenAPI file. */
    public static final String TYPE_BASE = "https://computegov.org/problems/";

    public static Problem of(String kind, String title, int status, String detail, String instance, String field,
            String hint) {
        return new Problem(TYPE_BASE + kind, title, status, detail, instance, field, hint);
    }
}
