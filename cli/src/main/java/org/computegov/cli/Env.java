package org.computegov.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the command reads from its process besides arguments: environment variables, standard input, whether a
 * person is watching. Tests substitute their own, so that in-process runs see what a shell would give them.
 */
final class Env {
    static Function<String, String> variables = System::getenv;
    static Supplier<InputStream> stdin = () -> System.in;
    /** Whether standard output and error are a terminal (a person is watching): progress bars only then. */
    static Supplier<Boolean> interactive = () -> System.console() != null && !"dumb".equals(System.getenv("TERM"));

    private Env() {}

    static String get(String name) {
        String v = variables.apply(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** $XDG_CONFIG_HOME/computegov, else ~/.config/computegov; $CGOV_CONFIG names the file itself. */
    static Path configFile() {
        String explicit = get("CGOV_CONFIG");
        if (explicit != null) {
            return Path.of(explicit);
        }
        String xdg = get("XDG_CONFIG_HOME");
        Path base = xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("computegov").resolve("config.json");
    }

    /** Restores the real process (after a test). */
    static void reset() {
        variables = System::getenv;
        stdin = () -> System.in;
        interactive = () -> System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }
}
