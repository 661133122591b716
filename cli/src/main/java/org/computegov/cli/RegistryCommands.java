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
import org.computegov.registry.statement.Kind;
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

    // ---- actor ----------------------------------------------------------------------------------------------------

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
            accepted(out(spec), registry.submit(w.publicStatement(Kind.ACTOR, "actor:" + id, p, null, null)), json.json);
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
            accepted(out(spec), registry.submit(w.publicStatement(Kind.KEY, "key:" + keyIdOf(vkey), p, null, null)), json.json);
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

        @Override
        public Integer call() throws Exception {
            StatementWriter w = registry.writer();
            String id = keyIdOf(keyId);
            ObjectNode p = w.predicate().put("actor", actor).put("action", "revoke").put("key", id);
            accepted(out(spec), registry.submit(w.publicStatement(Kind.KEY, "key:" + id, p, null, null)), json.json);
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
                a.path("keys").forEach(k -> keys.add(k.path("keyId").asText() + (k.has("revokedIndex") ? " (revoked)" : "")));
                List<String> roles = new ArrayList<>();
                a.path("roles").forEach(r -> roles.add(r.asText()));
                t.row(a.path("id").asText(), a.path("name").asText(), String.join(",", roles), a.path("jurisdiction").asText(),
                        String.join(" ", keys));
            }
            t.print(out(spec));
            return 0;
        }
    }

    // ---- kyc ------------------------------------------------------------------------------------------------------

    @Command(name = "kyc", mixinStandardHelpOptions = true, description = "Customer identification (KYC) records, access events and screening.")
    static final class KycCommand {}

    @Command(name = "submit", mixinStandardHelpOptions = true, description = {
            "Submit a customer's KYC record (as a compute provider). The log gets only a salted commitment;",
            "the record is readable by you and the regulator. Format: docs/REGISTRY.md."})
    static final class KycSubmit extends SealedFileCommand {
        KycSubmit() {
            super("customer record");
        }

        @Override
        Submission submission(StatementWriter w, byte[] body, JsonNode parsed) {
            return w.customerRecord(body);
        }
    }

    @Command(name = "access", mixinStandardHelpOptions = true, description = "Submit a customer's access events (IP address and time; required for foreign customers).")
    static final class KycAccess extends SealedFileCommand {
        KycAccess() {
            super("access events");
        }

        @Override
        Submission submission(StatementWriter w, byte[] body, JsonNode parsed) {
            return w.accessEvents(body, parsed.isArray() ? parsed.size() : 0);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a customer's KYC record, access events, screening hits and usage (its provider or a regulator).")
    static final class KycShow implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Parameters(paramLabel = "PROVIDER/CUSTOMER", description = "The account, e.g. cloud-a/acct-17.") String account;

        @Override
        public Integer call() throws Exception {
            int slash = account.indexOf('/');
            if (slash <= 0 || slash == account.length() - 1) {
                throw new InvalidInputException("PROVIDER/CUSTOMER", "'" + account + "' is not PROVIDER/CUSTOMER.", "e.g. cloud-a/acct-17");
            }
            RegistryConnection.print(out(spec), registry.get("/api/v1/registry/customers/" + enc(account.substring(0, slash))
                    + "/" + enc(account.substring(slash + 1))));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List customers (a provider its own, a regulator all).")
    static final class KycList implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--provider", description = "Only this provider's customers (regulator).") String provider;

        @Override
        public Integer call() throws Exception {
            JsonNode rows = registry.get("/api/v1/registry/customers" + (provider == null ? "" : "?provider=" + enc(provider)));
            if (json.printed(out(spec), rows)) {
                return 0;
            }
            Table t = new Table("provider", "customer", "legal name", "country", "foreign", "verification", "risk", "hits", "FLOP")
                    .alignRight(7, 8);
            for (JsonNode c : rows) {
                t.row(c.path("provider").asText(), c.path("customerId").asText(), c.path("legalName").asText(),
                        c.path("country").asText(), c.path("foreign").asBoolean() ? "yes" : "no", c.path("verificationState").asText(),
                        c.path("riskRating").asText(), c.path("screeningHits").asLong(), Format.sci(c.path("flop").asDouble()));
            }
            t.print(out(spec));
            return 0;
        }
    }

    @Command(name = "screen", mixinStandardHelpOptions = true, description = "Screen a name against the loaded denied-party lists (provider or regulator).")
    static final class KycScreen implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "NAME", description = "The name to screen.") String name;
        @Option(names = "--country", description = "ISO 3166-1 alpha-2 country, to weigh matches.") String country;

        @Override
        public Integer call() throws Exception {
            JsonNode hits = registry.get("/api/v1/registry/screening?name=" + enc(name) + (country == null ? "" : "&country=" + enc(country)));
            if (json.printed(out(spec), hits)) {
                return 0;
            }
            if (hits.isEmpty()) {
                out(spec).println("no match on the loaded lists");
                out(spec).flush();
                return 0;
            }
            Table t = new Table("score", "list", "source", "entry", "matched name", "fields").alignRight(0);
            for (JsonNode h : hits) {
                t.row(String.format(Locale.ROOT, "%.3f", h.path("score").asDouble()), h.path("list").asText(), h.path("source").asText(),
                        h.path("entryId").asText(), h.path("matchedName").asText(), h.path("fields").asText());
            }
            t.print(out(spec));
            return 0;
        }
    }

    // ---- screening lists ------------------------------------------------------------------------------------------

    @Command(name = "screening", mixinStandardHelpOptions = true, description = "Denied-party lists.")
    static final class ScreeningCommand {}

    @Command(name = "load", mixinStandardHelpOptions = true, description = {
            "Load or update a denied-party list in the trade.gov Consolidated Screening List CSV format (as a regulator);",
            "every customer is screened again against it."})
    static final class ScreeningLoad implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "FILE", description = "The CSL CSV file.") Path file;
        @Option(names = "--name", defaultValue = "csl", description = "The list's name in the registry (default ${DEFAULT-VALUE}).") String name;

        @Override
        public Integer call() throws Exception {
            byte[] bytes;
            try {
                bytes = java.nio.file.Files.readAllBytes(file);
            } catch (IOException e) {
                throw new InvalidInputException("FILE", "Cannot read " + file + ": " + e.getMessage(), "Give the CSL CSV file.", e);
            }
            int entries;
            try {
                entries = org.computegov.registry.screening.ScreeningLists.loadCsl(bytes, name).size();
            } catch (org.computegov.registry.screening.ListFormatException e) {
                throw new InvalidInputException("FILE", file + " is not a CSL CSV: " + e.getMessage(),
                        "Download it from https://www.trade.gov/consolidated-screening-list (CSV).", e);
            }
            StatementWriter w = registry.writer();
            ObjectNode p = w.predicate();
            p.putObject("list").put("name", name).put("format", "csl").put("entries", entries);
            accepted(out(spec), registry.submit(w.publicStatement(Kind.SCREENING_LIST, "list:" + name, p, bytes, bytes)), json.json);
            return 0;
        }
    }

    // ---- usage ----------------------------------------------------------------------------------------------------

    @Command(name = "submit", mixinStandardHelpOptions = true, description = {
            "Report usage (as a compute provider): Slurm accounting (--sacct) or JSON usage records (--json).",
            "Records already reported are recognized and not counted twice; a batch with any bad line is refused whole."})
    static final class UsageSubmit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Option(names = "--sacct", paramLabel = "FILE", description = "sacct --parsable2 --noheader --allocations --duplicates output.") Path sacct;
        @Option(names = "--json", paramLabel = "FILE", description = "A JSON array of usage records.") Path jsonFile;
        @Option(names = "--zone", defaultValue = "UTC", description = "Time zone sacct printed times in (default ${DEFAULT-VALUE}).") String zone;
        @Option(names = "--default-chip", paramLabel = "CLUSTER=CHIP", description = "With --sacct: chip of untyped gres/gpu on a cluster, e.g. sol=A100. Repeatable.") List<String> defaultChips = new ArrayList<>();
        @Option(names = "--gpu-type", paramLabel = "TYPE=CHIP", description = "With --sacct: a site's own GRES type name, e.g. big=H200. Repeatable.") List<String> gpuTypes = new ArrayList<>();
        @Option(names = "--batch", defaultValue = "5000", description = "Records per signed statement (default ${DEFAULT-VALUE}).") int batch;
        @Option(names = "--output-json", description = "Print the server's answers as JSON.") boolean outputJson;

        @Override
        public Integer call() throws Exception {
            if ((sacct == null) == (jsonFile == null)) {
                throw new InvalidInputException("--sacct", "Give exactly one of --sacct FILE and --json FILE.", null);
            }
            if (batch < 1 || batch > 100_000) {
                throw new InvalidInputException("--batch", "--batch must be in [1, 100000], got " + batch + ".", null);
            }
            StatementWriter w = registry.writer();
            HardwareCatalog catalog = HardwareCatalog.builtIn();
            ParsedUsage parsed;
            String field = sacct != null ? "--sacct" : "--json";
            Path file = sacct != null ? sacct : jsonFile;
            try {
                parsed = sacct != null
                        ? new SacctParser(catalog, sacctOptions(w.issuer())).parse(sacct)
                        : new UsageJson(catalog).read(jsonFile);
            } catch (IOException e) {
                throw new InvalidInputException(field, "Cannot read " + file + ": " + e.getMessage(), null, e);
            }
            List<UsageRecord> records = parsed.recordsOrThrow(field, file.toString());
            for (UsageRecord r : records) {
                if (!r.provider().equals(w.issuer())) {
                    throw new InvalidInputException(field, "Record of job " + r.jobId() + " on cluster " + r.cluster()
                            + " names provider " + r.provider() + ", but your key speaks for " + w.issuer() + ".",
                            "Report your own usage with your own key.");
                }
            }
            long accepted = 0;
            long duplicates = 0;
            for (int from = 0; from < records.size() || from == 0; from += batch) {
                List<UsageRecord> part = records.subList(from, Math.min(records.size(), from + batch));
                JsonNode a = registry.submit(w.usageRecords(UsageJson.write(part).getBytes(StandardCharsets.UTF_8), part.size()));
                accepted += a.path("summary").path("accepted").asLong();
                duplicates += a.path("summary").path("duplicates").asLong();
                accepted(out(spec), a, outputJson);
                if (records.isEmpty()) {
                    break;
                }
            }
            out(spec).printf(Locale.ROOT, "%d records: %d new, %d already reported%n", records.size(), accepted, duplicates);
            out(spec).flush();
            return 0;
        }

        private SacctOptions sacctOptions(String provider) throws InvalidInputException {
            SacctOptions options = SacctOptions.of(provider, zoneId());
            for (String d : defaultChips) {
                String[] kv = UsageCommand.ParseSacct.pair("--default-chip", d);
                options = options.withDefaultChip(kv[0], kv[1]);
            }
            for (String g : gpuTypes) {
                String[] kv = UsageCommand.ParseSacct.pair("--gpu-type", g);
                options = options.withGpuType(kv[0], kv[1]);
            }
            return options;
        }

        private ZoneId zoneId() throws InvalidInputException {
            try {
                return ZoneId.of(zone);
            } catch (java.time.DateTimeException e) {
                throw new InvalidInputException("--zone", "Unknown time zone '" + zone + "'.", "e.g. UTC", e);
            }
        }
    }

    @Command(name = "correct", mixinStandardHelpOptions = true, description = {
            "Correct reported usage (as its provider): {\"replace\": [usage records], \"withdraw\": [record ids]}."})
    static final class UsageCorrect extends SealedFileCommand {
        UsageCorrect() {
            super("correction");
        }

        @Override
        Submission submission(StatementWriter w, byte[] body, JsonNode parsed) {
            return w.usageCorrection(body, parsed.path("replace").size() + parsed.path("withdraw").size());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List usage records (a provider its own, a developer its runs', a regulator all).")
    static final class UsageList implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--provider") String provider;
        @Option(names = "--customer") String customer;
        @Option(names = "--run") String run;
        @Option(names = "--limit", defaultValue = "100") int limit;

        @Override
        public Integer call() throws Exception {
            StringBuilder q = new StringBuilder("?limit=" + limit);
            if (provider != null) q.append("&provider=").append(enc(provider));
            if (customer != null) q.append("&customer=").append(enc(customer));
            if (run != null) q.append("&run=").append(enc(run));
            JsonNode rows = registry.get("/api/v1/registry/usage" + q);
            if (json.printed(out(spec), rows)) {
                return 0;
            }
            Table t = new Table("provider", "customer", "job", "chip", "chips", "end", "run", "chip-hours", "FLOP").alignRight(4, 7, 8);
            for (JsonNode r : rows) {
                t.row(r.path("provider").asText(), r.path("customer").asText(), r.path("jobId").asText(), r.path("chip").asText(),
                        r.path("chipCount").asLong(), r.path("end").asText(), r.path("runId").asText(""),
                        Format.num(r.path("chipHours").asDouble()), Format.sci(r.path("flop").asDouble()));
            }
            t.print(out(spec));
            return 0;
        }
    }

    // ---- runs -----------------------------------------------------------------------------------------------------

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "Training runs: declarations, compute, thresholds.")
    static final class RunsCommand {}

    @Command(name = "declare", mixinStandardHelpOptions = true, description = "Declare (or update) a training run (as a developer). Format: docs/REGISTRY.md.")
    static final class RunsDeclare extends SealedFileCommand {
        RunsDeclare() {
            super("run declaration");
        }

        @Override
        Submission submission(StatementWriter w, byte[] body, JsonNode parsed) {
            return w.runDeclaration(body);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List training runs with their compute (a developer its own, a regulator all).")
    static final class RunsList implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;

        @Override
        public Integer call() throws Exception {
            JsonNode runs = registry.get("/api/v1/registry/runs");
            if (json.printed(out(spec), runs)) {
                return 0;
            }
            Table t = new Table("run", "planned FLOP", "FLOP", "cumulative", "crossed (in force)", "next threshold (forecast)").alignRight(1, 2, 3);
            for (JsonNode r : runs) {
                String crossed = crossedInForce(r.path("findings"));
                JsonNode next = r.path("forecast").path("next");
                String forecast = next.isMissingNode() ? "" : next.path("regime").asText() + " "
                        + (next.has("estimatedAt") ? "~" + next.path("estimatedAt").asText().substring(0, 10) : "(no recent usage)");
                t.row(r.path("developer").asText() + "/" + r.path("runId").asText(),
                        r.has("plannedFlop") ? Format.sci(r.path("plannedFlop").asDouble()) : "",
                        Format.sci(r.path("flop").asDouble()), Format.sci(r.path("cumulativeFlop").asDouble()),
                        crossed, forecast);
            }
            t.print(out(spec));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run: declaration, compute, findings, obligations, alerts, forecast.")
    static final class RunsShow implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Parameters(paramLabel = "DEVELOPER/RUN") String run;

        @Override
        public Integer call() throws Exception {
            int slash = run.indexOf('/');
            if (slash <= 0 || slash == run.length() - 1) {
                throw new InvalidInputException("DEVELOPER/RUN", "'" + run + "' is not DEVELOPER/RUN.", "e.g. lab-x/frontier-1");
            }
            RegistryConnection.print(out(spec), registry.get("/api/v1/registry/runs/" + enc(run.substring(0, slash)) + "/"
                    + enc(run.substring(slash + 1))));
            return 0;
        }
    }

    // ---- obligations ----------------------------------------------------------------------------------------------

    @Command(name = "obligations", mixinStandardHelpOptions = true, description = "Obligations triggered by crossing thresholds.")
    static final class ObligationsCommand {}

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List obligations with their deadlines (and --alerts: the alerts fired).")
    static final class ObligationsList implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--alerts", description = "List the alerts (fractions of thresholds reached) instead.") boolean alerts;

        @Override
        public Integer call() throws Exception {
            JsonNode rows = registry.get(alerts ? "/api/v1/registry/alerts" : "/api/v1/registry/obligations");
            if (json.printed(out(spec), rows)) {
                return 0;
            }
            Table t = alerts ? new Table("subject", "regime", "fraction", "threshold", "reached at").alignRight(2, 3)
                    : new Table("subject", "regime", "due by", "obligation");
            for (JsonNode r : rows) {
                String subject = r.path("subjectKind").asText() + " " + r.path("subject").asText();
                if (alerts) {
                    t.row(subject, r.path("regime").asText(), String.format(Locale.ROOT, "%.0f%%", r.path("fraction").asDouble() * 100),
                            Format.sci(r.path("threshold").asDouble()), r.path("reachedAt").asText());
                } else {
                    t.row(subject, r.path("regime").asText(), r.path("dueBy").asText("-"), r.path("what").asText());
                }
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

    @Command(name = "owners", mixinStandardHelpOptions = true, description = "Beneficial owners with compute aggregated across accounts and providers (regulator).")
    static final class RegistryOwners implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;

        @Override
        public Integer call() throws Exception {
            JsonNode rows = registry.get("/api/v1/registry/owners");
            if (json.printed(out(spec), rows)) {
                return 0;
            }
            Table t = new Table("owner", "name", "accounts", "FLOP", "crossed (in force)").alignRight(3);
            for (JsonNode o : rows) {
                List<String> accounts = new ArrayList<>();
                o.path("accounts").forEach(a -> accounts.add(a.asText()));
                String crossed = crossedInForce(o.path("findings"));
                t.row(o.path("ownerKey").asText(), o.path("name").asText(), String.join(" ", accounts),
                        Format.sci(o.path("flop").asDouble()), crossed);
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
