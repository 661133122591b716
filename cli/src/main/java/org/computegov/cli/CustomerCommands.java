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
 * The customers capability from the command line: KYC records, access events, customer lists and screening (a
 * provider its own customers, the regulator all), and the regulator's denied-party lists.
 */
final class CustomerCommands {
    private CustomerCommands() {}

    @Command(name = "kyc", mixinStandardHelpOptions = true, description = "Customer identification (KYC) records, access events and screening.")
    static final class KycCommand {}

    @Command(name = "submit", mixinStandardHelpOptions = true, description = {
            "Submit a customer's KYC record (as a compute provider). The log gets only a salted commitment;",
            "the record is readable by you and the regulator. Format: docs/REGISTRY.md."})
    static final class KycSubmit extends RegistryCommands.SealedFileCommand {
        KycSubmit() {
            super("customer record");
        }

        @Override
        Submission submission(StatementWriter w, byte[] body, JsonNode parsed) {
            return CustomerStatements.customerRecord(w, body);
        }
    }

    @Command(name = "access", mixinStandardHelpOptions = true, description = "Submit a customer's access events (IP address and time; required for foreign customers).")
    static final class KycAccess extends RegistryCommands.SealedFileCommand {
        KycAccess() {
            super("access events");
        }

        @Override
        Submission submission(StatementWriter w, byte[] body, JsonNode parsed) {
            return CustomerStatements.accessEvents(w, body, parsed.isArray() ? parsed.size() : 0);
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
            RegistryConnection.print(RegistryCommands.out(spec), registry.get("/api/v1/registry/customers/" + RegistryCommands.enc(account.substring(0, slash))
                    + "/" + RegistryCommands.enc(account.substring(slash + 1))));
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
            JsonNode rows = registry.get("/api/v1/registry/customers" + (provider == null ? "" : "?provider=" + RegistryCommands.enc(provider)));
            if (json.printed(RegistryCommands.out(spec), rows)) {
                return 0;
            }
            Table t = new Table("provider", "customer", "legal name", "country", "foreign", "verification", "risk", "hits", "FLOP")
                    .alignRight(7, 8);
            for (JsonNode c : rows) {
                t.row(c.path("provider").asText(), c.path("customerId").asText(), c.path("legalName").asText(),
                        c.path("country").asText(), c.path("foreign").asBoolean() ? "yes" : "no", c.path("verificationState").asText(),
                        c.path("riskRating").asText(), c.path("screeningHits").asLong(), Format.sci(c.path("flop").asDouble()));
            }
            t.print(RegistryCommands.out(spec));
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
            JsonNode hits = registry.get("/api/v1/registry/screening?name=" + RegistryCommands.enc(name) + (country == null ? "" : "&country=" + RegistryCommands.enc(country)));
            if (json.printed(RegistryCommands.out(spec), hits)) {
                return 0;
            }
            if (hits.isEmpty()) {
                RegistryCommands.out(spec).println("no match on the loaded lists");
                RegistryCommands.out(spec).flush();
                return 0;
            }
            Table t = new Table("score", "list", "source", "entry", "matched name", "fields").alignRight(0);
            for (JsonNode h : hits) {
                t.row(String.format(Locale.ROOT, "%.3f", h.path("score").asDouble()), h.path("list").asText(), h.path("source").asText(),
                        h.path("entryId").asText(), h.path("matchedName").asText(), h.path("fields").asText());
            }
            t.print(RegistryCommands.out(spec));
            return 0;
        }
    }

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
            RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(w.publicStatement("screening-list", "list:" + name, p, bytes, bytes)), json.json);
            return 0;
        }
    }
}
