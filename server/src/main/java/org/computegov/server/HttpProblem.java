package org.computegov.server;

/** An error a handler raises on purpose, carrying the HTTP status and problem kind it should answer with. */
public final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String kind;
    private final String title;
    private final String field;
    private final String hint;

    public HttpProblem(int status, String kind, String title, String detail, String field, String hint) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.field = field;
        this.hint = hint;
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
