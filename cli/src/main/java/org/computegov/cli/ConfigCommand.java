package org.computegov.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cgov config}: named contexts (server URL, signing key, pinned log key), like kubectl's. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Save servers once: named contexts with a URL, your signing key and the log's verifier key.",
                "Kept in $XDG_CONFIG_HOME/computegov/config.json (default ~/.config/computegov; $CGOV_CONFIG names "
                        + "another file), mode 600. Flags, then CGOV_URL, CGOV_KEY and CGOV_LOG_VKEY, override the "
                        + "current context; --context NAME or CGOV_CONTEXT choose another for one command."})
final class ConfigCommand {

    @Command(name = "set-context", mixinStandardHelpOptions = true,
            description = "Create a context or change the fields given (the others are kept).")
    static final class SetContext implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The context's name, e.g. local or eu-registry.") String name;
        @Option(names = "--url", paramLabel = "URL", description = "The server's base URL, e.g. http://127.0.0.1:8080.") String url;
        @Option(names = "--key", paramLabel = "FILE", description = "Your private signer key file for this server (kept as an absolute path; the key itself is not copied).") Path key;
        @Option(names = "--log-vkey", paramLabel = "VKEY", description = "Pin the log's verifier key now instead of on first use.") String logVkey;
        @Option(names = "--use", description = "Also make it the current context.") boolean use;

        @Override
        public Integer call() throws Exception {
            checkName(name);
            String u = url == null ? null : Inputs.baseUrl(url, "--url").toString();
            String k = null;
            if (key != null) {
                SignerKeySource.parse(key, spec.commandLine().getErr());
                k = key.toAbsolutePath().normalize().toString();
            }
            String v = logVkey == null ? null : Inputs.ed25519Verifier(logVkey, "--log-vkey").verifierKey().encode();
            Contexts.Config config = Contexts.load();
            Contexts.Context old = config.contexts().get(name);
            Contexts.Context changes = new Contexts.Context(u, k, v);
            if (old != null && u != null && old.url() != null && !u.equals(old.url()) && v == null && old.logVkey() != null) {
                // Another server means another log: its key is pinned afresh on first use.
                old = new Contexts.Context(old.url(), old.key(), null);
                spec.commandLine().getErr().println("cgov: the URL changed, so the pinned log key was dropped; it is pinned again on first use");
            }
            config.contexts().put(name, old == null ? changes : old.merge(changes));
            String current = use || config.currentContext() == null ? name : config.currentContext();
            Path file = Contexts.save(new Contexts.Config(current, config.contexts()));
            PrintWriter err = spec.commandLine().getErr();
            err.println("cgov: context '" + name + "' " + (old == null ? "created" : "updated") + " in " + file
                    + (name.equals(current) ? "; it is the current context" : ""));
            err.flush();
            return 0;
        }
    }

    @Command(name = "use-context", mixinStandardHelpOptions = true, description = "Make a context the current one.")
    static final class UseContext implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "An existing context's name.") String name;

        @Override
        public Integer call() throws Exception {
            Contexts.Config config = Contexts.load();
            existing(config, name);
            Contexts.save(new Contexts.Config(name, config.contexts()));
            spec.commandLine().getErr().println("cgov: switched to context '" + name + "'");
            spec.commandLine().getErr().flush();
            return 0;
        }
    }

    @Command(name = "current-context", mixinStandardHelpOptions = true, description = "Print the current context's name.")
    static final class CurrentContext implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin JsonOption json;

        @Override
        public Integer call() throws Exception {
            Contexts.Named c = Contexts.current();
            if (c == null) {
                throw new CheckFailed("No current context.", "Create one: cgov config set-context NAME --url URL --use.");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (!json.printed(out, Map.of("name", c.name()))) {
                out.println(c.name());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "get-contexts", mixinStandardHelpOptions = true, description = "List the contexts; * marks the current one.")
    static final class GetContexts implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin JsonOption json;

        @Override
        public Integer call() throws Exception {
            Contexts.Config config = Contexts.load();
            Contexts.Named current = config.contexts().isEmpty() ? null : Contexts.current();
            PrintWriter out = spec.commandLine().getOut();
            List<Map<String, Object>> rows = new ArrayList<>();
            config.contexts().forEach((name, c) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", name);
                m.put("current", current != null && current.name().equals(name));
                m.put("url", c.url());
                m.put("key", c.key());
                m.put("logVkey", c.logVkey());
                rows.add(m);
            });
            if (json.printed(out, Map.of("contexts", rows))) {
                return 0;
            }
            Table t = new Table("", "name", "url", "key", "log key");
            for (Map<String, Object> m : rows) {
                t.row(Boolean.TRUE.equals(m.get("current")) ? "*" : "", m.get("name"), m.get("url"), m.get("key"),
                        m.get("logVkey") == null ? "(pinned on first use)" : m.get("logVkey"));
            }
            t.print(out);
            return 0;
        }
    }

    @Command(name = "delete-context", mixinStandardHelpOptions = true, description = "Remove a context.")
    static final class DeleteContext implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "An existing context's name.") String name;

        @Override
        public Integer call() throws Exception {
            Contexts.Config config = Contexts.load();
            existing(config, name);
            config.contexts().remove(name);
            String current = name.equals(config.currentContext()) ? null : config.currentContext();
            Contexts.save(new Contexts.Config(current, config.contexts()));
            spec.commandLine().getErr().println("cgov: deleted context '" + name + "'"
                    + (current == null ? "; there is no current context now" : ""));
            spec.commandLine().getErr().flush();
            return 0;
        }
    }

    static void checkName(String name) throws InvalidInputException {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidInputException("NAME", "Context name '" + Inputs.abbreviate(name) + "' is not allowed.",
                    "Use letters, digits, '.', '_' and '-' (up to 64), e.g. local or eu-registry.");
        }
    }

    static void existing(Contexts.Config config, String name) throws InvalidInputException {
        if (!config.contexts().containsKey(name)) {
            throw new InvalidInputException("NAME", "There is no context '" + name + "'.",
                    config.contexts().isEmpty() ? "Create one: cgov config set-context " + name + " --url URL."
                            : "Known: " + String.join(", ", config.contexts().keySet()) + ".");
        }
    }
}
