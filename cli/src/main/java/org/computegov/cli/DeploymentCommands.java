package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.computegov.deployment.authorization.Authorization;
import org.computegov.deployment.authorization.RegistryBundles;
import org.computegov.deployment.oms.Manifest;
import org.computegov.deployment.oms.Reuse;
import org.computegov.deployment.registry.DeploymentStatements;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.bundle.Bundle;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.statement.StatementWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cgov deploy}: the regulator's deployment authorizations as registry statements and their offline bundles
 * (the log entry, the log's receipt, a status signed now), providers' deployments, and the serving check.
 */
final class DeploymentCommands {
    private DeploymentCommands() {}

    /** A statement stays well inside the log's entry limit; larger manifests are authorized by root only. */
    static final int MAX_ENTRY = 60_000;

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Authorize deploying a model fingerprint, register deployments, and check weights before serving.")
    static final class DeployCommand {}

    @Command(name = "authorize", mixinStandardHelpOptions = true,
            description = {"Authorize deploying the model in DIR (as the regulator): hash it, log a deployment-authorization "
                    + "statement, and write its offline bundle (entry, checkpoint, inclusion proof, status signed now) for "
                    + "'cgov model verify --authorization'.",
                    "The model must be registered (cgov model register). The authorization lists the model's files when they fit, "
                            + "so a denial can name the files that differ."})
    static final class Authorize implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Mixin ModelCommand.HashOptions options;
        @Parameters(paramLabel = "DIR", description = "The model folder as it was evaluated.") Path dir;
        @Option(names = "--id", paramLabel = "ID", required = true, description = "The authorization's identifier, e.g. AUTH-2026-0042.") String id;
        @Option(names = "--region", paramLabel = "REGION", description = "A region it may be served in; repeatable (none: anywhere).") List<String> regions = new ArrayList<>();
        @Option(names = "--provider", paramLabel = "ACTOR", description = "A provider that may serve it; repeatable (none: any).") List<String> providers = new ArrayList<>();
        @Option(names = "--usage-limit", paramLabel = "NAME=VALUE", description = "A usage limit, e.g. requestsPerDay=1e6; repeatable.") List<String> limits = new ArrayList<>();
        @Option(names = "--valid-from", paramLabel = "INSTANT", description = "In force from (RFC 3339; default now).") String validFrom;
        @Option(names = "--valid-until", paramLabel = "INSTANT", description = "In force until (RFC 3339; default: until revoked).") String validUntil;
        @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the bundle; - for stdout.") Path out;

        @Override
        public Integer call() throws Exception {
            SignerKey key = registry.signerKey(true);
            Map<String, Double> usage = new LinkedHashMap<>();
            for (String l : limits) {
                int eq = l.indexOf('=');
                try {
                    usage.put(l.substring(0, eq), Double.parseDouble(l.substring(eq + 1)));
                } catch (RuntimeException e) {
                    throw new InvalidInputException("--usage-limit", "--usage-limit '" + l + "' is not NAME=NUMBER.",
                            "Write e.g. requestsPerDay=1e6.", e);
                }
            }
            Instant from = validFrom == null ? Instant.now().minusSeconds(1) : instant(validFrom, "--valid-from");
            Optional<Instant> until = validUntil == null ? Optional.empty() : Optional.of(instant(validUntil, "--valid-until"));
            if (until.isPresent() && !until.get().isAfter(from)) {
                throw new InvalidInputException("--valid-until", "--valid-until must be after --valid-from.", "Check the dates.");
            }
            Manifest m = ModelCommand.hash(options, dir, options.serialization(List.of()), Reuse.NONE, spec.commandLine().getErr()).manifest();
            StatementWriter w = registry.writer();
            Authorization a = Authorization.of(id, m, true, regions, providers, usage, from, until);
            var s = DeploymentStatements.authorize(w, w.predicate(), a);
            if (s.envelope().length > MAX_ENTRY) { // too many files to list: the root still binds them all
                a = Authorization.of(id, m, false, regions, providers, usage, from, until);
                s = DeploymentStatements.authorize(w, w.predicate(), a);
            }
            JsonNode accepted = registry.submit(s);
            Bundle b = bundle(registry, key, id);
            write(out, b.toJson(), spec);
            if (!out.toString().equals("-")) {
                if (json.json) {
                    RegistryConnection.print(RegistryCommands.out(spec), accepted);
                } else {
                    RegistryCommands.out(spec).println("authorized " + m.modelName() + " (root " + m.rootHex() + ") as " + id
                            + ": log entry " + accepted.path("logIndex").asLong() + (a.resources().isEmpty()
                            ? ", files not listed (too many)" : "") + "; bundle in " + out);
                }
            }
            RegistryCommands.out(spec).flush();
            return 0;
        }
    }

    /** The authorization's bundle from the registry: its log entry and receipt, and a status signed now. */
    static Bundle bundle(RegistryConnection registry, SignerKey key, String id) throws Exception {
        JsonNode a = registry.get("/api/v1/registry/authorizations/" + RegistryCommands.enc(id));
        long index = a.path("logIndex").asLong();
        byte[] entry;
        JsonNode receipt;
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(Contexts.url(registry.url)
                    .replaceAll("/$", "") + "/api/v1/log/entries/" + index)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new CommandFailure("the log has no entry " + index + " (HTTP " + r.statusCode() + ")");
            }
            entry = r.body();
            receipt = registry.client(false).get("/api/v1/log/receipt?index=" + index).body();
        } catch (java.io.IOException e) {
            throw new CommandFailure("cannot reach the registry at " + Contexts.url(registry.url) + ": " + e.getMessage(), e);
        }
        try {
            return RegistryBundles.of(entry, receipt, a, key, Instant.now());
        } catch (FormatException e) {
            throw new CommandFailure("the log's receipt cannot be read: " + e.getMessage(), e);
        }
    }

    @Command(name = "bundle", mixinStandardHelpOptions = true,
            description = {"Write an authorization's offline bundle (as the regulator) with a status signed now from the registry's "
                    + "standing. Providers accept a status younger than their --max-age: re-issue bundles more often than that."})
    static final class MakeBundle implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ID", description = "The authorization's id.") String id;
        @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the bundle; - for stdout.") Path out;

        @Override
        public Integer call() throws Exception {
            Bundle b = bundle(registry, registry.signerKey(true), id);
            write(out, b.toJson(), spec);
            if (!out.toString().equals("-")) {
                RegistryCommands.out(spec).println(json.json ? org.computegov.registry.kernel.Json.object().put("out", out.toString())
                        .put("leafIndex", b.leafIndex()).put("treeSize", b.treeSize()).toString()
                        : "wrote " + out + " (entry " + b.leafIndex() + " of " + b.treeSize() + ", status as of now)");
                RegistryCommands.out(spec).flush();
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Set an authorization's standing (as the regulator): valid, suspended or revoked (final). Bundles made after it carry it.")
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ID", description = "The authorization's id.") String id;
        @Option(names = "--state", paramLabel = "STATE", required = true, description = "valid, suspended or revoked.") String state;
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (for suspended or revoked).") String reason;

        @Override
        public Integer call() throws Exception {
            StatementWriter w = registry.writer();
            RegistryCommands.accepted(RegistryCommands.out(spec),
                    registry.submit(DeploymentStatements.authorizationStatus(w, w.predicate(), id, state, reason)), json.json);
            return 0;
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register a deployment (as the compute provider serving it): the deployer's account, the model's root, endpoint, region and authorization.")
    static final class Register implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--id", paramLabel = "ID", required = true, description = "Your id for the deployment, e.g. chat-eu-1.") String id;
        @Option(names = "--deployer", paramLabel = "ACCOUNT", required = true, description = "The deployer: your customer's account id (its KYC record).") String deployer;
        @Option(names = "--root", paramLabel = "HEX", required = true, description = "The served model's OMS root (cgov model hash DIR).") String root;
        @Option(names = "--endpoint", paramLabel = "URL", required = true, description = "Where it is served.") String endpoint;
        @Option(names = "--region", paramLabel = "REGION", required = true, description = "Where it runs, e.g. US.") String region;
        @Option(names = "--authorization", paramLabel = "ID", description = "The authorization it is deployed under (checked: root, region, provider, standing).") String authorization;

        @Override
        public Integer call() throws Exception {
            StatementWriter w = registry.writer();
            RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(DeploymentStatements.deployment(w, w.predicate(),
                    id, deployer, root, endpoint, region, authorization)), json.json);
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"The serving check before loading weights: exit 0 (allowed) or 1 (denied, with the reasons).",
                    "Offline with --authorization BUNDLE (and --regulator, --log-key); otherwise asks the registry whether the "
                            + "root DIR hashes to is authorized for --region and --provider now."})
    static final class Verify implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin JsonOption json;
        @Mixin RegistryConnection registry;
        @Mixin ServingVerify.Options serving;
        @Mixin ModelCommand.HashOptions options;
        @Parameters(paramLabel = "DIR", description = "The model folder about to be served.") Path dir;

        @Override
        public Integer call() throws Exception {
            if (serving.bundle != null) {
                return ServingVerify.run(dir, serving, options.threads, json.json, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
            Manifest m = ModelCommand.hash(options, dir, options.serialization(List.of()), Reuse.NONE, spec.commandLine().getErr()).manifest();
            String q = "/api/v1/registry/serving-check?root=" + m.rootHex()
                    + (serving.region == null ? "" : "&region=" + RegistryCommands.enc(serving.region))
                    + (serving.provider == null ? "" : "&provider=" + RegistryCommands.enc(serving.provider));
            JsonNode d = registry.get(q);
            PrintWriter out = RegistryCommands.out(spec);
            if (json.json) {
                RegistryConnection.print(out, d);
            } else if (d.path("allowed").asBoolean()) {
                out.println("ALLOWED: " + dir + " (root " + m.rootHex() + ") is authorized by " + d.path("authorizationId").asText());
            } else {
                out.println("DENIED: " + dir + " (root " + m.rootHex() + ")");
                d.path("reasons").forEach(r -> out.println("  " + r.asText()));
            }
            out.flush();
            return d.path("allowed").asBoolean() ? 0 : 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Registered deployments and authorizations (public).")
    static final class ListDeployments implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--authorizations", description = "List the authorizations instead.") boolean authorizations;

        @Override
        public Integer call() throws Exception {
            JsonNode rows = registry.get(authorizations ? "/api/v1/registry/authorizations" : "/api/v1/registry/deployments");
            PrintWriter out = RegistryCommands.out(spec);
            if (json.json) {
                RegistryConnection.print(out, rows);
                return 0;
            }
            Table t = authorizations ? new Table("id", "model", "root", "state", "regions", "providers", "valid until")
                    : new Table("deployment", "deployer", "model", "region", "authorization", "endpoint");
            for (JsonNode r : rows) {
                if (authorizations) {
                    t.row(r.path("id").asText(), r.path("modelName").asText(), r.path("root").asText().substring(0, 12),
                            r.path("state").asText(), join(r.path("regions")), join(r.path("providers")),
                            r.path("validUntil").isNull() ? "until revoked" : r.path("validUntil").asText());
                } else {
                    t.row(r.path("provider").asText() + "/" + r.path("deploymentId").asText(), r.path("deployer").asText(),
                            r.path("model").asText(), r.path("region").asText(), r.path("authorizationId").asText("none"),
                            r.path("endpoint").asText());
                }
            }
            t.print(out);
            out.flush();
            return 0;
        }
    }

    static String join(JsonNode a) {
        List<String> s = new ArrayList<>();
        a.forEach(v -> s.add(v.asText()));
        return s.isEmpty() ? "any" : String.join(",", s);
    }

    static Instant instant(String text, String field) throws InvalidInputException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " '" + text + "' is not an RFC 3339 UTC instant.",
                    "Write e.g. 2026-12-31T00:00:00Z.", e);
        }
    }

    static void write(Path out, byte[] bytes, CommandSpec spec) throws InvalidInputException {
        if (out.toString().equals("-")) {
            RegistryCommands.out(spec).println(new String(bytes, StandardCharsets.UTF_8));
            RegistryCommands.out(spec).flush();
            return;
        }
        try {
            Files.write(out, bytes);
        } catch (java.io.IOException e) {
            throw new InvalidInputException("--out", "Cannot write " + out + ": " + e.getMessage() + ".", "Choose a writable path.", e);
        }
    }
}
