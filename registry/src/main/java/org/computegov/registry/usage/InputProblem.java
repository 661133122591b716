package org.computegov.registry.usage;

import java.util.Objects;

/**
 * One thing wrong with a usage input, located so that the person who produced the file can find it.
 *
 * @param where what {@code number} counts: a line of an sacct file (from 1), an element of a JSON array (from 0,
 *     as {@code jq '.[3]'} counts), or the document as a whole (number 0)
 * @param number the line or element number
 * @param field the input field that is wrong (an sacct field name such as {@code AllocTRES}, a JSON member name),
 *     or empty when the whole line or element is wrong
 * @param message what is wrong and, where it helps, what would be right
 */
public record InputProblem(Where where, int number, String field, String message) {
    public enum Where { LINE, ELEMENT, DOCUMENT }

    public InputProblem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
        field = field == null ? "" : field;
        if (number < 0) {
            throw new IllegalArgumentException("a problem's number cannot be negative: " + number);
        }
    }

    static InputProblem line(int line, String field, String message) {
        return new InputProblem(Where.LINE, line, field, message);
    }

    static InputProblem element(int index, String field, String message) {
        return new InputProblem(Where.ELEMENT, index, field, message);
    }

    static InputProblem document(String message) {
        return new InputProblem(Where.DOCUMENT, 0, "", message);
    }

    /** E.g. {@code line 7, State: unknown job state 'FOO'} or {@code element [3], chipCount: must be ...}. */
    public String describe() {
        String at = switch (where) {
            case LINE -> "line " + number;
            case ELEMENT -> "element [" + number + "]";
            case DOCUMENT -> "document";
        };
        return field.isEmpty() ? at + ": " + message : at + ", " + field + ": " + message;
    }
}
