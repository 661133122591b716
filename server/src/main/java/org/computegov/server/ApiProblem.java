package org.computegov.server;

/**
 * A request the server refuses, carrying what its RFC 9457 problem body says: HTTP status, problem kind (the last
 * segment of the problem type URI), title, detail, and optionally the parameter that was wrong and a hint. Nothing
 * was changed by a request that ends in one.
 */
public final class ApiProblem extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String kind;
    private final String title;
    private final String field;
    private final String hint;

    public ApiProblem(int status, String kind, String title, String detail, String field, String hint, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.field = field;
        this.hint = hint;
    }

    /** A 400 invalid-input problem about one parameter. */
    public static ApiProblem invalidInput(String detail, String field, String hint) {
        return new ApiProblem(400, "invalid-input", "Invalid input", detail, field, hint, null);
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    public String hint() {
        return hint;
    }
}
