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
import org.computegov.registry.client.RegistryClient;
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
 * The accounting capability from the command line: usage reports and corrections, training runs, obligations and
 * alerts, and the regulator's view of beneficial owners.
 */
final class AccountingCommands {
    private AccountingCommands() {}

    @Command(name = "submit", mixinStandardHelpOptions = true, description = {
            "Report usage (as a compute provider): Slurm accounting (--sacct) or JSON usage records (--records).",
            "Records already reported with the same values are skipped and counted (a batch of only those submits"
                    + " nothing; with nothing new at all: 'nothing new', exit 0); records reported before with other"
                    + " values are refused by name (change them with 'cgov usage correct'). A batch with any bad line is"
                    + " refused whole. The Slurm account (sacct's Account) is the customer: it needs a KYC record first"
                    + " ('cgov kyc submit'); a job names its run with run=<developer>/<run> in its Comment or WCKey, and"
                    + " the run must be linked to you (docs/REGISTRY.md, Attribution).",
            "Prints the thresholds the usage crossed and the alerts it fired for your customer accounts."})
    static final class UsageSubmit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Option(names = "--sacct", paramLabel = "FILE", description = "sacct --parsable2 output ('-': standard input).") Path sacct;
        @Option(names = "--records", paramLabel = "FILE", description = "A JSON array of usage records ('-': standard input).") Path jsonFile;
        @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE", description = "Time zone sacct printed times in (default ${DEFAULT-VALUE}).") String zone;
        @Option(names = "--default-chip", paramLabel = "CLUSTER=CHIP", description = "With --sacct: chip of untyped gres/gpu on a cluster, e.g. sol=A100. Repeatable.") List<String> defaultChips = new ArrayList<>();
        @Option(names = "--gpu-type", paramLabel = "TYPE=CHIP", description = "With --sacct: a site's own GRES type name, e.g. big=H200. Repeatable.") List<String> gpuTypes = new ArrayList<>();
        @Option(names = "--batch", defaultValue = "5000", paramLabel = "N", description = "Records per signed statement (default ${DEFAULT-VALUE}).") int batch;
        @Option(names = {"--json", "--output-json"}, description = "Print the server's answers as JSON (one object per statement).") boolean outputJson;

