package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.computegov.api.Json;
import org.computegov.ledger.keys.KeyFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The grammar of docs/CLI.md, checked over the whole command tree and through the commands themselves: help text
 * on every option and parameter, no picocli warnings, {@code --json} wherever results print and parseable when
 * given, one exit code per kind of failure, {@code -} for standard input.
 */
class CliGrammarTest {
    @TempDir Path dir;

    /** Commands that print no result to format: servers, benchmarks, configuration changes, generated files. */
    private static final Set<String> NO_RESULT = Set.of("cgov serve", "cgov witness serve", "cgov admission serve", "cgov bench log",
            "cgov bench registry", "cgov bench attack", "cgov bench fingerprint", "cgov config set-context", "cgov config use-context", "cgov config delete-context",
            "cgov completion", "cgov man", "cgov help");

    /** Commands not yet held to the grammar (none: the registry's were brought in after the kernel landed). */
    private static final List<String> PENDING_KERNEL = List.of();

    private static boolean pending(String name) {
        return PENDING_KERNEL.stream().anyMatch(p -> (name + " ").startsWith(p));
    }

    @BeforeEach
    void hermetic() {
        Env.variables = Map.of("CGOV_CONFIG", dir.resolve("config.json").toString())::get;
    }

    @AfterEach
    void restore() {
        Env.reset();
    }

    private static List<CommandLine> leaves(CommandLine cl) {
        List<CommandLine> all = new ArrayList<>();
        if (cl.getSubcommands().isEmpty()) {
            all.add(cl);
        }
        cl.getSubcommands().values().forEach(sub -> {
            if (sub.getCommandSpec().parent() == cl.getCommandSpec()) {
                all.addAll(leaves(sub));
            }
        });
        return all;
    }

    private static List<CommandLine> all(CommandLine cl) {
        List<CommandLine> all = new ArrayList<>(List.of(cl));
        cl.getSubcommands().values().forEach(sub -> {
            if (sub.getCommandSpec().parent() == cl.getCommandSpec()) {
                all.addAll(all(sub));
            }
        });
        return all;
    }

