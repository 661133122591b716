package org.computegov.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.computegov.cli.log.LogHttp;
import org.computegov.cli.log.Receipt;
import org.computegov.deployment.authorization.Authorization;
import org.computegov.deployment.oms.Manifest;
import org.computegov.deployment.oms.Reuse;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.bundle.Bundle;
import org.computegov.ledger.bundle.StatusStatement;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.note.Note;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cgov deploy}: the regulator's deployment authorizations as offline bundles (subcommands registered by
 * {@link Cgov}). Until the deployment capability's statements go through the registry, an authorization is a
 * DSSE-signed statement appended to the transparency log directly (the server must trust the regulator's key:
 * {@code cgov serve --trusted-key regulator.pem}).
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Authorize deploying a model fingerprint, as a bundle a compute provider checks offline.")
final class DeployCommand {
    /** A statement stays well inside the log's 64 KiB entry limit; larger manifests are authorized by root only. */
    static final int MAX_ENTRY = 60_000;

    @Command(name = "authorize", mixinStandardHelpOptions = true,
            description = {"Authorize deploying the model in DIR: hash it, sign the authorization with your key, log it, "
                    + "and write a bundle (entry, checkpoint, inclusion proof, fresh status) for 'cgov model verify "
                    + "--authorization'.",
                    "The authorization lists the model's files when they fit, so a denial can name the files that differ."})
    static final class Authorize implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ModelCommand.HashOptions options;

        @Parameters(paramLabel = "DIR", description = "The model folder as it was evaluated.")
        Path dir;

        @Option(names = "--key", paramLabel = "FILE", defaultValue = "${env:CGOV_KEY}",
                description = "The regulator's signer key; env CGOV_KEY.")
        Path key;

