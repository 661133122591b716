package org.computegov.server.log;

/** A submission the log refuses, with the HTTP status and problem kind to answer; nothing was appended. */
public final class LogRejection extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String kind;
    private final String title;

    public LogRejection(int status, String kind, String title, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.kind = kind;
        this.title = title;
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
}
