package org.computegov.knowledge;

/**
 * Bad input from outside (a user, a file, a request): says which field was wrong, what was wrong, and what
 * would be right. The CLI turns it into exit code 2, the server into an RFC 9457 problem with status 400.
 */
public class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String hint;

    public InvalidInputException(String field, String message, String hint) {
        super(message);
        this.field = field;
        this.hint = hint;
    }

    public InvalidInputException(String field, String message, String hint, Throwable cause) {
        super(message, cause);
        this.field = field;
        this.hint = hint;
    }

    /** The input field, option or parameter that was wrong (e.g. {@code chip}, {@code --flop}). */
    public String field() {
        return field;
    }

    /** What would be right, phrased for the person who typed it; may be empty. */
    public String hint() {
        return hint;
    }

    /** Message and hint as one sentence pair, for terminals and problem details. */
    public String describe() {
        if (hint == null || hint.isEmpty()) {
            return getMessage();
        }
        String message = getMessage();
        // A message that is not a whole sentence (a server's "no run x of y") still reads as two sentences.
        boolean ended = !message.isEmpty() && ".!?:".indexOf(message.charAt(message.length() - 1)) >= 0;
        return message + (ended ? " " : ". ") + hint;
    }
}