    @Test
    void everyOptionAndParameterHasHelpTextAndHelpRendersWithoutWarnings() {
        PrintStream realErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine cl : all(Cgov.fullCommandLine())) {
                CommandSpec s = cl.getCommandSpec();
                String name = s.qualifiedName(" ");
                if (pending(name)) {
                    cl.getUsageMessage();
                    continue;
                }
                String[] d = s.usageMessage().description();
                if (d.length == 0 || d[0].isBlank()) {
                    problems.add(name + ": no description");
                } else if (!d[0].strip().matches(".*[.)]$")) {
                    problems.add(name + ": first description line is not a whole sentence: " + d[0]);
                }
                for (OptionSpec o : s.options()) {
                    if (!o.hidden() && (o.description().length == 0 || String.join("", o.description()).isBlank())) {
                        problems.add(name + " " + o.longestName() + ": no help text");
                    }
                    if (!o.hidden() && o.arity().max > 0 && o.paramLabel().startsWith("<")) {
                        problems.add(name + " " + o.longestName() + ": no paramLabel");
                    }
                }
                for (PositionalParamSpec p : s.positionalParameters()) {
                    if (p.description().length == 0) {
                        problems.add(name + " " + p.paramLabel() + ": no help text");
                    }
                }
                cl.getUsageMessage();
            }
        } finally {
            System.setErr(realErr);
        }
        assertThat(problems).isEmpty();
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    @Test
    void everyCommandThatPrintsAResultHasJson() {
        Set<String> without = new TreeSet<>();
        for (CommandLine leaf : leaves(Cgov.fullCommandLine())) {
            String name = leaf.getCommandSpec().qualifiedName(" ");
            if (leaf.getCommandSpec().findOption("--json") == null && !pending(name)) {
                without.add(name);
            }
        }
        assertThat(without).isSubsetOf(NO_RESULT);
    }

    @Test
    void jsonOutputParsesForEveryOfflineCommand() throws Exception {
        Path key = dir.resolve("alice.key");
        JsonNode generated = json("keys", "generate", "--name", "alice", "--out", key.toString(), "--json");
        assertThat(generated.get("vkey").asText()).startsWith("alice+");
        String vkey = KeyFiles.readSignerKey(key).verifierKey().encode();
        assertThat(json("keys", "show", "--key", key.toString(), "--json").get("vkey").asText()).isEqualTo(vkey);
        assertThat(json("chips", "list", "--json").get("chips").size()).isGreaterThan(20);
        assertThat(json("chips", "show", "H100", "--json").get("name").asText()).contains("H100");
        assertThat(json("chips", "classify", "H20", "--json").get("outcome").asText()).isNotBlank();
        assertThat(json("estimate", "--params", "175e9", "--tokens", "300e9", "--json").get("flop").asDouble())
                .isEqualTo(6 * 175e9 * 300e9, org.assertj.core.api.Assertions.within(1e12));
        assertThat(json("thresholds", "list", "--json").get("regimes").size()).isGreaterThan(3);
        assertThat(json("thresholds", "check", "--flop", "1e26", "--json").get("findings").isArray()).isTrue();
        assertThat(json("thresholds", "cluster", "--ops-per-second", "1e20", "--json").get("findings").isArray()).isTrue();

        Path text = Files.writeString(dir.resolve("note.txt"), "hello\n");
        JsonNode note = json("note", "sign", "--key", key.toString(), text.toString(), "--json");
        Path signed = Files.writeString(dir.resolve("note.signed"), note.get("note").asText());
        assertThat(json("note", "verify", "--vkey", vkey, signed.toString(), "--json").get("verified").asBoolean()).isTrue();
        Path envelope = Files.writeString(dir.resolve("env.json"), CliRun.of("dsse", "sign", "--key", key.toString(),
                "--payload-type", "text/plain", text.toString(), "--json").out());
        assertThat(Json.mapper().readTree(envelope.toFile()).get("payloadType").asText()).isEqualTo("text/plain");
        JsonNode v = json("dsse", "verify", "--vkey", vkey, envelope.toString(), "--json");
        assertThat(v.get("payloadType").asText()).isEqualTo("text/plain");
        assertThat(v.get("signers").get(0).get("key").asText()).startsWith("alice+");

        assertThat(json("config", "get-contexts", "--json").get("contexts").size()).isZero();
        Path sacct = Path.of("..", "registry", "src", "test", "resources", "sacct");
        try (var files = Files.list(sacct)) {
            Path sample = files.filter(f -> f.toString().endsWith(".txt")).sorted().findFirst().orElseThrow();
            CliRun parsed = CliRun.of("usage", "parse-sacct", sample.toString(), "--json");
            if (parsed.exit() == 0) {
                assertThat(Json.mapper().readTree(parsed.out()).isArray()).isTrue();
            }
        }
    }

    private static JsonNode json(String... args) throws Exception {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return Json.mapper().readTree(run.out());
    }

    @Test
    void exitCodesSayWhatKindOfFailureItWas() throws Exception {
        // 2: bad input of every kind.
        assertThat(CliRun.of("chips", "show", "H100", "--no-such-option").exit()).isEqualTo(2);
        assertThat(CliRun.of("estimate", "--params", "many", "--tokens", "1e9").exit()).isEqualTo(2);
        assertThat(CliRun.of("note", "sign", "--key", dir.resolve("absent.key").toString(), "x").exit()).isEqualTo(2);
        CliRun noKey = CliRun.of("note", "sign", Files.writeString(dir.resolve("n.txt"), "x\n").toString());
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err()).contains("needs your signer key", "cgov config set-context");
        assertThat(CliRun.of("completion", "fish").exit()).isEqualTo(2);
        assertThat(CliRun.of("config", "use-context", "nowhere").exit()).isEqualTo(2);
        assertThat(CliRun.of("chips", "list", "--sort", "nosuchfield").err()).contains("Sort by one of:", "tpp");

        // 1: a check that failed.
        Path alice = dir.resolve("alice.key");
        Path mallory = dir.resolve("mallory.key");
        CliRun.of("keys", "generate", "--name", "alice", "--out", alice.toString());
        CliRun.of("keys", "generate", "--name", "mallory", "--out", mallory.toString());
        Path text = Files.writeString(dir.resolve("note.txt"), "hello\n");
        Path env = Files.writeString(dir.resolve("env.json"), CliRun.of("dsse", "sign", "--key", alice.toString(),
                "--payload-type", "text/plain", text.toString()).out());
        CliRun forged = CliRun.of("dsse", "verify", "--vkey",
                KeyFiles.readSignerKey(mallory).verifierKey().encode(), env.toString());
        assertThat(forged.exit()).isEqualTo(1);
        assertThat(forged.out()).isEmpty();
        assertThat(forged.err()).contains("does not verify");

        // 1: a server that is not there, for the log and the registry alike.
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closed;
        assertThat(CliRun.of("log", "submit", "--url", nowhere, env.toString()).exit()).isEqualTo(1);
        assertThat(CliRun.of("log", "info", "--url", nowhere).exit()).isEqualTo(1);
        assertThat(CliRun.of("log", "audit", "--url", nowhere, "--vkey",
                KeyFiles.readSignerKey(alice).verifierKey().encode(), "--state-dir", dir.toString()).exit()).isEqualTo(1);
        assertThat(CliRun.of("actor", "list", "--url", nowhere).exit()).isEqualTo(1);
    }

    @Test
    void aDashReadsStandardInput() throws Exception {
        Path alice = dir.resolve("alice.key");
        CliRun.of("keys", "generate", "--name", "alice", "--out", alice.toString());
        Env.stdin = () -> new ByteArrayInputStream("from a pipe\n".getBytes(StandardCharsets.UTF_8));
        CliRun signed = CliRun.of("note", "sign", "--key", alice.toString(), "-");
        assertThat(signed.exit()).as(signed.err()).isZero();
        assertThat(signed.out()).startsWith("from a pipe\n\n\u2014 alice ");
        Env.stdin = () -> new ByteArrayInputStream(signed.out().getBytes(StandardCharsets.UTF_8));
        CliRun verified = CliRun.of("note", "verify", "--vkey", KeyFiles.readSignerKey(alice).verifierKey().encode(),
                "--text-out", "-", "-");
        assertThat(verified.exit()).as(verified.err()).isZero();
        assertThat(verified.out()).isEqualTo("from a pipe\n");
        assertThat(verified.err()).contains("verified: signed by alice+");
    }

    @Test
    void oldSpellingsStillWorkButAreHidden() throws Exception {
        Path alice = dir.resolve("alice.key");
        CliRun.of("keys", "generate", "--name", "alice", "--out", alice.toString());
        assertThat(CliRun.of("keys", "show", "--skey", alice.toString()).exit()).isZero();
        String help = CliRun.of("keys", "show", "--help").out();
        assertThat(help).contains("--key=FILE", "--key-env=VAR").doesNotContain("--skey");
        // CGOV_KEY names the key when no flag does.
        Env.variables = Map.of("CGOV_KEY", alice.toString(), "CGOV_CONFIG", dir.resolve("c.json").toString())::get;
        assertThat(CliRun.of("keys", "show").out()).contains("signer key alice+");
    }

    @Test
    void listsFilterSortAndPage() throws Exception {
        JsonNode nvidia = json("chips", "list", "--vendor", "nvidia", "--sort", "-tpp", "--limit", "3", "--json")
                .get("chips");
        assertThat(nvidia).hasSize(3);
        for (JsonNode c : nvidia) {
            assertThat(c.get("vendor").asText()).isEqualToIgnoringCase("NVIDIA");
        }
        assertThat(nvidia.get(0).get("tpp").asDouble()).isGreaterThanOrEqualTo(nvidia.get(1).get("tpp").asDouble());
        assertThat(nvidia.get(1).get("tpp").asDouble()).isGreaterThanOrEqualTo(nvidia.get(2).get("tpp").asDouble());
        JsonNode all = json("chips", "list", "--vendor", "nvidia", "--json").get("chips");
        double max = 0;
        for (JsonNode c : all) {
            max = Math.max(max, c.path("tpp").asDouble());
        }
        assertThat(nvidia.get(0).get("tpp").asDouble()).isEqualTo(max);
        String table = CliRun.of("chips", "list", "--vendor", "nvidia", "--limit", "2").out();
        assertThat(table.lines().filter(l -> l.startsWith("NVIDIA")).count()).isEqualTo(2);

        JsonNode eu = json("thresholds", "list", "--jurisdiction", "EU", "--json").get("regimes");
        assertThat(eu.size()).isPositive();
        eu.forEach(r -> assertThat(r.get("jurisdiction").asText()).isEqualTo("EU"));
        JsonNode inForce = json("thresholds", "list", "--in-force", "--date", "2026-06-01", "--json").get("regimes");
        JsonNode every = json("thresholds", "list", "--json").get("regimes");
        assertThat(inForce.size()).isPositive().isLessThan(every.size());
    }

    @Test
    void completionScriptsAndManPagesComeFromTheCommandModel() throws Exception {
        CliRun bash = CliRun.of("completion", "bash");
        assertThat(bash.exit()).isZero();
        assertThat(bash.out()).contains("complete -F", "chips", "thresholds", "set-context", "--as-of");
        assertThat(CliRun.of("completion", "zsh").out()).contains("bashcompinit");
        if (Files.isExecutable(Path.of("/bin/bash"))) {
            Path script = Files.writeString(dir.resolve("cgov.bash"), bash.out());
            Process p = new ProcessBuilder("/bin/bash", "-n", script.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
        }

        Path man = dir.resolve("man1");
        CliRun wrote = CliRun.of("man", man.toString());
        assertThat(wrote.exit()).as(wrote.err()).isZero();
        List<String> expected = new ArrayList<>();
        for (CommandLine cl : all(Cgov.fullCommandLine())) {
            if (!cl.getCommandName().equals("help")) {
                expected.add(cl.getCommandSpec().qualifiedName("-") + ".1");
            }
        }
        try (var files = Files.list(man)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(expected);
        }
        String page = Files.readString(man.resolve("cgov-chips-classify.1"));
        assertThat(page).startsWith(".TH \"CGOV-CHIPS-CLASSIFY\" \"1\"").contains(".SH OPTIONS", "\\fB\\-\\-as\\-of\\fR",
                ".SH EXIT STATUS");
    }

    @Test
    void progressIsShownOnlyOnATerminalAndOnlyForLongWork() throws Exception {
        java.io.StringWriter quiet = new java.io.StringWriter();
        Env.interactive = () -> false;
        try (Progress p = Progress.start("audit", new java.io.PrintWriter(quiet, true))) {
            Thread.sleep(Progress.DELAY.toMillis() + 100);
            p.step(5, 10);
            assertThat(p.shown()).isFalse();
        }
        assertThat(quiet.toString()).isEmpty();

        java.io.StringWriter terminal = new java.io.StringWriter();
        Env.interactive = () -> true;
        try (Progress p = Progress.start("audit", new java.io.PrintWriter(terminal, true))) {
            p.step(1, 10);
            assertThat(p.shown()).as("nothing in the first second").isFalse();
            Thread.sleep(Progress.DELAY.toMillis() + 100);
            p.step(5, 10);
            assertThat(p.shown()).isTrue();
            Thread.sleep(400);
        }
        assertThat(terminal.toString()).contains("audit", "5/10");
    }
}
