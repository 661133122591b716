package org.computegov.cli;

/**
 * A check the user asked for came out negative: a signature, an inclusion proof or an audit that does not verify.
 * Exit code 1 (the input was well formed; what it claims is not true), with what failed and what to do next.
 */
final class CheckFailed extends Exception {
    private static final long serialVersionUID = 1L;
    private final String hint;

    CheckFailed(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    CheckFailed(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    String describe() {
        return hint == null || hint.isEmpty() ? getMessage() : getMessage() + " " + hint;
    }
}
