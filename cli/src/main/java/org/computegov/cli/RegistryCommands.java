package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.computegov.api.Json;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.accounting.AccountingStatements;
import org.computegov.customers.CustomerStatements;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;
import org.computegov.registry.usage.ParsedUsage;
import org.computegov.registry.usage.SacctOptions;
import org.computegov.registry.usage.SacctParser;
import org.computegov.registry.usage.UsageJson;
import org.computegov.registry.usage.UsageRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The registry from the command line: every write signs a statement with {@code --key} and sends it to
 * {@code --url}; every read is signed with the key when one is given (a provider sees its own customers, a developer
 * its own runs, the regulator everything) and public otherwise.
 */
final class RegistryCommands {
    private RegistryCommands() {}

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Parses a JSON input file; a syntax error is bad input (exit 2) that says where, not a parser's exception. */
    static JsonNode json(byte[] bytes, Path file, String what) throws InvalidInputException {
        try {
            return Json.mapper().readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null || at.getLineNr() <= 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new InvalidInputException("FILE", file + " is not valid JSON: " + e.getOriginalMessage() + where + ".",
                    "Give the " + what + " as one JSON document (format: docs/REGISTRY.md).", e);
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory cannot fail but on syntax", e);
        }
    }

    /**
     * A write whose content is a JSON file sealed into the statement: read, checked to be JSON (so a typo is
     * reported with its line and column here), sealed, signed and sent; the server checks the content.
     */
    abstract static class SealedFileCommand implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "FILE", description = "The JSON file (format: docs/REGISTRY.md).") Path file;
        private final String what;

        SealedFileCommand(String what) {
            this.what = what;
        }

        abstract Submission submission(StatementWriter w, byte[] body, JsonNode parsed);

        @Override
        public Integer call() throws Exception {
            byte[] body = Inputs.read(file, "FILE", what);
            JsonNode parsed = RegistryCommands.json(body, file, what);
            accepted(out(spec), registry.submit(submission(registry.writer(), body, parsed)), json.json);
            return 0;
        }
    }

    /** The regimes a subject's findings say it crossed and that bind now, comma-separated. */
    static String crossedInForce(JsonNode findings) {
        List<String> crossed = new ArrayList<>();
        for (JsonNode f : findings) {
            if (f.path("verdict").asText().equals("CROSSED") && f.path("inForce").asBoolean()) {
                crossed.add(f.path("regime").asText());
            }
        }
        return String.join(",", crossed);
    }

    /** Prints the server's answer to a write: what was accepted where. */
    static void accepted(PrintWriter out, JsonNode a, boolean json) {
        if (json) {
            RegistryConnection.print(out, a);
            return;
        }
        out.printf(Locale.ROOT, "accepted %s statement %s at log index %d%n", a.path("kind").asText(),
                a.path("statementId").asText(), a.path("logIndex").asLong());
        a.path("summary").fields().forEachRemaining(e -> {
            if (!e.getKey().equals("alerts")) {
                out.printf(Locale.ROOT, "  %s: %s%n", e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue());
            }
        });
        for (JsonNode al : a.path("summary").path("alerts")) {
            out.printf(Locale.ROOT, "  ALERT: %s %s reached %.0f%% of %s (%s FLOP) at %s%n", al.path("subjectKind").asText(),
                    al.path("subject").asText(), al.path("fraction").asDouble() * 100, al.path("regime").asText(),
                    Format.sci(al.path("threshold").asDouble()), al.path("reachedAt").asText());
        }
        out.flush();
    }

    /**
     * The key id ({@code name+hexid}) of a vkey ({@code name+hexid+base64}) or of a key id. The base64 may itself
     * contain '+' and a key name never does, so the id ends at the second '+'.
     */
    static String keyIdOf(String vkeyOrKeyId) {
        int first = vkeyOrKeyId.indexOf('+');
        int second = first < 0 ? -1 : vkeyOrKeyId.indexOf('+', first + 1);
        return second < 0 ? vkeyOrKeyId : vkeyOrKeyId.substring(0, second);
    }

    @Command(name = "actor", mixinStandardHelpOptions = true, description = "Actors (organizations), their roles and keys.")
    static final class ActorCommand {}

    @Command(name = "register", mixinStandardHelpOptions = true, description = "Register an actor (as a regulator).")
    static final class ActorRegister implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--id", required = true, description = "The actor's id: lowercase letters, digits, '.', '-'.") String id;
        @Option(names = "--name", required = true, description = "The organization's name.") String name;
        @Option(names = "--role", required = true, description = "regulator, compute-provider, developer, evaluator or auditor. Repeatable.") List<String> roles;
        @Option(names = "--jurisdiction", required = true, description = "ISO 3166-1 alpha-2 country, e.g. US.") String jurisdiction;
        @Option(names = "--vkey", required = true, description = "A verifier key of the actor (from 'cgov keys generate --name ID/main'). Repeatable.") List<String> vkeys;

        @Override
        public Integer call() throws Exception {
            StatementWriter w = registry.writer();
            ObjectNode p = w.predicate();
            ObjectNode a = p.putObject("actor");
            a.put("id", id).put("name", name).put("jurisdiction", jurisdiction);
            roles.forEach(a.putArray("roles")::add);
            vkeys.forEach(a.putArray("keys")::add);
            accepted(out(spec), registry.submit(w.publicStatement("actor", "actor:" + id, p, null, null)), json.json);
            return 0;
        }
    }

    @Command(name = "add-key", mixinStandardHelpOptions = true, description = "Add a key to an actor (the actor itself or a regulator signs): key rotation.")
    static final class ActorAddKey implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--actor", required = true) String actor;
        @Option(names = "--vkey", required = true, description = "The new key's verifier key, named <actor>/<key>.") String vkey;

        @Override
        public Integer call() throws Exception {
            StatementWriter w = registry.writer();
            ObjectNode p = w.predicate().put("actor", actor).put("action", "add").put("key", vkey);
            accepted(out(spec), registry.submit(w.publicStatement("key", "key:" + keyIdOf(vkey), p, null, null)), json.json);
            return 0;
        }
    }

    @Command(name = "revoke-key", mixinStandardHelpOptions = true, description = "Revoke an actor's key (the actor itself or a regulator signs).")
    static final class ActorRevokeKey implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--actor", required = true) String actor;
        @Option(names = "--key-id", required = true, description = "The key as name+hexid (or its whole vkey).") String keyId;
        @Option(names = "--compromised-at", paramLabel = "TIME", description = {"Since when the key may have been in other"
                + " hands (RFC 3339, e.g. 2026-11-25T20:00:00Z). What it signed after that stops counting, keys it added"
                + " included; without it, only what comes after the revocation is refused."}) String compromisedAt;

        @Override
        public Integer call() throws Exception {
            StatementWriter w = registry.writer();
            String id = keyIdOf(keyId);
            ObjectNode p = w.predicate().put("actor", actor).put("action", "revoke").put("key", id);
            if (compromisedAt != null) {
                try {
                    p.put("compromisedAt", java.time.Instant.parse(compromisedAt).toString());
                } catch (java.time.format.DateTimeParseException e) {
                    throw new InvalidInputException("--compromised-at", "'" + compromisedAt + "' is not an RFC 3339 UTC time.",
                            "e.g. --compromised-at 2026-11-25T20:00:00Z");
                }
            }
            accepted(out(spec), registry.submit(w.publicStatement("key", "key:" + id, p, null, null)), json.json);
            return 0;
        }
    }

    @Command(name = "rotate-root", mixinStandardHelpOptions = true, description = {
            "Rotate the root (bootstrap) regulator key: --key is the current root key, --new-key the key to rotate to;",
            "both sign the statement. From then on only the new key is the root."})
    static final class ActorRotateRoot implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--new-key", required = true, paramLabel = "FILE", description = "The new root key's signer key file"
                + " (cgov keys generate --name regulator/root-2).") Path newKey;

        @Override
        public Integer call() throws Exception {
            StatementWriter w = registry.writer();
            String text = Inputs.readText(newKey, "--new-key", "signer key").strip();
            org.computegov.ledger.keys.SignerKey next;
            try {
                next = org.computegov.ledger.keys.SignerKey.parse(text);
            } catch (org.computegov.ledger.FormatException e) {
                throw new InvalidInputException("--new-key", "File " + newKey + " does not hold a signer key: "
                        + e.getMessage() + ".", "Give a file written by 'cgov keys generate --name " + w.issuer() + "/root-2'.", e);
            }
            ObjectNode p = w.predicate().put("key", next.verifierKey().encode());
            accepted(out(spec), registry.submit(w.publicStatementCosigned("root-key", "root:" + w.issuer(), p,
                    List.of(next))), json.json);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered actors with their roles and keys (public).")
    static final class ActorList implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;

        @Override
        public Integer call() throws Exception {
            JsonNode actors = registry.get("/api/v1/registry/actors");
            if (json.printed(out(spec), actors)) {
                return 0;
            }
            Table t = new Table("actor", "name", "roles", "jurisdiction", "keys (revoked marked)");
            for (JsonNode a : actors) {
                List<String> keys = new ArrayList<>();
                a.path("keys").forEach(k -> keys.add(k.path("keyId").asText() + (k.has("compromisedAt")
                        ? " (compromised since " + k.path("compromisedAt").asText() + ")"
                        : k.has("revokedIndex") ? " (revoked)" : "")));
                List<String> roles = new ArrayList<>();
                a.path("roles").forEach(r -> roles.add(r.asText()));
                t.row(a.path("id").asText(), a.path("name").asText(), String.join(",", roles), a.path("jurisdiction").asText(),
                        String.join(" ", keys));
            }
            t.print(out(spec));
            return 0;
        }
    }

    // ---- registry -------------------------------------------------------------------------------------------------

    @Command(name = "registry", mixinStandardHelpOptions = true, description = "The registry as a whole: statistics, owners, replay.")
    static final class RegistryCommand {}

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Public statistics (no identities).")
    static final class RegistryStats implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;

        @Override
        public Integer call() throws Exception {
            RegistryConnection.print(out(spec), registry.get("/api/v1/registry/stats"));
            return 0;
        }
    }

    @Command(name = "kinds", mixinStandardHelpOptions = true, description = "The statement kinds this registry runs, with"
            + " their signer roles and the capability that runs each (public).")
    static final class RegistryKinds implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;

        @Override
        public Integer call() throws Exception {
            JsonNode kinds = registry.get("/api/v1/registry/kinds");
            if (json.printed(out(spec), kinds)) {
                return 0;
            }
            Table t = new Table("kind", "signers", "sealed", "capability");
            for (JsonNode k : kinds) {
                List<String> roles = new ArrayList<>();
                k.path("signers").forEach(r -> roles.add(r.asText()));
                t.row(k.path("kind").asText(), String.join(",", roles), k.path("sealed").asBoolean() ? "sealed" : "public",
                        k.path("capability").asText());
            }
            t.print(out(spec));
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = {
            "Rebuild the registry's tables from the log into a fresh schema and compare them with the live ones (regulator).",
            "Exit 0 when equal, 1 when any table differs."})
    static final class RegistryReplay implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;

        @Override
        public Integer call() throws Exception {
            JsonNode r = registry.post("/api/v1/registry/replay");
            boolean equal = true;
            for (JsonNode t : r.path("tables")) {
                equal &= t.path("onlyLive").asLong() == 0 && t.path("onlyReplayed").asLong() == 0;
            }
            if (json.printed(out(spec), r)) {
                return equal ? 0 : 1;
            }
            PrintWriter out = out(spec);
            out.printf(Locale.ROOT, "replayed %d log entries: %d statements applied, %d refused, %d other entries%n",
                    r.path("logSize").asLong(), r.path("applied").asLong(), r.path("refused").asLong(), r.path("otherEntries").asLong());
            Table t = new Table("table", "live rows", "replayed rows", "only live", "only replayed").alignRight(1, 2, 3, 4);
            for (JsonNode x : r.path("tables")) {
                t.row(x.path("table").asText(), x.path("liveRows").asLong(), x.path("replayedRows").asLong(),
                        x.path("onlyLive").asLong(), x.path("onlyReplayed").asLong());
            }
            t.print(out);
            out.println(equal ? "the live registry equals its replay from the log"
                    : "DIFFERENT: the live tables are not what the log says; they were altered outside the registry");
            out.flush();
            return equal ? 0 : 1;
        }
    }

}