        @Override
        public Integer call() throws Exception {
            if ((sacct == null) == (jsonFile == null)) {
                throw new InvalidInputException("--sacct", "Give exactly one of --sacct FILE and --records FILE.",
                        "--records takes the JSON usage records that 'cgov usage parse-sacct --json' prints.");
            }
            if (batch < 1 || batch > 100_000) {
                throw new InvalidInputException("--batch", "--batch must be in [1, 100000], got " + batch + ".", null);
            }
            StatementWriter w = registry.writer();
            HardwareCatalog catalog = HardwareCatalog.builtIn();
            ParsedUsage parsed;
            String field = sacct != null ? "--sacct" : "--records";
            Path file = sacct != null ? sacct : jsonFile;
            try {
                if (Inputs.isStdio(file)) {
                    byte[] in = Inputs.read(file, field, "usage");
                    parsed = sacct != null
                            ? new SacctParser(catalog, sacctOptions(w.issuer())).parse(new java.io.ByteArrayInputStream(in))
                            : new UsageJson(catalog).read(new String(in, StandardCharsets.UTF_8));
                } else {
                    parsed = sacct != null
                            ? new SacctParser(catalog, sacctOptions(w.issuer())).parse(sacct)
                            : new UsageJson(catalog).read(jsonFile);
                }
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
            long statements = 0;
            PrintWriter out = RegistryCommands.out(spec);
            try (Progress progress = Progress.start("usage", spec.commandLine().getErr())) {
                for (int from = 0; from < records.size(); from += batch) {
                    List<UsageRecord> part = records.subList(from, Math.min(records.size(), from + batch));
                    Submission s = AccountingStatements.usageRecords(w, UsageJson.write(part).getBytes(StandardCharsets.UTF_8), part.size());
                    RegistryClient.Answer raw = registry.answer(() -> registry.client(false).submit(s), NOTHING_NEW);
                    if (raw.status() == 409) {
                        // Every record of this batch was reported before with the same values: skipped, no statement.
                        duplicates += part.size();
                        if (outputJson) {
                            RegistryConnection.print(out, org.computegov.api.Json.mapper().createObjectNode().put("kind", "usage")
                                    .put("appended", false).put("duplicates", part.size()));
                        }
                    } else {
                        JsonNode a = raw.body();
                        statements++;
                        accepted += a.path("summary").path("accepted").asLong();
                        duplicates += a.path("summary").path("duplicates").asLong();
                        RegistryCommands.accepted(out, a, outputJson);
                    }
                    progress.step(from + part.size(), records.size());
                }
            }
            if (!outputJson) {
                if (statements == 0) {
                    out.printf(Locale.ROOT, "nothing new: %s records, all reported before with the same values;"
                            + " no statement submitted%n", Format.count(records.size()));
                } else {
                    out.printf(Locale.ROOT, "%s records: %s new, %s already reported%n",
                            Format.count(records.size()), Format.count(accepted), Format.count(duplicates));
                }
                out.flush();
            }
            return 0;
        }

        /** The problem type the registry answers when every record of a statement is known and unchanged. */
        static final String NOTHING_NEW = org.computegov.api.Problem.TYPE_BASE + "usage-nothing-new";

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
    static final class UsageCorrect extends RegistryCommands.SealedFileCommand {
        UsageCorrect() {
            super("correction");
        }

        @Override
        Submission submission(StatementWriter w, byte[] body, JsonNode parsed) {
            return AccountingStatements.usageCorrection(w, body, parsed.path("replace").size() + parsed.path("withdraw").size());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List usage records (a provider its own, a developer its runs', a regulator all).")
    static final class UsageList implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Mixin ListOptions list;
        @Option(names = "--provider", paramLabel = "PROVIDER", description = "Only this provider's records (regulator).") String provider;
        @Option(names = "--customer", paramLabel = "CUSTOMER", description = "Only this customer account's records.") String customer;
        @Option(names = "--run", paramLabel = "DEVELOPER/RUN", description = "Only records counted towards this run.") String run;

        @Override
        public Integer call() throws Exception {
            // The server pages too: ask for what --limit keeps (100 by default, as before) and sort what comes back.
            int limit = list.limit == null ? 100 : list.limit;
            StringBuilder q = new StringBuilder("?limit=" + limit);
            if (provider != null) q.append("&provider=").append(RegistryCommands.enc(provider));
            if (customer != null) q.append("&customer=").append(RegistryCommands.enc(customer));
            if (run != null) q.append("&run=").append(RegistryCommands.enc(run));
            JsonNode rows = RegistryCommands.rows(list, registry.get("/api/v1/registry/usage" + q), r -> true);
            if (json.printed(RegistryCommands.out(spec), rows)) {
                return 0;
            }
            Table t = new Table("provider", "customer", "job", "chip", "chips", "end", "run", "chip-hours", "FLOP").alignRight(4, 7, 8);
            for (JsonNode r : rows) {
                t.row(r.path("provider").asText(), r.path("customer").asText(), r.path("jobId").asText(), r.path("chip").asText(),
                        r.path("chipCount").asLong(), r.path("end").asText(), r.path("runId").asText(""),
                        Format.num(r.path("chipHours").asDouble()), Format.sci(r.path("flop").asDouble()));
            }
            t.print(RegistryCommands.out(spec));
            return 0;
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "Training runs: declarations, compute, thresholds.")
    static final class RunsCommand {}

    @Command(name = "declare", mixinStandardHelpOptions = true, description = "Declare (or update) a training run (as a developer). Format: docs/REGISTRY.md.")
    static final class RunsDeclare extends RegistryCommands.SealedFileCommand {
        RunsDeclare() {
            super("run declaration");
        }

        @Override
        Submission submission(StatementWriter w, byte[] body, JsonNode parsed) {
            return AccountingStatements.runDeclaration(w, body);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List training runs with their compute (a developer its own, a regulator all).")
    static final class RunsList implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Mixin ListOptions list;
        @Option(names = "--developer", paramLabel = "DEVELOPER", description = "Only this developer's runs (regulator).") String developer;
        @Option(names = "--crossed", description = "Only runs that crossed a threshold in force.") boolean crossedOnly;

        @Override
        public Integer call() throws Exception {
            JsonNode runs = RegistryCommands.rows(list, registry.get("/api/v1/registry/runs"),
                    r -> ListOptions.matches(developer, r.path("developer").asText(null))
                            && (!crossedOnly || !RegistryCommands.crossedInForce(r.path("findings")).isEmpty()));
            if (json.printed(RegistryCommands.out(spec), runs)) {
                return 0;
            }
            Table t = new Table("run", "planned FLOP", "FLOP", "cumulative", "crossed (in force)", "next threshold (forecast)").alignRight(1, 2, 3);
            for (JsonNode r : runs) {
                String crossed = RegistryCommands.crossedInForce(r.path("findings"));
                JsonNode next = r.path("forecast").path("next");
                String forecast = next.isMissingNode() ? "" : next.path("regime").asText() + " "
                        + (next.has("estimatedAt") ? "~" + next.path("estimatedAt").asText().substring(0, 10) : "(no recent usage)");
                t.row(r.path("developer").asText() + "/" + r.path("runId").asText(),
                        r.has("plannedFlop") ? Format.sci(r.path("plannedFlop").asDouble()) : "",
                        Format.sci(r.path("flop").asDouble()), Format.sci(r.path("cumulativeFlop").asDouble()),
                        crossed, forecast);
            }
            t.print(RegistryCommands.out(spec));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run: declaration, compute, findings, obligations, alerts, forecast.")
    static final class RunsShow implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "DEVELOPER/RUN", description = "The run, e.g. lab-x/frontier-1.") String run;

        @Override
        public Integer call() throws Exception {
            int slash = run.indexOf('/');
            if (slash <= 0 || slash == run.length() - 1) {
                throw new InvalidInputException("DEVELOPER/RUN", "'" + run + "' is not DEVELOPER/RUN.", "e.g. lab-x/frontier-1");
            }
            JsonNode r = registry.get("/api/v1/registry/runs/" + RegistryCommands.enc(run.substring(0, slash)) + "/"
                    + RegistryCommands.enc(run.substring(slash + 1)));
            if (json.printed(RegistryCommands.out(spec), r)) {
                return 0;
            }
            RegistryCommands.keyValues(RegistryCommands.out(spec), r);
            return 0;
        }
    }

    @Command(name = "obligations", mixinStandardHelpOptions = true, description = "Obligations triggered by crossing thresholds.")
    static final class ObligationsCommand {}

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List obligations with their deadlines (and --alerts: the alerts fired).")
    static final class ObligationsList implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Mixin ListOptions list;
        @Option(names = "--alerts", description = "List the alerts (fractions of thresholds reached) instead.") boolean alerts;
        @Option(names = "--overdue", description = "Only obligations whose due date has passed.") boolean overdueOnly;
        @Option(names = "--regime", paramLabel = "REGIME", description = "Only this regime's rows, e.g. EU-AIA-51.") String regime;
        @Option(names = "--subject", paramLabel = "SUBJECT", description = "Only this subject's rows, e.g. lab-x/frontier-1.") String subject;
        @Option(names = "--today", paramLabel = "DATE", description = "The day overdue is judged against (default today, UTC).") String today;

        @Override
        public Integer call() throws Exception {
            java.time.LocalDate day = today == null ? java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                    : org.computegov.knowledge.Inputs.date("--today", today);
            JsonNode answer = registry.get(alerts ? "/api/v1/registry/alerts" : "/api/v1/registry/obligations");
            // Overdue is marked on each row (JSON too), so --sort and --overdue work on it like on any field.
            for (JsonNode r : answer) {
                if (!alerts && r instanceof ObjectNode o) {
                    String due = r.path("dueBy").asText("");
                    o.put("overdue", !due.isEmpty() && java.time.LocalDate.parse(due.substring(0, 10)).isBefore(day));
                }
            }
            JsonNode rows = RegistryCommands.rows(list, answer, r -> ListOptions.matches(regime, r.path("regime").asText(null))
                    && ListOptions.matches(subject, r.path("subject").asText(null))
                    && (!overdueOnly || r.path("overdue").asBoolean()));
            if (json.printed(RegistryCommands.out(spec), rows)) {
                return 0;
            }
            Table t = alerts ? new Table("subject", "regime", "fraction", "threshold", "reached at").alignRight(2, 3)
                    : new Table("subject", "regime", "due by", "", "obligation");
            for (JsonNode r : rows) {
                String who = r.path("subjectKind").asText() + " " + r.path("subject").asText();
                if (alerts) {
                    t.row(who, r.path("regime").asText(), String.format(Locale.ROOT, "%.0f%%", r.path("fraction").asDouble() * 100),
                            Format.sci(r.path("threshold").asDouble()), r.path("reachedAt").asText());
                } else {
                    t.row(who, r.path("regime").asText(), r.path("dueBy").asText("-"),
                            r.path("overdue").asBoolean() ? "OVERDUE" : "", r.path("what").asText());
                }
            }
            t.print(RegistryCommands.out(spec));
            if (!alerts) {
                long overdue = 0;
                for (JsonNode r : rows) {
                    overdue += r.path("overdue").asBoolean() ? 1 : 0;
                }
                RegistryCommands.out(spec).println(Format.count(rows.size()) + " obligations, " + Format.count(overdue)
                        + " overdue on " + day + (overdue > 0 && !overdueOnly ? " (--overdue lists only those)" : ""));
                RegistryCommands.out(spec).flush();
            }
            return 0;
        }
    }

    @Command(name = "owners", mixinStandardHelpOptions = true, description = "Beneficial owners with compute aggregated across accounts and providers (regulator).")
    static final class RegistryOwners implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Mixin ListOptions list;

        @Override
        public Integer call() throws Exception {
            JsonNode rows = RegistryCommands.rows(list, registry.get("/api/v1/registry/owners"), o -> true);
            if (json.printed(RegistryCommands.out(spec), rows)) {
                return 0;
            }
            Table t = new Table("owner", "name", "accounts", "FLOP", "crossed (in force)").alignRight(3);
            for (JsonNode o : rows) {
                List<String> accounts = new ArrayList<>();
                o.path("accounts").forEach(a -> accounts.add(a.asText()));
                String crossed = RegistryCommands.crossedInForce(o.path("findings"));
                t.row(o.path("ownerKey").asText(), o.path("name").asText(), String.join(" ", accounts),
                        Format.sci(o.path("flop").asDouble()), crossed);
            }
            t.print(RegistryCommands.out(spec));
            return 0;
        }
    }
}
