package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.bundle.Bundle;
import org.computegov.ledger.bundle.BundleVerifier;
import org.computegov.ledger.bundle.StatusStatement;
import org.computegov.ledger.bundle.VerifiedBundle;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.DsseVerifier;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.note.Ed25519NoteVerifier;
import org.computegov.ledger.note.Note;
import org.computegov.ledger.note.VerifierSet;
import org.computegov.licensing.LicensingStatements;
import org.computegov.licensing.admission.LicenceJson;
import org.computegov.registry.statement.StatementWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cgov licence …}: licences with compute budgets (docs/LICENSING.md). */
final class LicenceCommands {
    private LicenceCommands() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "licence", mixinStandardHelpOptions = true, description = "Licences with compute budgets: issue, release tranches, amend, suspend, revoke, show, bundle, verify.")
    static final class LicenceCommand {}

    @Command(name = "issue", mixinStandardHelpOptions = true, description = "Issue a licence (as the regulator) from its terms (JSON, docs/LICENSING.md).")
    static final class Issue implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "FILE", description = "The licence terms as JSON; - for stdin.") Path file;
        @Option(names = "--application", paramLabel = "DEV/ID", description = "The approved application it licenses (developer/applicationId).") String application;

        @Override
        public Integer call() throws Exception {
            String text = file.toString().equals("-") ? new String(System.in.readNBytes(Inputs.MAX_SMALL_FILE), StandardCharsets.UTF_8)
                    : Inputs.readText(file, "FILE", "licence");
            LicenceJson.Terms terms;
            try {
                terms = LicenceJson.parse(JSON.readTree(text));
            } catch (Exception e) {
                throw new InvalidInputException("FILE", "The licence terms are invalid: " + e.getMessage() + ".",
                        "See docs/LICENSING.md for the format.", e);
            }
            StatementWriter w = registry.writer();
            RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(application == null
                    ? LicensingStatements.licence(w, terms.licence(), terms.tranchesReleased())
                    : LicensingStatements.licence(w, terms.licence(), terms.tranchesReleased(), application)), json.json);
            return 0;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true, description = "Release a licence's next tranche (as the regulator) once its interim evaluation is accepted.")
    static final class Release implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ID", description = "The licence id.") String id;
        @Option(paramLabel = "N", names = "--tranche", required = true, description = "The tranche to release (the next one).") int tranche;

        @Override
        public Integer call() throws Exception {
            RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(LicensingStatements.tranche(registry.writer(), id, tranche)), json.json);
            return 0;
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true, description = "Suspend a licence (as the regulator): no job may start under it.")
    static final class Suspend extends StandingChange {
        Suspend() {
            super("suspended");
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a licence (as the regulator); final.")
    static final class Revoke extends StandingChange {
        Revoke() {
            super("revoked");
        }
    }

    /** A licence-standing statement: suspend and revoke differ only in the standing they set. */
    abstract static class StandingChange implements Callable<Integer> {
        private final String standing;
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ID", description = "The licence id.") String id;
        @Option(paramLabel = "TEXT", names = "--reason", required = true, description = "Why, as providers and the licensee will read it.") String reason;

        StandingChange(String standing) {
            this.standing = standing;
        }

        @Override
        public Integer call() throws Exception {
            RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(LicensingStatements.standing(registry.writer(), id, standing, reason)), json.json);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A licence's terms, standing and budget (released, used, held, available).")
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ID", description = "The licence id.") String id;

        @Override
        public Integer call() throws Exception {
            JsonNode b = registry.get("/api/v1/licences/" + RegistryCommands.enc(id));
            if (json.printed(RegistryCommands.out(spec), b)) {
                return 0;
            }
            var out = RegistryCommands.out(spec);
            out.printf(Locale.ROOT, "%s  %s  developer %s, run %s%n", b.path("licence").asText(), b.path("standing").asText(),
                    b.path("terms").path("developer").asText(), b.path("terms").path("run").asText());
            out.printf(Locale.ROOT, "released %s of %s FLOP (%d of %d tranches); used %s, held %s, available %s (%.0f%% of released used)%n",
                    Format.sci(b.path("releasedFlop").asDouble()), Format.sci(b.path("totalFlop").asDouble()),
                    b.path("tranchesReleased").asInt(), b.path("tranches").asInt(), Format.sci(b.path("usedFlop").asDouble()),
                    Format.sci(b.path("heldFlop").asDouble()), Format.sci(b.path("availableFlop").asDouble()),
                    b.path("usedShareOfReleased").asDouble() * 100);
            if (b.path("amendments").asInt() > 0) {
                out.printf(Locale.ROOT, "amended %d time(s); valid %s to %s; clusters %s%n", b.path("amendments").asInt(),
                        b.path("terms").path("validFrom").asText(), b.path("terms").path("validUntil").asText(),
                        String.join(" ", JSON.convertValue(b.path("terms").path("clusters"), String[].class)));
            }
            if (!b.path("standingReason").asText().isEmpty()) {
                out.println("reason: " + b.path("standingReason").asText());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "bundle", mixinStandardHelpOptions = true, description = {
            "Write a licence's offline bundle (as the regulator): its log entry, a receipt (checkpoint, inclusion proof)",
            "and a status statement signed now with your key, for 'cgov admit --bundle' and 'cgov licence verify'."})
    static final class MakeBundle implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ID", description = "The licence id.") String id;
        @Option(paramLabel = "FILE", names = "--out", required = true, description = "Where to write the bundle (JSON); - for stdout.") Path out;

        @Override
        public Integer call() throws Exception {
            SignerKey key = registry.signerKey(true);
            JsonNode l = registry.get("/api/v1/licences/" + RegistryCommands.enc(id));
            long index = l.path("logIndex").asLong(-1);
            byte[] entry;
            JsonNode receipt;
            var client = registry.client(false);
            try {
                var http = java.net.http.HttpClient.newHttpClient();
                var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        registry.url.replaceAll("/$", "") + "/api/v1/log/entries/" + index)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new CommandFailure("the log has no entry " + index + " (HTTP " + r.statusCode() + ")");
                }
                entry = r.body();
                receipt = client.get("/api/v1/log/receipt?index=" + index).body();
            } catch (java.io.IOException e) {
                throw new CommandFailure("cannot reach the registry at " + registry.url + ": " + e.getMessage(), e);
            }
            String note = receipt.path("checkpoint").asText();
            Checkpoint cp = Checkpoint.parse(Note.parse(note.getBytes(StandardCharsets.UTF_8)).text());
            List<byte[]> proof = new ArrayList<>();
            receipt.path("inclusionProof").forEach(h -> proof.add(Base64.getDecoder().decode(h.asText())));
            // The registry's standing "active" is the bundle status "valid".
            String standing = l.path("standing").asText();
            StatusStatement.State state = standing.equals("active") ? StatusStatement.State.VALID
                    : StatusStatement.State.valueOf(standing.toUpperCase(Locale.ROOT));
            byte[] status = StatusStatement.of("licence:" + id, entry, state, cp.size(), Instant.now(),
                    l.path("standingReason").asText()).sign(List.of(new Ed25519DsseSigner(StatementWriter.keyId(key), key.privateKey())));
            Bundle b = new Bundle(entry, note.getBytes(StandardCharsets.UTF_8), index, cp.size(), proof, Optional.of(status));
            if (out.toString().equals("-")) {
                RegistryCommands.out(spec).println(new String(b.toJson(), StandardCharsets.UTF_8));
            } else {
                Files.write(out, b.toJson());
                if (json.printed(RegistryCommands.out(spec), JSON.createObjectNode().put("wrote", out.toString())
                        .put("logIndex", index).put("treeSize", cp.size()).put("status", state.wire()))) {
                    return 0;
                }
                RegistryCommands.out(spec).println("wrote " + out + " (entry " + index + " of " + cp.size() + ", status "
                        + state.wire() + " as of now)");
            }
            RegistryCommands.out(spec).flush();
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Verify a licence bundle offline with the regulator's and the log's keys.")
    static final class Verify implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "FILE", description = "The bundle.") Path file;
        @Option(paramLabel = "FILE", names = "--issuer-key", required = true, description = "The regulator's verifier key (vkey or file); repeat for several.") List<String> issuerKeys;
        @Option(paramLabel = "KEY", names = "--log-key", required = true, description = "The log's verifier key (vkey or file); repeat for several.") List<String> logKeys;
        @Option(paramLabel = "ORIGIN", names = "--log-origin", description = "The log's checkpoint origin (default: the first log key's name).") String origin;
        @Option(paramLabel = "DURATION", names = "--max-status-age", defaultValue = "24h", description = "Oldest status accepted, e.g. 24h; 'none' to not require one (default ${DEFAULT-VALUE}).") String maxStatusAge;

        @Override
        public Integer call() throws Exception {
            List<DsseVerifier> issuers = new ArrayList<>();
            for (String k : issuerKeys) {
                issuers.add(DsseVerifier.ed25519("", Inputs.vkey(k, "--issuer-key").ed25519Key()));
            }
            List<Ed25519NoteVerifier> logs = new ArrayList<>();
            for (String k : logKeys) {
                logs.add(Inputs.ed25519Verifier(k, "--log-key"));
            }
            BundleVerifier.Freshness f = maxStatusAge.equalsIgnoreCase("none") ? BundleVerifier.Freshness.NONE
                    : new BundleVerifier.Freshness(AdmitCommand.duration(maxStatusAge, "--max-status-age"), Duration.ofMinutes(5));
            var out = RegistryCommands.out(spec);
            try {
                Bundle b = Bundle.parse(Inputs.read(file, "FILE", "bundle"));
                VerifiedBundle v = new BundleVerifier(new Dsse(issuers, 1), VerifierSet.of(logs),
                        origin != null ? origin : logs.get(0).name(), Statement.PAYLOAD_TYPE, f, Clock.systemUTC()).verify(b);
                JsonNode licence = Statement.parse(v.payload()).predicate().path("licence");
                var o = JSON.createObjectNode().put("verified", true).put("licence", licence.path("id").asText())
                        .put("leafIndex", v.leafIndex()).put("treeSize", v.checkpoint().size());
                v.freshUntil().ifPresent(t -> o.put("freshUntil", t.toString()));
                if (!json.printed(out, o)) {
                    out.println("verified: licence " + licence.path("id").asText() + ", entry " + v.leafIndex() + " of "
                            + v.checkpoint().size() + v.freshUntil().map(t -> ", status fresh until " + t).orElse(""));
                }
                return 0;
            } catch (VerificationException e) {
                if (!json.printed(out, JSON.createObjectNode().put("verified", false).put("reason", e.getMessage()))) {
                    out.println("not verified: " + e.getMessage());
                }
                return 1;
            } finally {
                out.flush();
            }
        }
    }
}
