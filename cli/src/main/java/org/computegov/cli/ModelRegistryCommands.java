package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.computegov.deployment.oms.Manifest;
import org.computegov.deployment.oms.Reuse;
import org.computegov.deployment.registry.DeploymentStatements;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.StatementWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Models in the registry: {@code cgov model register|list|show}, {@code cgov certify}, {@code cgov evaluator accredit}. */
final class ModelRegistryCommands {
    private ModelRegistryCommands() {}

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Register the model in DIR (as its developer): its OMS fingerprint, the training run that made it "
                    + "(so its compute is known) and the model it was tuned from.",
                    "Registering is the notification the regimes ask for; 'cgov model show' says which apply and by when."})
    static final class Register implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Mixin ModelCommand.HashOptions options;
        @Parameters(paramLabel = "DIR", description = "The model folder.") Path dir;
        @Option(names = "--id", paramLabel = "ID", required = true, description = "Your id for this model version, e.g. atlas-2-chat.") String id;
        @Option(names = "--run", paramLabel = "RUN", description = "The training run (your run id, declared with 'cgov runs declare').") String run;
        @Option(names = "--base", paramLabel = "DEV/ID", description = "The registered model it was tuned from.") String base;

        @Override
        public Integer call() throws Exception {
            Manifest m = ModelCommand.hash(options, dir, options.serialization(List.of()), Reuse.NONE, spec.commandLine().getErr()).manifest();
            StatementWriter w = registry.writer();
            RegistryCommands.accepted(RegistryCommands.out(spec),
                    registry.submit(DeploymentStatements.model(w, w.predicate(), id, m, run, base)), json.json);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Registered models (public).")
    static final class ListModels implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;

        @Override
        public Integer call() throws Exception {
            JsonNode rows = registry.get("/api/v1/registry/models");
            PrintWriter out = RegistryCommands.out(spec);
            if (json.json) {
                RegistryConnection.print(out, rows);
                return 0;
            }
            Table t = new Table("model", "name", "root", "training run", "base");
            rows.forEach(r -> t.row(r.path("developer").asText() + "/" + r.path("modelId").asText(), r.path("name").asText(),
                    r.path("root").asText(), r.path("trainingRun").asText("-"), r.path("baseModel").asText("-")));
            t.print(out);
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One model: fingerprint, certificates, authorizations, training compute and the notification regimes that apply.")
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "DEV/ID", description = "The model, e.g. frontier-lab/frontier-1-chat.") String model;

        @Override
        public Integer call() throws Exception {
            int slash = model.indexOf('/');
            if (slash <= 0) {
                throw new InvalidInputException("DEV/ID", "'" + model + "' is not DEVELOPER/ID.", "e.g. frontier-lab/frontier-1-chat");
            }
            JsonNode m = registry.get("/api/v1/registry/models/" + RegistryCommands.enc(model.substring(0, slash)) + "/"
                    + RegistryCommands.enc(model.substring(slash + 1)));
            PrintWriter out = RegistryCommands.out(spec);
            if (json.json) {
                RegistryConnection.print(out, m);
                return 0;
            }
            out.println(model + "  " + m.path("name").asText() + "  root " + m.path("root").asText());
            out.println("  training run: " + m.path("trainingRun").asText("-") + (m.has("trainingFlop")
                    ? " (" + Format.sci(m.path("trainingFlop").asDouble()) + " FLOP)" : "") + "; base: " + m.path("baseModel").asText("-"));
            m.path("certificates").forEach(c -> out.println("  certificate " + c.path("evaluator").asText() + "/" + c.path("certId").asText()
                    + ": " + c.path("suite").asText() + " " + c.path("suiteVersion").asText() + " " + c.path("verdict").asText()
                    + " on " + c.path("evaluatedOn").asText() + " " + c.path("results")));
            m.path("authorizations").forEach(a -> out.println("  authorization " + a.path("id").asText() + ": " + a.path("state").asText()));
            m.path("notification").forEach(n -> out.println("  must notify under " + n.path("regime").asText() + " (" + n.path("why").asText()
                    + "; " + n.path("deadline").asText() + (n.has("dueBy") ? ", due " + n.path("dueBy").asText() + (n.path("met").asBoolean()
                    ? ", met" : ", LATE") : "") + ")"));
            out.flush();
            return 0;
        }
    }

    @Command(name = "certify", mixinStandardHelpOptions = true,
            description = {"Certify a model's fingerprint (as an accredited evaluator), in the manner of SLSA's verification summary:"
                    + " the suite and its version, results, a verdict and the day of the evaluation."})
    static final class Certify implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ROOT", description = "The model's OMS root (cgov model list shows it).") String root;
        @Option(names = "--id", paramLabel = "ID", required = true, description = "Your certificate id, e.g. EI-2026-007.") String id;
        @Option(names = "--suite", paramLabel = "NAME", required = true, description = "The evaluation suite.") String suite;
        @Option(names = "--suite-version", paramLabel = "VERSION", required = true, description = "Its version.") String suiteVersion;
        @Option(names = "--verdict", paramLabel = "VERDICT", required = true, description = "passed, failed or conditional.") String verdict;
        @Option(names = "--result", paramLabel = "NAME=VALUE", description = "A result (a number or text); repeatable.") List<String> results = new ArrayList<>();
        @Option(names = "--evaluated-on", paramLabel = "DATE", description = "The day of the evaluation (YYYY-MM-DD; default today).") String on;

        @Override
        public Integer call() throws Exception {
            ObjectNode r = Json.object();
            for (String kv : results) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidInputException("--result", "--result '" + kv + "' is not NAME=VALUE.", "e.g. --result bio-uplift=0.08");
                }
                String v = kv.substring(eq + 1);
                try {
                    r.put(kv.substring(0, eq), Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    r.put(kv.substring(0, eq), v);
                }
            }
            LocalDate day;
            try {
                day = on == null ? LocalDate.now(java.time.ZoneOffset.UTC) : LocalDate.parse(on);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("--evaluated-on", "--evaluated-on '" + on + "' is not a date.", "Write YYYY-MM-DD.", e);
            }
            StatementWriter w = registry.writer();
            RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(DeploymentStatements.certify(w, w.predicate(), id,
                    root, suite, suiteVersion, r, verdict, day)), json.json);
            return 0;
        }
    }

    @Command(name = "evaluator", mixinStandardHelpOptions = true, description = "Accredit evaluators (as the regulator) and list them.")
    static final class EvaluatorCommand {}

    @Command(name = "accredit", mixinStandardHelpOptions = true,
            description = "Accredit an actor with the evaluator role to certify models (as the regulator), or --withdraw the accreditation.")
    static final class Accredit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "EVALUATOR", description = "The evaluator's actor id.") String evaluator;
        @Option(names = "--scope", paramLabel = "TEXT", defaultValue = "general", description = "What it is accredited for (default ${DEFAULT-VALUE}).") String scope;
        @Option(names = "--valid-until", paramLabel = "INSTANT", description = "Accredited until (RFC 3339; default: until withdrawn).") String until;
        @Option(names = "--withdraw", description = "Withdraw the accreditation.") boolean withdraw;

        @Override
        public Integer call() throws Exception {
            StatementWriter w = registry.writer();
            RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(DeploymentStatements.accredit(w, w.predicate(),
                    evaluator, scope, until == null ? null : DeploymentCommands.instant(until, "--valid-until"), withdraw)), json.json);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Accredited evaluators (public).")
    static final class ListEvaluators implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;

        @Override
        public Integer call() throws Exception {
            JsonNode rows = registry.get("/api/v1/registry/evaluators");
            PrintWriter out = RegistryCommands.out(spec);
            if (json.json) {
                RegistryConnection.print(out, rows);
                return 0;
            }
            Table t = new Table("evaluator", "scope", "valid until", "accredited");
            rows.forEach(r -> t.row(r.path("evaluator").asText(), r.path("scope").asText(),
                    r.path("validUntil").isNull() ? "until withdrawn" : r.path("validUntil").asText(), r.path("withdrawn").asBoolean() ? "withdrawn" : "yes"));
            t.print(out);
            out.flush();
            return 0;
        }
    }
}
