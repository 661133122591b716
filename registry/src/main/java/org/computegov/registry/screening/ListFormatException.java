package org.computegov.registry.screening;

import org.computegov.knowledge.InvalidInputException;

/**
 * A screening list file that cannot be read: names the file, the line (1-based, 0 when the problem is not tied
 * to a line) and what is wrong, e.g. {@code csl.csv line 1: no "name" column}.
 */
public final class ListFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long line;

    public ListFormatException(String file, long line, String problem, String hint) {
        super(file, (line > 0 ? file + " line " + line + ": " : file + ": ") + problem, hint);
        this.file = file;
        this.line = line;
    }

    public ListFormatException(String file, long line, String problem, String hint, Throwable cause) {
        super(file, (line > 0 ? file + " line " + line + ": " : file + ": ") + problem, hint, cause);
        this.file = file;
        this.line = line;
    }

    /** The file (or source description) that was being read. */
    public String file() {
        return file;
    }

    /** 1-based line where the problem is; 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
