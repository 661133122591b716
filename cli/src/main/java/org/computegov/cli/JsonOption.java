package org.computegov.cli;

import java.io.PrintWriter;
import org.computegov.api.Json;
import picocli.CommandLine.Option;

/** The {@code --json} switch every reporting command shares: machine-readable output with the API's field names. */
final class JsonOption {
    @Option(names = "--json", description = "Print JSON (the HTTP API's field names) instead of a table.")
    boolean json;

    /** Prints {@code value} as JSON when --json was given and returns true; otherwise returns false. */
    boolean printed(PrintWriter out, Object value) {
        if (json) {
            out.println(Json.writePretty(value));
            out.flush();
        }
        return json;
    }
}
