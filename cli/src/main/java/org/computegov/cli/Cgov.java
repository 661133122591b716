package org.computegov.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.computegov.knowledge.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code cgov} command. Exit codes: 0 success, 1 a check failed or the server is unreachable or failed, 2 bad
 * input (with a message that says what is wrong and how to fix it). The grammar every command follows: docs/CLI.md.
 */
@Command(name = "cgov", mixinStandardHelpOptions = true, version = "computegov 0.1.0",
        description = "computegov: governing frontier AI through compute.",
        footerHeading = "%nExit status:%n",
        footer = {"  0 success; 1 a check failed, or the server is unreachable or failed; 2 bad input.",
                "Grammar and conventions: docs/CLI.md. Completion: source <(./cgov completion bash)."})
public final class Cgov {
    public static final int BAD_INPUT = 2;
    public static final int CHECK_FAILED = 1;

    /** Chooses the context for this command only; inherited by every subcommand. */
    @Option(names = "--context", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Use this saved context (see 'cgov config') instead of the current one; env CGOV_CONTEXT.")
    void context(String name) {
        Contexts.selected = name;
    }

    /** Subcommands by name, in the order help lists them. */
    private static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();
    /** The subcommands of command groups, e.g. chips → list, show, classify. */
    private static final Map<String, Map<String, Class<?>>> GROUPS = new LinkedHashMap<>();

    static {
        COMMANDS.put("serve", ServeCommand.class);
        COMMANDS.put("chips", ChipsCommand.class);
        COMMANDS.put("estimate", EstimateCommand.class);
        COMMANDS.put("thresholds", ThresholdsCommand.class);
        COMMANDS.put("trends", TrendsCommand.class);
        COMMANDS.put("concern", ConcernCommand.class);
        COMMANDS.put("alloc", AllocationCommands.AllocCommand.class);
        COMMANDS.put("usage", UsageCommand.class);
        COMMANDS.put("keys", KeysCommand.class);
        COMMANDS.put("note", NoteCommand.class);
        COMMANDS.put("dsse", DsseCommand.class);
        COMMANDS.put("log", LogCommand.class);
        COMMANDS.put("witness", WitnessCommand.class);
        COMMANDS.put("actor", RegistryCommands.ActorCommand.class);
        COMMANDS.put("kyc", CustomerCommands.KycCommand.class);
        COMMANDS.put("screening", CustomerCommands.ScreeningCommand.class);
        COMMANDS.put("runs", AccountingCommands.RunsCommand.class);
        COMMANDS.put("obligations", AccountingCommands.ObligationsCommand.class);
        COMMANDS.put("registry", RegistryCommands.RegistryCommand.class);
        COMMANDS.put("licence", LicenceCommands.LicenceCommand.class);
        COMMANDS.put("admit", AdmitCommand.class);
        COMMANDS.put("admission", AdmissionCommands.AdmissionCommand.class);
        COMMANDS.put("model", ModelCommand.class);
        COMMANDS.put("deploy", DeploymentCommands.DeployCommand.class);
        COMMANDS.put("certify", ModelRegistryCommands.Certify.class);
        COMMANDS.put("evaluator", ModelRegistryCommands.EvaluatorCommand.class);
        COMMANDS.put("incident", CorrectionCommands.IncidentCommand.class);
        COMMANDS.put("order", CorrectionCommands.OrderCommand.class);
        COMMANDS.put("switch", SwitchCommands.SwitchCommand.class);
        COMMANDS.put("console", ConsoleCommand.class);
        COMMANDS.put("bench", BenchCommand.class);
        COMMANDS.put("config", ConfigCommand.class);
        COMMANDS.put("completion", CompletionCommand.class);
        COMMANDS.put("man", ManCommand.class);
        COMMANDS.put("help", CommandLine.HelpCommand.class);
        GROUPS.put("chips", group("list", ChipsCommand.ListChips.class, "show", ChipsCommand.ShowChip.class,
                "classify", ChipsCommand.ClassifyChip.class, "transfer-check", ChipsCommand.TransferCheck.class, "register", ChipRegistryCommands.Register.class,
                "transfer", ChipRegistryCommands.Transfer.class, "holdings", ChipRegistryCommands.Holdings.class));
        GROUPS.put("thresholds", group("list", ThresholdsCommand.ListRegimes.class, "check", ThresholdsCommand.CheckRun.class,
                "cluster", ThresholdsCommand.CheckCluster.class));
        GROUPS.put("trends", group("fit", TrendsCommand.Fit.class, "frontier", TrendsCommand.Frontier.class,
                "forecast", TrendsCommand.Forecast.class));
        GROUPS.put("keys", group("generate", KeysCommand.Generate.class, "show", KeysCommand.Show.class));
        GROUPS.put("note", group("sign", NoteCommand.Sign.class, "verify", NoteCommand.Verify.class));
        GROUPS.put("dsse", group("sign", DsseCommand.Sign.class, "verify", DsseCommand.Verify.class));
        GROUPS.put("log", group("submit", LogCommand.Submit.class, "verify-inclusion", LogCommand.VerifyInclusion.class,
                "audit", LogCommand.Audit.class, "info", LogInfoCommand.class));
        GROUPS.put("config", group("set-context", ConfigCommand.SetContext.class, "use-context", ConfigCommand.UseContext.class,
                "get-contexts", ConfigCommand.GetContexts.class, "current-context", ConfigCommand.CurrentContext.class,
                "delete-context", ConfigCommand.DeleteContext.class));
        GROUPS.put("witness", group("serve", WitnessCommand.Serve.class));
        GROUPS.put("model", group("hash", ModelCommand.Hash.class, "sign", ModelCommand.Sign.class,
                "verify", ModelCommand.Verify.class, "register", ModelRegistryCommands.Register.class,
                "list", ModelRegistryCommands.ListModels.class, "show", ModelRegistryCommands.Show.class));
        GROUPS.put("deploy", group("authorize", DeploymentCommands.Authorize.class, "status", DeploymentCommands.Status.class,
                "bundle", DeploymentCommands.MakeBundle.class, "register", DeploymentCommands.Register.class,
                "verify", DeploymentCommands.Verify.class, "list", DeploymentCommands.ListDeployments.class));
        GROUPS.put("evaluator", group("accredit", ModelRegistryCommands.Accredit.class, "list", ModelRegistryCommands.ListEvaluators.class));
        GROUPS.put("incident", group("file", CorrectionCommands.File.class, "attribute", CorrectionCommands.Attribute.class,
                "list", CorrectionCommands.ListIncidents.class));
        GROUPS.put("order", group("issue", CorrectionCommands.Issue.class, "ack", CorrectionCommands.Ack.class,
                "comply", CorrectionCommands.Comply.class, "list", CorrectionCommands.ListOrders.class));
        GROUPS.put("switch", group("create", SwitchCommands.Create.class, "sign", SwitchCommands.Sign.class,
                "status", SwitchCommands.Status.class, "agent", SwitchCommands.Agent.class));
        GROUPS.put("bench", group("log", BenchCommand.LogBench.class, "registry", BenchCommand.RegistryBench.class,
                "attack", AttackBench.class, "fuzz", FuzzBench.class, "admission", AdmissionBench.class,
                "fingerprint", FingerprintBench.class, "shaping", ShapingBench.class,
                "console", ConsoleBench.class, "catch-up", CatchUpBench.class));
        GROUPS.put("usage", group("parse-sacct", UsageCommand.ParseSacct.class, "submit", AccountingCommands.UsageSubmit.class,
                "correct", AccountingCommands.UsageCorrect.class, "list", AccountingCommands.UsageList.class));
        GROUPS.put("actor", group("register", RegistryCommands.ActorRegister.class, "list", RegistryCommands.ActorList.class,
                "add-key", RegistryCommands.ActorAddKey.class, "revoke-key", RegistryCommands.ActorRevokeKey.class,
                "rotate-root", RegistryCommands.ActorRotateRoot.class));
        GROUPS.put("kyc", group("submit", CustomerCommands.KycSubmit.class, "access", CustomerCommands.KycAccess.class,
                "show", CustomerCommands.KycShow.class, "list", CustomerCommands.KycList.class, "screen", CustomerCommands.KycScreen.class));
        GROUPS.put("screening", group("load", CustomerCommands.ScreeningLoad.class));
        GROUPS.put("runs", group("declare", AccountingCommands.RunsDeclare.class, "list", AccountingCommands.RunsList.class,
                "show", AccountingCommands.RunsShow.class));
        GROUPS.put("licence", group("issue", LicenceCommands.Issue.class, "release", LicenceCommands.Release.class,
                "suspend", LicenceCommands.Suspend.class, "revoke", LicenceCommands.Revoke.class, "show", LicenceCommands.Show.class,
                "bundle", LicenceCommands.MakeBundle.class, "verify", LicenceCommands.Verify.class, "amend", LicenceAmendCommand.class,
                "apply", LicenceApplicationCommands.Apply.class, "decide", LicenceApplicationCommands.Decide.class,
                "ack", LicenceApplicationCommands.Ack.class, "notices", LicenceApplicationCommands.Notices.class,
                "burn-down", LicenceApplicationCommands.BurnDown.class));
        GROUPS.put("admission", group("serve", AdmissionCommands.Serve.class, "decisions", AdmissionCommands.Decisions.class));
        GROUPS.put("obligations", group("list", AccountingCommands.ObligationsList.class));
        GROUPS.put("registry", group("stats", RegistryCommands.RegistryStats.class, "owners", AccountingCommands.RegistryOwners.class,
                "kinds", RegistryCommands.RegistryKinds.class, "replay", RegistryCommands.RegistryReplay.class));
        GROUPS.put("console", group("user", ConsoleCommand.User.class));
        GROUPS.put("alloc", group("programme", AllocationCommands.ProgrammeCmd.class, "resource", AllocationCommands.ResourceCmd.class,
                "call", AllocationCommands.CallCmd.class, "propose", AllocationCommands.ProposeCmd.class, "review", AllocationCommands.ReviewCmd.class,
                "award", AllocationCommands.AwardCmd.class, "report", AllocationCommands.ReportCmd.class, "change", AllocationCommands.ChangeCmd.class,
                "decide", AllocationCommands.DecideCmd.class, "show", AllocationCommands.Show.class, "export", AllocationCommands.Export.class));
    }

    private static Map<String, Class<?>> group(Object... nameThenClass) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            m.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return m;
    }