        @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:CGOV_URL}",
                description = "The computegov server whose log records the authorization; env CGOV_URL.")
        String url;

        @Option(names = "--id", paramLabel = "ID", required = true, description = "The authorization's identifier, e.g. AUTH-2026-0042.")
        String id;

        @Option(names = "--region", paramLabel = "REGION", description = "A region it may be served in; repeatable (none: anywhere).")
        List<String> regions = new ArrayList<>();

        @Option(names = "--provider", paramLabel = "ACTOR", description = "A provider that may serve it; repeatable (none: any).")
        List<String> providers = new ArrayList<>();

        @Option(names = "--usage-limit", paramLabel = "NAME=VALUE", description = "A usage limit, e.g. requestsPerDay=1e6; repeatable.")
        List<String> limits = new ArrayList<>();

        @Option(names = "--valid-from", paramLabel = "INSTANT", description = "In force from (RFC 3339; default now).")
        String validFrom;

        @Option(names = "--valid-until", paramLabel = "INSTANT", description = "In force until (RFC 3339; default: until revoked).")
        String validUntil;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the bundle.")
        Path out;

        @Override
        public Integer call() throws Exception {
            SignerKey signer = ModelCommand.readKey(key);
            if (url == null) {
                throw new InvalidInputException("--url", "The authorization must be logged: give the server.", "Give --url or set CGOV_URL.");
            }
            URI base = Inputs.baseUrl(url, "--url");
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
            Instant from = validFrom == null ? Instant.now() : instant(validFrom, "--valid-from");
            Optional<Instant> until = validUntil == null ? Optional.empty() : Optional.of(instant(validUntil, "--valid-until"));
            if (until.isPresent() && !until.get().isAfter(from)) {
                throw new InvalidInputException("--valid-until", "--valid-until must be after --valid-from.", "Check the dates.");
            }
            Manifest m = ModelCommand.hash(options, dir, options.serialization(List.of()), Reuse.NONE).manifest();
            Ed25519DsseSigner s = new Ed25519DsseSigner(DsseCommand.keyId(signer), signer.privateKey());
            Authorization a = Authorization.of(id, m, true, regions, providers, usage, from, until);
            byte[] entry = Dsse.sign(Statement.PAYLOAD_TYPE, a.statement().toJson(), List.of(s)).toJson();
            if (entry.length > MAX_ENTRY) { // too many files to list: the root still binds them all
                a = Authorization.of(id, m, false, regions, providers, usage, from, until);
                entry = Dsse.sign(Statement.PAYLOAD_TYPE, a.statement().toJson(), List.of(s)).toJson();
            }
            Receipt receipt = submit(base, entry);
            long size;
            try {
                size = Checkpoint.parse(Note.parse(receipt.checkpoint()).text()).size();
            } catch (FormatException e) {
                throw new CommandFailure("the log's checkpoint cannot be read: " + e.getMessage(), e);
            }
            Bundle bundle = new Bundle(entry, receipt.checkpoint(), receipt.index(), size, receipt.inclusionProof(), Optional.empty());
            bundle = bundle.withStatus(StatusStatement.of(id, entry, StatusStatement.State.VALID, size, Instant.now(), "")
                    .sign(List.of(s)));
            write(out, bundle.toJson());
            PrintWriter o = spec.commandLine().getOut();
            o.println("authorized " + m.modelName() + " (root " + m.rootHex() + ") as " + id + ": log entry "
                    + receipt.index() + (a.resources().isEmpty() ? ", files not listed (too many)" : "") + "; bundle in " + out);
            o.flush();
            return 0;
        }

        private static Receipt submit(URI base, byte[] entry) throws Exception {
            URI endpoint = URI.create(base + "/api/v1/log/entries");
            LogHttp.Response r;
            try (LogHttp http = new LogHttp(Duration.ofSeconds(30))) {
                r = http.post(endpoint, "application/json", entry, LogCommand.MAX_ANSWER);
            } catch (IOException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            if (r.status() != 200 && r.status() != 201) {
                throw new CommandFailure("the log did not record the authorization (HTTP " + r.status() + "): "
                        + LogCommand.Submit.problemText(r) + (r.status() == 401 ? " — start the server with "
                        + "--trusted-key REGULATOR.pem ('cgov keys show' prints the PEM)" : ""));
            }
            try {
                return Receipt.parse(r.body());
            } catch (FormatException e) {
                throw new CommandFailure("the server's answer is not a receipt: " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Re-sign an authorization's status (valid, suspended, revoked) as of now into its bundle.",
                    "Providers accept a bundle only with a status younger than their --max-age: re-sign valid ones "
                            + "more often; a revoked status denies from the moment a provider holds it."})
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "BUNDLE", description = "The authorization bundle.")
        Path bundleFile;

        @Option(names = "--key", paramLabel = "FILE", defaultValue = "${env:CGOV_KEY}", description = "The regulator's signer key; env CGOV_KEY.")
        Path key;

        @Option(names = "--state", paramLabel = "STATE", defaultValue = "valid", description = "valid, suspended or revoked (default ${DEFAULT-VALUE}).")
        String state;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (for suspended or revoked).")
        String reason;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the bundle with the new status.")
        Path out;

        @Override
        public Integer call() throws Exception {
            SignerKey signer = ModelCommand.readKey(key);
            StatusStatement.State st;
            try {
                st = StatusStatement.State.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--state", "--state '" + state + "' is not valid, suspended or revoked.",
                        "Choose one of those.", e);
            }
            Bundle b;
            try {
                b = Bundle.parse(Inputs.read(bundleFile, "BUNDLE", "authorization bundle"));
            } catch (FormatException e) {
                throw new InvalidInputException("BUNDLE", "File " + bundleFile + " is not a bundle: " + e.getMessage() + ".",
                        "Give the file 'cgov deploy authorize' wrote.", e);
            }
            Ed25519DsseSigner s = new Ed25519DsseSigner(DsseCommand.keyId(signer), signer.privateKey());
            Bundle next = b.withStatus(StatusStatement.of("authorization", b.envelope(), st, b.treeSize(), Instant.now(),
                    reason).sign(List.of(s)));
            write(out, next.toJson());
            spec.commandLine().getOut().println("status " + st.wire() + " as of now written to " + out);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    static Instant instant(String text, String field) throws InvalidInputException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " '" + text + "' is not an RFC 3339 UTC instant.",
                    "Write e.g. 2026-12-31T00:00:00Z.", e);
        }
    }

    static void write(Path out, byte[] bytes) throws InvalidInputException {
        try {
            Files.write(out, bytes);
        } catch (IOException e) {
            throw new InvalidInputException("--out", "Cannot write " + out + ": " + e.getMessage() + ".", "Choose a writable path.", e);
        }
    }
}
