package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.client.RegistryClient;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;
import picocli.CommandLine.Option;

/**
 * The options every registry command shares: the server ({@code --url}) and the actor's key ({@code --key}, whose
 * name {@code <actor>/<key>} says which actor speaks). Turns the server's problems into the CLI's: 4xx → exit 2 with
 * the server's detail and hint, unreachable or 5xx → exit 1.
 */
final class RegistryConnection {
    @Option(names = "--url", paramLabel = "URL",
            description = "The registry server (default $CGOV_URL, then the current context's, then " + Contexts.DEFAULT_URL + ").")
    String url;

    @Option(names = "--key", paramLabel = "FILE",
            description = "Your signer key (name <actor>/<key>, from 'cgov keys generate'; default $CGOV_KEY, then the "
                    + "current context's). Reads without it are public.")
    Path key;

    SignerKey signerKey(boolean required) throws InvalidInputException {
        Path key = Contexts.keyFile(this.key);
        if (key == null) {
            if (required) {
                throw new InvalidInputException("--key", "This command signs a statement and needs your key.",
                        "Give --key FILE (a key named <actor>/<key>, e.g. from 'cgov keys generate --name acme/main').");
            }
            return null;
        }
        String text = Inputs.readText(key, "--key", "signer key").strip();
        try {
            return SignerKey.parse(text);
        } catch (FormatException e) {
            throw new InvalidInputException("--key", "File " + key + " does not hold a signer key: " + e.getMessage() + ".",
                    "Give a file written by 'cgov keys generate'.", e);
        }
    }

    /** The actor a key speaks for: its name up to the first slash. */
    static String actorOf(SignerKey key) throws InvalidInputException {
        int slash = key.name().indexOf('/');
        if (slash <= 0) {
            throw new InvalidInputException("--key", "Key '" + key.name() + "' is not named <actor>/<key>.",
                    "Registry keys are named after their actor, e.g. 'cgov keys generate --name acme/main'.");
        }
        return key.name().substring(0, slash);
    }

    StatementWriter writer() throws InvalidInputException {
        SignerKey k = signerKey(true);
        return new StatementWriter(k, actorOf(k), Clock.systemUTC());
    }

    RegistryClient client(boolean signed) throws InvalidInputException {
        URI base = Inputs.baseUrl(Contexts.url(url), "--url");
        return new RegistryClient(base, signed ? signerKey(false) : null, Clock.systemUTC());
    }

    JsonNode submit(Submission s) throws InvalidInputException, CommandFailure {
        return answer(() -> client(false).submit(s));
    }

    JsonNode get(String pathAndQuery) throws InvalidInputException, CommandFailure {
        return answer(() -> client(true).get(pathAndQuery));
    }

    JsonNode post(String pathAndQuery) throws InvalidInputException, CommandFailure {
        return answer(() -> client(true).post(pathAndQuery));
    }

    interface Request {
        RegistryClient.Answer send() throws Exception;
    }

    JsonNode answer(Request r) throws InvalidInputException, CommandFailure {
        return answer(r, null).body();
    }

    /**
     * The answer to a request: a success, or a 4xx problem of type {@code expected} (a problem the command handles
     * itself, or null for none); any other problem is thrown as {@link #answer(Request)} throws it.
     */
    RegistryClient.Answer answer(Request r, String expected) throws InvalidInputException, CommandFailure {
        RegistryClient.Answer a;
        try {
            a = r.send();
        } catch (InvalidInputException e) {
            throw e;
        } catch (ConnectException e) {
            throw new CommandFailure("cannot reach the registry at " + Contexts.url(url) + " (is 'cgov serve' running?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        } catch (Exception e) {
            throw new CommandFailure("the registry at " + Contexts.url(url) + " could not be asked: " + e.getMessage(), e);
        }
        if (a.ok() || expected != null && a.status() < 500 && expected.equals(a.body().path("type").asText())) {
            return a;
        }
        JsonNode b = a.body();
        String detail = b.path("detail").asText(b.toString());
        String title = b.path("title").asText("HTTP " + a.status());
        if (a.status() >= 500) {
            throw new CommandFailure("the registry failed (" + a.status() + " " + title + "): " + detail);
        }
        String field = b.path("field").isMissingNode() || b.path("field").isNull() ? "request" : b.path("field").asText();
        throw new InvalidInputException(field, title + " (HTTP " + a.status() + "): " + detail,
                b.path("hint").isMissingNode() || b.path("hint").isNull() ? null : b.path("hint").asText());
    }

    static void print(PrintWriter out, JsonNode value) {
        out.println(org.computegov.api.Json.writePretty(value));
        out.flush();
    }
}
