package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.licensing.LicensingStatements;
import org.computegov.licensing.application.Application;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cgov licence apply|decide|ack|notices|burn-down}: applications, decisions and metering (docs/LICENSING.md). */
final class LicenceApplicationCommands {
    private LicenceApplicationCommands() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "apply", mixinStandardHelpOptions = true, description = {
            "Apply for a licence (as the developer) before training.",
            "The application holds the declared run, planned compute, chips, clusters, schedule and safety case (JSON, sealed: only you and the regulator read it). Says whether the run needs a licence."})
    static final class Apply implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "FILE", description = "The application as JSON (docs/LICENSING.md); - for stdin.") Path file;

        @Override
        public Integer call() throws Exception {
            byte[] bytes = file.toString().equals("-") ? System.in.readNBytes(Inputs.MAX_SMALL_FILE)
                    : Inputs.readText(file, "FILE", "application").getBytes(StandardCharsets.UTF_8);
            try {
                Application.read(bytes); // say what is wrong before signing anything
            } catch (InvalidInputException e) {
                throw new InvalidInputException("FILE", "The application is invalid at " + e.field() + ": " + e.getMessage(), e.hint(), e);
            }
            JsonNode r = registry.submit(LicensingStatements.application(registry.writer(), bytes));
            var out = RegistryCommands.out(spec);
            if (!json.printed(out, r)) {
                RegistryConnection.print(out, r);
                JsonNode s = r.path("summary");
                if (s.has("regimeMessage")) {
                    out.println((s.path("licenceRequired").asBoolean() ? "licence required: " : "no licence needed: ")
                            + s.path("regimeMessage").asText());
                }
            }
            out.flush();
            return 0;
        }
    }

    static final class Outcome {
        @Option(names = "--approve", required = true, description = "Approve (with --condition); then issue the licence with 'cgov licence issue FILE --application DEV/ID'.") boolean approve;
        @Option(names = "--request-changes", required = true, description = "Ask the developer to change the application (give --reason).") boolean changes;
        @Option(names = "--deny", required = true, description = "Deny the application (give --reason).") boolean deny;
    }

    @Command(name = "decide", mixinStandardHelpOptions = true, description = "Decide on an application (as the regulator): approve with conditions, request changes, or deny, with reasons.")
    static final class Decide implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "APPLICATION", description = "The application: developer/applicationId.") String application;
        @ArgGroup(exclusive = true, multiplicity = "1") Outcome outcome;
        @Option(names = "--reason", paramLabel = "TEXT", description = "A reason (repeatable); required to request changes or deny.") List<String> reasons = new ArrayList<>();
        @Option(names = "--condition", paramLabel = "TEXT", description = "A condition of the approval (repeatable).") List<String> conditions = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            if (!application.contains("/")) {
                throw new InvalidInputException("APPLICATION", "Name the application as developer/applicationId, got '" + application + "'.",
                        "e.g. cgov licence decide frontier-lab/A-1 --approve");
            }
            String o = outcome.approve ? "approve" : outcome.changes ? "request-changes" : "deny";
            if (!o.equals("approve") && reasons.isEmpty()) {
                throw new InvalidInputException("--reason", "A decision to " + o + " gives its reasons.", "Add --reason TEXT.");
            }
            if (!o.equals("approve") && !conditions.isEmpty()) {
                throw new InvalidInputException("--condition", "Only an approval has conditions.", null);
            }
            JsonNode r = registry.submit(LicensingStatements.decision(registry.writer(), application, o, reasons, conditions));
            var out = RegistryCommands.out(spec);
            if (!json.printed(out, r)) {
                RegistryConnection.print(out, r);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge a notice about a licence (as an authorized provider).")
    static final class Ack implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "NOTICE", description = "The notice id, e.g. L-1#17 or L-1#overrun (cgov licence notices).") String notice;

        @Override
        public Integer call() throws Exception {
            int hash = notice.indexOf('#');
            if (hash <= 0) {
                throw new InvalidInputException("NOTICE", "A notice id is LICENCE#N or LICENCE#overrun, got '" + notice + "'.",
                        "List yours: cgov licence notices.");
            }
            JsonNode r = registry.submit(LicensingStatements.ack(registry.writer(), notice.substring(0, hash), notice));
            var out = RegistryCommands.out(spec);
            if (!json.printed(out, r)) {
                RegistryConnection.print(out, r);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "notices", mixinStandardHelpOptions = true, description = "Notices about licences: yours as a provider, all as the regulator; overdue ones are escalated.")
    static final class Notices implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--overdue", description = "Only notices not acknowledged in time.") boolean overdue;

        @Override
        public Integer call() throws Exception {
            JsonNode r = registry.get("/api/v1/licence-notices" + (overdue ? "?overdue=true" : ""));
            var out = RegistryCommands.out(spec);
            if (!json.printed(out, r)) {
                for (JsonNode n : r) {
                    out.println(n.path("notice").asText() + "  " + n.path("provider").asText() + "  " + n.path("cause").asText()
                            + "  " + (n.has("acknowledgedAt") ? "acknowledged " + n.path("acknowledgedAt").asText()
                            : n.path("overdue").asBoolean() ? "OVERDUE since " + n.path("acknowledgeBy").asText()
                            : "acknowledge by " + n.path("acknowledgeBy").asText()) + "  " + n.path("reason").asText());
                }
                if (r.isEmpty()) {
                    out.println("no notices");
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "burn-down", mixinStandardHelpOptions = true, description = "A licence's burn-down: used (reported, and charged for jobs never reported) per tranche, alerts at 80%% and 100%%, notices.")
    static final class BurnDown implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ID", description = "The licence id.") String id;

        @Override
        public Integer call() throws Exception {
            JsonNode b = registry.get("/api/v1/licences/" + RegistryCommands.enc(id) + "/burn-down");
            var out = RegistryCommands.out(spec);
            if (!json.printed(out, b)) {
                out.printf(java.util.Locale.ROOT, "%s  %s  used %s of %s released (%s)%n", id, b.path("standing").asText(),
                        Format.sci(b.path("usedFlop").asDouble()), Format.sci(b.path("releasedFlop").asDouble()),
                        Math.round(b.path("usedShareOfReleased").asDouble() * 100) + "%");
                if (b.path("unreportedJobs").asInt() > 0) {
                    out.printf(java.util.Locale.ROOT, "  reported %s; unreported %s, %d job(s) charged their whole pre-charge"
                            + " (no usage reported within the time limit and the grace)%n", Format.sci(b.path("reportedFlop").asDouble()),
                            Format.sci(b.path("unreportedFlop").asDouble()), b.path("unreportedJobs").asInt());
                }
                for (JsonNode t : b.path("tranches")) {
                    out.printf(java.util.Locale.ROOT, "  tranche %d  %s  %s FLOP, used %s%n", t.path("tranche").asInt(),
                            t.path("released").asBoolean() ? "released" : "not released", Format.sci(t.path("flop").asDouble()),
                            Format.sci(t.path("usedFlop").asDouble()));
                }
                b.path("alerts").forEach(a -> out.println("  alert: " + a.path("message").asText()));
                b.path("notices").forEach(n -> out.println("  notice " + n.path("notice").asText() + " to " + n.path("provider").asText()
                        + (n.has("acknowledgedAt") ? " acknowledged" : n.path("overdue").asBoolean() ? " OVERDUE" : " awaiting acknowledgement")));
            }
            out.flush();
            return 0;
        }
    }
}
