package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import org.computegov.api.Json;
import org.computegov.cli.log.LogHttp;
import org.computegov.knowledge.InvalidInputException;

/**
 * Which verifier key the log's checkpoints must verify under: given (--vkey, $CGOV_LOG_VKEY), pinned in the
 * current context, or, the first time a context meets its log, the key the server states, pinned from then on
 * (trust on first use). After that a server stating another key is a failed check, not a new key.
 */
final class LogTrust {
    private LogTrust() {}

    /** What the server says about its log. */
    record Info(String origin, long size, String verifierKey) {}

    static Info fetch(LogHttp http, URI base) throws CommandFailure {
        URI uri = URI.create(base + "/api/v1/log/info");
        LogHttp.Response r;
        try {
            r = http.get(uri, LogCommand.MAX_ANSWER);
        } catch (IOException e) {
            throw new CommandFailure("cannot reach the log at " + base + ": " + e.getMessage()
                    + " (is 'cgov serve' running there?)", e);
        }
        if (!r.ok()) {
            throw new CommandFailure("GET " + uri + " answered HTTP " + r.status() + ": "
                    + LogCommand.Submit.problemText(r));
        }
        try {
            JsonNode n = Json.mapper().readTree(r.body());
            String vkey = n.path("verifierKey").asText(null);
            if (vkey == null || !n.path("size").canConvertToLong()) {
                throw new IOException("no verifierKey or size");
            }
            return new Info(n.path("origin").asText(""), n.path("size").asLong(), vkey);
        } catch (IOException e) {
            throw new CommandFailure("GET " + uri + " did not answer the log's info: " + e.getMessage());
        }
    }

    /**
     * The log key to verify against, or null when none is known and {@code required} is false.
     *
     * @param online whether the server may be asked (trust on first use needs it and a current context)
     */
    static String resolve(String flag, LogHttp http, URI base, PrintWriter err, boolean required)
            throws InvalidInputException, CommandFailure {
        String known = Contexts.logVkey(flag);
        if (known != null) {
            return known;
        }
        Contexts.Named context = Contexts.current();
        if (context != null && http != null) {
            Info info = fetch(http, base);
            Inputs.ed25519Verifier(info.verifierKey(), "the server's log key");
            Contexts.pin(context.name(), info.verifierKey());
            err.println("cgov: pinned the log key " + info.verifierKey() + " in context '" + context.name()
                    + "' (trust on first use: compare it with the one the operator published)");
            err.flush();
            return info.verifierKey();
        }
        if (required) {
            throw new InvalidInputException("--vkey", "This command needs the log's verifier key.",
                    "Give --vkey VKEY (the server prints it at start), set CGOV_LOG_VKEY, or use a context: "
                            + "cgov config set-context NAME --url URL && cgov config use-context NAME pins it on first use.");
        }
        return null;
    }
}
