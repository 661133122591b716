package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.computegov.api.Json;
import org.computegov.console.Console;
import org.computegov.console.auth.Enrolment;
import org.computegov.console.auth.PasswordHash;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cgov console user add}: enrols a web-console user for an actor, signed with the actor's (or a regulator's) key. */
@Command(name = "console", mixinStandardHelpOptions = true, description = "The web console's users.")
final class ConsoleCommand {
    static final int MIN_PASSWORD = 12;

    @Command(name = "user", mixinStandardHelpOptions = true, description = "Console users: people who sign in to the web console.",
            subcommands = {UserAdd.class})
    static final class User {}

    @Command(name = "add", mixinStandardHelpOptions = true, description = {
            "Enrol a console user bound to an actor: they sign in with this username and password and see what the actor's roles allow.",
            "The password is hashed (Argon2id) here; only the hash, signed with --key, goes to the server.",
            "Sign with the actor's own key, or a regulator's to enrol a user for any actor."})
    static final class UserAdd implements Callable<Integer> {
        @Mixin
        RegistryConnection connection;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--actor", required = true, paramLabel = "ID", description = "The actor the user acts for, e.g. cloud-a.")
        String actor;

        @Option(names = "--username", required = true, paramLabel = "NAME",
                description = "The sign-in name: 2-63 lower-case letters, digits, '.', '_' or '-'.")
        String username;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input instead of prompting.")
        boolean passwordStdin;

        @Option(names = "--store-key", description = {"Also store --key, sealed under the password (Argon2id + AES-256-GCM), so the",
                "console can sign actions for this user after they sign in. Only the actor's own key."})
        boolean storeKey;

        @Option(names = "--replace", description = "Change the password of an existing user of this actor (signs out its sessions).")
        boolean replace;

        @Option(names = "--json", description = "Print the server's answer as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            SignerKey key = connection.signerKey(true);
            String signer = RegistryConnection.actorOf(key);
            if (storeKey && !signer.equals(actor)) {
                throw new InvalidInputException("--store-key", "--store-key stores the signing key for the user, and --key is "
                        + signer + "'s, not " + actor + "'s.", "Sign with " + actor + "'s own key to store it, or drop --store-key.");
            }
            char[] password = password();
            try {
                byte[] envelope = Enrolment.sign(key, username.strip(), actor.strip(), password,
                        storeKey ? key.encode().getBytes(StandardCharsets.UTF_8) : null, replace, Clock.systemUTC(),
                        PasswordHash.Cost.OWASP);
                URI uri = Inputs.baseUrl(connection.url, "--url").resolve(Console.ENROL_PATH);
                JsonNode answer = connection.answer(() -> {
                    HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                            HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    JsonNode body = r.body().isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(r.body());
                    return new RegistryClient.Answer(r.statusCode(), body);
                });
                if (json) {
                    RegistryConnection.print(spec.commandLine().getOut(), answer);
                } else {
                    spec.commandLine().getOut().println("enrolled " + answer.path("username").asText() + " for "
                            + answer.path("actor").asText() + (answer.path("keyStored").asBoolean() ? " (key stored, sealed)" : "")
                            + "; sign in at " + connection.url.replaceAll("/+$", "") + "/console/sign-in");
                    spec.commandLine().getOut().flush();
                }
                return 0;
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private char[] password() throws Exception {
            char[] p;
            if (passwordStdin) {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                p = line == null ? new char[0] : line.toCharArray();
            } else {
                java.io.Console tty = System.console();
                if (tty == null) {
                    throw new InvalidInputException("--password-stdin", "No terminal to ask for the password on.",
                            "Pipe it in with --password-stdin, e.g. from a password manager.");
                }
                p = tty.readPassword("Password for %s: ", username);
                char[] again = tty.readPassword("Again: ");
                if (p == null || again == null || !Arrays.equals(p, again)) {
                    throw new InvalidInputException("--password-stdin", "The two passwords differ.", "Run the command again.");
                }
                Arrays.fill(again, '\0');
            }
            if (p.length < MIN_PASSWORD || p.length > 256) {
                throw new InvalidInputException("--password-stdin", "A console password has " + MIN_PASSWORD
                        + " to 256 characters, got " + p.length + ".", "Use a passphrase of a few words.");
            }
            return p;
        }
    }
}
