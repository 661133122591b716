package org.computegov.cli;

/**
 * A command could not do its work for a reason outside the user's input (a server unreachable or failing, a file
 * system error): exit code 1 with a plain message, no stack trace.
 */
final class CommandFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
