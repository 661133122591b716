package org.computegov.registry.statement;

/**
 * Why the registry refuses a statement or a request, in HTTP terms: the server answers it as an RFC 9457 problem,
 * the CLI prints it and exits 2. Nothing has been stored when one is thrown.
 *
 * @param status the HTTP status (400 bad input, 401 unknown key or bad signature, 403 role, 404 unknown object,
 *     409 replay or conflict)
 */
public final class Rejection extends Exception {
    private final int status;
    private final String type;
    private final String title;
    private final String field;
    private final String hint;

    public Rejection(int status, String type, String title, String detail, String field, String hint) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.field = field;
        this.hint = hint;
    }

    public static Rejection badInput(String detail, String field, String hint) {
        return new Rejection(400, "invalid-statement", "Invalid statement", detail, field, hint);
    }

    public static Rejection unknownKey(String detail) {
        return new Rejection(401, "unknown-key", "Unknown or revoked key", detail, null,
                "Sign with a key registered for your actor (cgov actor list shows the keys).");
    }

    public static Rejection forbidden(String detail, String hint) {
        return new Rejection(403, "forbidden", "Not allowed for this actor", detail, null, hint);
    }

    public static Rejection notFound(String detail, String hint) {
        return new Rejection(404, "not-found", "Not found", detail, null, hint);
    }

    public static Rejection conflict(String type, String title, String detail, String hint) {
        return new Rejection(409, type, title, detail, null, hint);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
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
