package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.computegov.deployment.registry.DeploymentStatements;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.registry.statement.StatementWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Correcting deployments: {@code cgov incident file|attribute|list} and {@code cgov order issue|ack|comply|list}. */
final class CorrectionCommands {
    private CorrectionCommands() {}

    @Command(name = "incident", mixinStandardHelpOptions = true, description = "File incidents about deployments and attribute them.")
    static final class IncidentCommand {}

    @Command(name = "file", mixinStandardHelpOptions = true, description = "File an incident about a deployment (any registered actor).")
    static final class File implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--id", paramLabel = "ID", required = true, description = "Your id for the incident.") String id;
        @Option(names = "--deployment", paramLabel = "PROVIDER/ID", required = true, description = "The deployment (cgov deploy list).") String deployment;
        @Option(names = "--severity", paramLabel = "LEVEL", required = true, description = "low, medium, high or critical.") String severity;
        @Option(names = "--description", paramLabel = "TEXT", required = true, description = "What happened.") String description;
        @Option(names = "--occurred-at", paramLabel = "INSTANT", description = "When (RFC 3339; default now).") String at;

        @Override
        public Integer call() throws Exception {
            StatementWriter w = registry.writer();
            RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(DeploymentStatements.incident(w, w.predicate(), id,
                    deployment, severity, description, at == null ? null : DeploymentCommands.instant(at, "--occurred-at"))), json.json);
            return 0;
        }
    }

    @Command(name = "attribute", mixinStandardHelpOptions = true,
            description = {"Who is behind a deployment, in one read: deployer (its KYC identity for the regulator only), model, "
                    + "developer, training run, and the providers whose compute trained it; and its incidents."})
    static final class Attribute implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "PROVIDER/ID", description = "The deployment.") String deployment;

        @Override
        public Integer call() throws Exception {
            int slash = deployment.indexOf('/');
            if (slash <= 0) {
                throw new InvalidInputException("PROVIDER/ID", "'" + deployment + "' is not PROVIDER/ID.", "e.g. cloud-a/chat-us-1");
            }
            JsonNode a = registry.get("/api/v1/registry/deployments/" + RegistryCommands.enc(deployment.substring(0, slash)) + "/"
                    + RegistryCommands.enc(deployment.substring(slash + 1)) + "/attribution");
            PrintWriter out = RegistryCommands.out(spec);
            if (json.json) {
                RegistryConnection.print(out, a);
                return 0;
            }
            JsonNode d = a.path("deployment");
            JsonNode kyc = a.path("deployer").path("kyc");
            out.println("deployment  " + deployment + " at " + d.path("endpoint").asText() + " (" + d.path("region").asText()
                    + "), authorization " + d.path("authorizationId").asText("none"));
            out.println("deployer    " + a.path("deployer").path("customerId").asText() + " at " + a.path("deployer").path("provider").asText()
                    + (kyc.isMissingNode() ? " (identity: regulator only)" : kyc.isNull() ? " (no KYC record)"
                    : ": " + kyc.path("legalName").asText() + ", " + kyc.path("country").asText() + ", " + kyc.path("verificationState").asText()));
            JsonNode m = a.path("model");
            out.println("model       " + m.path("developer").asText() + "/" + m.path("modelId").asText() + " (root " + m.path("root").asText()
                    + ")" + (m.path("baseModel").isNull() ? "" : ", tuned from " + m.path("baseModel").asText()));
            out.println("developer   " + a.path("developer").asText());
            out.println("run         " + (a.path("trainingRun").isNull() ? "none declared" : a.path("trainingRun").path("runId").asText()));
            for (JsonNode p : a.path("trainingProviders")) {
                out.println("trained at  " + p.path("provider").asText() + ": " + Format.sci(p.path("flop").asDouble()) + " FLOP in "
                        + p.path("records").asLong() + " usage records");
            }
            for (JsonNode i : a.path("incidents")) {
                out.println("incident    " + i.path("filer").asText() + "/" + i.path("incidentId").asText() + " (" + i.path("severity").asText()
                        + "): " + i.path("description").asText());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Incidents filed (public).")
    static final class ListIncidents implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;

        @Override
        public Integer call() throws Exception {
            JsonNode rows = registry.get("/api/v1/registry/incidents");
            PrintWriter out = RegistryCommands.out(spec);
            if (json.json) {
                RegistryConnection.print(out, rows);
                return 0;
            }
            Table t = new Table("incident", "deployment", "severity", "occurred", "description");
            rows.forEach(r -> t.row(r.path("filer").asText() + "/" + r.path("incidentId").asText(), r.path("deployment").asText(),
                    r.path("severity").asText(), r.path("occurredAt").asText(), r.path("description").asText()));
            t.print(out);
            out.flush();
            return 0;
        }
    }

    @Command(name = "order", mixinStandardHelpOptions = true, description = "Corrective orders: the regulator issues, the provider acknowledges and complies.")
    static final class OrderCommand {}

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Order a provider (as the regulator) to throttle, suspend or shut down a deployment, with deadlines to acknowledge and comply.")
    static final class Issue implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--id", paramLabel = "ID", required = true, description = "The order's id.") String id;
        @Option(names = "--deployment", paramLabel = "PROVIDER/ID", required = true, description = "The deployment.") String deployment;
        @Option(names = "--measure", paramLabel = "MEASURE", required = true, description = "throttle, suspend or shut-down.") String measure;
        @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why, and what exactly to do.") String reason;
        @Option(names = "--ack-by", paramLabel = "INSTANT", required = true, description = "Acknowledge by (RFC 3339).") String ackBy;
        @Option(names = "--comply-by", paramLabel = "INSTANT", required = true, description = "Comply by (RFC 3339).") String complyBy;
        @Option(names = "--escalation", paramLabel = "DURATION", defaultValue = "P1D",
                description = "An overdue order escalates one level per this period (ISO-8601; default ${DEFAULT-VALUE}).") String escalation;

        @Override
        public Integer call() throws Exception {
            Duration every;
            try {
                every = Duration.parse(escalation);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("--escalation", "--escalation '" + escalation + "' is not an ISO-8601 duration.", "e.g. P1D or PT12H", e);
            }
            StatementWriter w = registry.writer();
            RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(DeploymentStatements.order(w, w.predicate(), id,
                    deployment, measure, reason, DeploymentCommands.instant(ackBy, "--ack-by"),
                    DeploymentCommands.instant(complyBy, "--comply-by"), every)), json.json);
            return 0;
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge an order addressed to you (as the provider).")
    static final class Ack implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ID", description = "The order's id.") String id;

        @Override
        public Integer call() throws Exception {
            StatementWriter w = registry.writer();
            RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(DeploymentStatements.orderAck(w, w.predicate(), id)), json.json);
            return 0;
        }
    }

    @Command(name = "comply", mixinStandardHelpOptions = true, description = "Report compliance with an order addressed to you (as the provider); it also acknowledges.")
    static final class Comply implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ID", description = "The order's id.") String id;
        @Option(names = "--note", paramLabel = "TEXT", required = true, description = "What was done.") String note;

        @Override
        public Integer call() throws Exception {
            StatementWriter w = registry.writer();
            RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(DeploymentStatements.orderCompliance(w, w.predicate(), id, note)), json.json);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Orders with their standing now: open, acknowledged, complied, complied late, or OVERDUE with the escalation level (regulator all, a provider its own).")
    static final class ListOrders implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;

        @Override
        public Integer call() throws Exception {
            JsonNode rows = registry.get("/api/v1/registry/orders");
            PrintWriter out = RegistryCommands.out(spec);
            if (json.json) {
                RegistryConnection.print(out, rows);
                return 0;
            }
            Table t = new Table("order", "provider", "deployment", "measure", "standing", "explanation");
            rows.forEach(r -> t.row(r.path("id").asText(), r.path("provider").asText(), r.path("deploymentId").asText(),
                    r.path("measure").asText(), r.path("standing").asText().equals("overdue") ? "OVERDUE (level "
                            + r.path("escalation").asInt() + ")" : r.path("standing").asText(), r.path("explanation").asText()));
            t.print(out);
            out.flush();
            return 0;
        }
    }
}
