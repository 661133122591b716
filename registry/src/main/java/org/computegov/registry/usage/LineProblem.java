package org.computegov.registry.usage;

/** A field of one input line or element is wrong; readers turn it into an {@link InputProblem}. */
final class LineProblem extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    LineProblem(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