    /**
     * The command tree for these arguments. picocli builds each command's model by reflection, and its classes
     * cannot be class-data-shared (they are Java 5 class files), so only the commands named are built: a chip
     * classification starts in half the time. Help without a command builds everything.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Cgov());
        Class<?> only = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (only == null || only == CommandLine.HelpCommand.class) {
            COMMANDS.forEach((name, type) -> cli.addSubcommand(name, withGroup(name, type, null)));
            return cli;
        }
        cli.addSubcommand(args[0], withGroup(args[0], only, args.length > 1 ? args[1] : null));
        return cli;
    }

    /** Every command, for completion scripts, man pages and tests of the whole surface. */
    static CommandLine fullCommandLine() {
        return commandLine(new String[0]);
    }

    private static Object withGroup(String name, Class<?> type, String sub) {
        Map<String, Class<?>> subs = GROUPS.get(name);
        if (subs == null) {
            return type;
        }
        CommandLine group = new CommandLine(type);
        if (sub != null && subs.containsKey(sub)) {
            group.addSubcommand(sub, subs.get(sub));
        } else {
            subs.forEach(group::addSubcommand);
        }
        return group;
    }

    /** Not a user command: ./cgov runs it once under -XX:ArchiveClassesAtExit to record a class-data-sharing archive. */
    static final String CDS_TRAINING = "--cds-training";

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals(CDS_TRAINING)) {
            System.exit(train());
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the short commands once each, output discarded, so the archive holds every class they load. */
    private static int train() {
        PrintWriter discard = new PrintWriter(java.io.Writer.nullWriter());
        String[][] commands = {
                {"chips", "classify", "H100"}, {"chips", "classify", "H20", "--json"}, {"chips", "list"},
                {"chips", "show", "A100", "--json"}, {"chips", "show", "no-such-chip"},
                {"estimate", "--params", "175e9", "--tokens", "300e9"},
                {"estimate", "--chip", "H100", "--count", "8", "--hours", "1", "--json"},
                {"thresholds", "check", "--flop", "1e26"}, {"thresholds", "list", "--json"}, {"--help"}};
        int failures = 0;
        for (String[] command : commands) {
            int exit = run(command, discard, discard);
            failures += exit == 0 || command[command.length - 1].equals("no-such-chip") ? 0 : 1;
        }
        return failures == 0 ? 0 : 1;
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and main alike). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Contexts.selected = null;
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidInputException bad) {
                err.println("cgov: " + bad.describe());
                err.flush();
                return BAD_INPUT;
            }
            if (e instanceof CheckFailed failed) {
                err.println("cgov: " + failed.describe());
                err.flush();
                return CHECK_FAILED;
            }
            if (e instanceof CommandFailure failure) {
                err.println("cgov: " + failure.getMessage());
                err.flush();
                return 1;
            }
            if (e instanceof org.computegov.ledger.VerificationException failed) {
                // Well-formed data whose signatures do not verify: a failed check, not a typing mistake.
                err.println("cgov: " + failed.getMessage());
                err.flush();
                return CHECK_FAILED;
            }
            err.println("cgov: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }
}
