package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
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

/** A shared cluster's off switch: {@code cgov switch create|sign|status|agent}. */
final class SwitchCommands {
    private SwitchCommands() {}

    @Command(name = "switch", mixinStandardHelpOptions = true,
            description = "A shared cluster's k-of-n off switch: create it, vote halt or resume, read its status, run the cluster agent.")
    static final class SwitchCommand {}

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a switch (as the cluster's compute provider): n holders, threshold k.")
    static final class Create implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ID", description = "The switch's id, e.g. cloud-a-shared-1.") String id;
        @Option(names = "--holder", paramLabel = "ACTOR", required = true, description = "A key holder (a registered actor); repeatable.") List<String> holders = new ArrayList<>();
        @Option(names = "--threshold", paramLabel = "K", required = true, description = "How many distinct holders' votes flip it.") int threshold;

        @Override
        public Integer call() throws Exception {
            StatementWriter w = registry.writer();
            RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(DeploymentStatements.offSwitch(w, w.predicate(), id,
                    holders, threshold)), json.json);
            return 0;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Vote to halt or resume (as a holder), for the switch's current epoch (read from the registry unless --epoch).")
    static final class Sign implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ID", description = "The switch.") String id;
        @Option(names = "--action", paramLabel = "ACTION", required = true, description = "halt or resume.") String action;
        @Option(names = "--epoch", paramLabel = "N", description = "The epoch voted for (default: the current one).") Long epoch;

        @Override
        public Integer call() throws Exception {
            long e = epoch != null ? epoch : registry.get("/api/v1/registry/switches/" + RegistryCommands.enc(id)).path("epoch").asLong();
            StatementWriter w = registry.writer();
            RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(DeploymentStatements.vote(w, w.predicate(), id, e,
                    action)), json.json);
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "A switch's status: RUNNING or HALTED, its epoch and the votes counted in it (public).")
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ID", description = "The switch.") String id;

        @Override
        public Integer call() throws Exception {
            JsonNode s = registry.get("/api/v1/registry/switches/" + RegistryCommands.enc(id));
            PrintWriter out = RegistryCommands.out(spec);
            if (json.json) {
                RegistryConnection.print(out, s);
                return 0;
            }
            List<String> voters = new ArrayList<>();
            s.path("votesThisEpoch").forEach(v -> voters.add(v.path("holder").asText()));
            out.println(id + "  " + s.path("status").asText().toUpperCase(java.util.Locale.ROOT) + "  epoch " + s.path("epoch").asLong()
                    + "  " + s.path("threshold").asInt() + " of " + s.path("holders").size() + " holders");
            out.println("  " + s.path("pendingAction").asText() + " votes this epoch: " + voters.size() + (voters.isEmpty() ? ""
                    : " (" + String.join(", ", voters) + ")") + "; " + s.path("votesNeeded").asInt() + " more " + s.path("pendingAction").asText() + " it");
            out.flush();
            return 0;
        }
    }

    @Command(name = "agent", mixinStandardHelpOptions = true,
            description = {"Run on a Slurm cluster's controller: poll the switch and act on Slurm. HALTED: set the partition DOWN "
                    + "(queued and new jobs do not start) and suspend its running jobs; RUNNING again: resume the jobs it suspended "
                    + "and set the partition UP. The registry unreachable: the cluster stays as it is.",
                    "Slurm's commands are run as found on PATH, with the environment's SLURM_CONF."})
    static final class Agent implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "ID", description = "The switch.") String id;
        @Option(names = "--partition", paramLabel = "NAME", required = true, description = "The Slurm partition the switch governs.") String partition;
        @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "PT5S", description = "How often to poll (ISO-8601; default ${DEFAULT-VALUE}).") String interval;
        @Option(names = "--once", description = "Poll and act once, then exit (for cron or tests; keep --state-file between runs).") boolean once;
        @Option(names = "--slurm-conf", paramLabel = "FILE", description = "The cluster's slurm.conf (default: $SLURM_CONF, then Slurm's own).") java.nio.file.Path slurmConf;
        @Option(names = "--state-file", paramLabel = "FILE", description = "Keep what was applied and which jobs were suspended here, across runs (default: in memory).") java.nio.file.Path stateFile;

        @Override
        public Integer call() throws Exception {
            Duration every;
            try {
                every = Duration.parse(interval);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("--interval", "--interval '" + interval + "' is not an ISO-8601 duration.", "e.g. PT5S", e);
            }
            if (every.isNegative() || every.isZero()) {
                throw new InvalidInputException("--interval", "--interval must be positive.", "e.g. PT5S");
            }
            SwitchAgent agent;
            try {
                agent = new SwitchAgent(new SwitchAgent.Slurm(partition, slurmConf), spec.commandLine().getErr(), stateFile);
            } catch (java.io.IOException e) {
                throw new InvalidInputException("--state-file", "Cannot read " + stateFile + ": " + e.getMessage() + ".",
                        "Give a writable file (it is created on the first change).", e);
            }
            String path = "/api/v1/registry/switches/" + RegistryCommands.enc(id);
            PrintWriter out = RegistryCommands.out(spec);
            while (true) {
                String status;
                try {
                    status = registry.get(path).path("status").asText();
                } catch (CommandFailure e) {
                    spec.commandLine().getErr().println("switch agent: " + e.getMessage() + "; the cluster stays as it is");
                    spec.commandLine().getErr().flush();
                    if (once) {
                        return 1;
                    }
                    Thread.sleep(every.toMillis());
                    continue;
                }
                String did = agent.reconcile(status.equals("halted"));
                if (!did.isEmpty()) {
                    out.println(json.json ? org.computegov.registry.kernel.Json.object().put("switch", id).put("status", status)
                            .put("did", did).toString() : did);
                    out.flush();
                }
                if (once) {
                    return 0;
                }
                Thread.sleep(every.toMillis());
            }
        }
    }
}
