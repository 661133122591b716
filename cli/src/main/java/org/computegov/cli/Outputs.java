package org.computegov.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.computegov.knowledge.InvalidInputException;

/** Writing what a command produces to a file named by an option, or to standard output for {@code -}. */
final class Outputs {
    private Outputs() {}

    static void write(Path file, byte[] bytes, String field, PrintWriter stdout) throws InvalidInputException {
        if (Inputs.isStdio(file)) {
            stdout.print(new String(bytes, StandardCharsets.UTF_8));
            stdout.flush();
            return;
        }
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new InvalidInputException(field, "Cannot write " + file + ": " + e.getMessage() + ".",
                    "Choose a writable path.", e);
        }
    }
}
