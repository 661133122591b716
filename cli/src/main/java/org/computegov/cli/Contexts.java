package org.computegov.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import org.computegov.api.Json;
import org.computegov.knowledge.InvalidInputException;

/**
 * Named servers, kubectl style: each context has a URL, the signing key to use there and the log's verifier key
 * (pinned on first use). Kept in {@link Env#configFile()}, mode 600 since it names key files. Flags win over
 * environment variables ({@code CGOV_URL}, {@code CGOV_KEY}, {@code CGOV_LOG_VKEY}), which win over the context.
 */
final class Contexts {
    static final String DEFAULT_URL = "http://localhost:8080";

    /** One server and how to speak to it; absent fields are null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Context(String url, String key, String logVkey) {
        Context merge(Context changes) {
            return new Context(changes.url != null ? changes.url : url, changes.key != null ? changes.key : key,
                    changes.logVkey != null ? changes.logVkey : logVkey);
        }
    }

    /** The whole file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Config(String currentContext, Map<String, Context> contexts) {
        Config {
            contexts = contexts == null ? new TreeMap<>() : new TreeMap<>(contexts);
        }
    }

    /** A context with its name. */
    record Named(String name, Context context) {}

    /** {@code --context NAME} on this command line (reset for every run). */
    static String selected;

    private Contexts() {}

    static Config load() throws InvalidInputException {
        Path file = Env.configFile();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Config(null, null);
        } catch (IOException e) {
            throw new InvalidInputException("config", "Cannot read the configuration " + file + ": " + e.getMessage() + ".",
                    "Check its permissions, or point CGOV_CONFIG at another file.", e);
        }
        try {
            return Json.mapper().readValue(new String(bytes, StandardCharsets.UTF_8), Config.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("config", "The configuration " + file + " is not valid: "
                    + e.getOriginalMessage() + ".", "Fix it by hand or remove it and run 'cgov config set-context' again.", e);
        }
    }

    /** Writes the configuration atomically, readable only by its owner. */
    static Path save(Config config) throws CommandFailure {
        Path file = Env.configFile().toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".config", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Json.writePretty(config) + "\n");
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException | UnsupportedOperationException e) {
            throw new CommandFailure("cannot write the configuration " + file + ": " + e.getMessage(), e);
        }
    }

    /** The context in use: --context, else $CGOV_CONTEXT, else the file's current context; null if none. */
    static Named current() throws InvalidInputException {
        String name = selected != null ? selected : Env.get("CGOV_CONTEXT");
        String field = selected != null ? "--context" : "CGOV_CONTEXT";
        Config config = load();
        if (name == null) {
            name = config.currentContext();
            field = "config";
            if (name == null) {
                return null;
            }
        }
        Context c = config.contexts().get(name);
        if (c == null) {
            throw new InvalidInputException(field, "There is no context '" + name + "' in " + Env.configFile() + ".",
                    "List them with 'cgov config get-contexts', or create it with 'cgov config set-context " + name
                            + " --url URL'.");
        }
        return new Named(name, c);
    }

    /** The server URL: the flag, else $CGOV_URL, else the context's, else {@value #DEFAULT_URL}. */
    static String url(String flag) throws InvalidInputException {
        if (flag != null) {
            return flag;
        }
        if (Env.get("CGOV_URL") != null) {
            return Env.get("CGOV_URL");
        }
        Named c = current();
        return c != null && c.context().url() != null ? c.context().url() : DEFAULT_URL;
    }

    /** The signing key file: the flag, else $CGOV_KEY, else the context's; null if none. */
    static Path keyFile(Path flag) throws InvalidInputException {
        if (flag != null) {
            return flag;
        }
        if (Env.get("CGOV_KEY") != null) {
            return Path.of(Env.get("CGOV_KEY"));
        }
        Named c = current();
        return c != null && c.context().key() != null ? Path.of(c.context().key()) : null;
    }

    /** The log's verifier key given by flag or $CGOV_LOG_VKEY, else the one pinned in the context; null if none. */
    static String logVkey(String flag) throws InvalidInputException {
        if (flag != null) {
            return flag;
        }
        if (Env.get("CGOV_LOG_VKEY") != null) {
            return Env.get("CGOV_LOG_VKEY");
        }
        Named c = current();
        return c != null ? c.context().logVkey() : null;
    }

    /** Pins a log verifier key in the named context (trust on first use). */
    static void pin(String contextName, String logVkey) throws InvalidInputException, CommandFailure {
        Config config = load();
        Context c = config.contexts().get(contextName);
        config.contexts().put(contextName, c.merge(new Context(null, null, logVkey)));
        save(config);
    }
}
