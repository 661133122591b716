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
 * The accounting capability from the command line: usage reports and corrections, training runs, obligations and
 * alerts, and the regulator's view of beneficial owners.
 */
final class AccountingCommands {
    private AccountingCommands() {}

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
                JsonNode a = registry.submit(AccountingStatements.usageRecords(w, UsageJson.write(part).getBytes(StandardCharsets.UTF_8), part.size()));
                accepted += a.path("summary").path("accepted").asLong();
                duplicates += a.path("summary").path("duplicates").asLong();
                RegistryCommands.accepted(RegistryCommands.out(spec), a, outputJson);
                if (records.isEmpty()) {
                    break;
                }
            }
            RegistryCommands.out(spec).printf(Locale.ROOT, "%d records: %d new, %d already reported%n", records.size(), accepted, duplicates);
            RegistryCommands.out(spec).flush();
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
        @Option(names = "--provider") String provider;
        @Option(names = "--customer") String customer;
        @Option(names = "--run") String run;
        @Option(names = "--limit", defaultValue = "100") int limit;

        @Override
        public Integer call() throws Exception {
            StringBuilder q = new StringBuilder("?limit=" + limit);
            if (provider != null) q.append("&provider=").append(RegistryCommands.enc(provider));
            if (customer != null) q.append("&customer=").append(RegistryCommands.enc(customer));
            if (run != null) q.append("&run=").append(RegistryCommands.enc(run));
            JsonNode rows = registry.get("/api/v1/registry/usage" + q);
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

        @Override
        public Integer call() throws Exception {
            JsonNode runs = registry.get("/api/v1/registry/runs");
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
        @Parameters(paramLabel = "DEVELOPER/RUN") String run;

        @Override
        public Integer call() throws Exception {
            int slash = run.indexOf('/');
            if (slash <= 0 || slash == run.length() - 1) {
                throw new InvalidInputException("DEVELOPER/RUN", "'" + run + "' is not DEVELOPER/RUN.", "e.g. lab-x/frontier-1");
            }
            RegistryConnection.print(RegistryCommands.out(spec), registry.get("/api/v1/registry/runs/" + RegistryCommands.enc(run.substring(0, slash)) + "/"
                    + RegistryCommands.enc(run.substring(slash + 1))));
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
        @Option(names = "--alerts", description = "List the alerts (fractions of thresholds reached) instead.") boolean alerts;

        @Override
        public Integer call() throws Exception {
            JsonNode rows = registry.get(alerts ? "/api/v1/registry/alerts" : "/api/v1/registry/obligations");
            if (json.printed(RegistryCommands.out(spec), rows)) {
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
            t.print(RegistryCommands.out(spec));
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
