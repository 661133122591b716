package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The serving-check examples in {@code integrations/} run a command line the real {@code cgov} accepts: the
 * Kubernetes init container's {@code command}/{@code args} and the systemd unit's {@code ExecStartPre=} are read from
 * the files, their {@code sh -c} script split into words as a shell would (variables from the container's {@code env}
 * or the unit's {@code Environment=}), and the words after the launcher parsed by picocli on {@link Cgov}'s command
 * tree (not executed): no parameter error, and {@code model verify} with {@code --authorization} and its keys.
 *
 * <p>No YAML parser is on the classpath, so the Kubernetes file is read only as far as the example needs: the
 * {@code serving-check} init container's flow-style {@code command} (a JSON array), its {@code args} (one folded
 * {@code >-} scalar) and its {@code env} entries; the test fails if the file stops having that shape.
 */
class IntegrationExamplesTest {
    private static final Path INTEGRATIONS = Path.of("..", "integrations");

    @Test
    void theKubernetesInitContainerRunsAServingCheckCgovAccepts() throws Exception {
        List<String> lines = Files.readAllLines(INTEGRATIONS.resolve("kubernetes/model-serving-gate.yaml"));
        int at = indexOf(lines, "- name: serving-check", 0);
        int indent = indentOf(lines.get(at)) + 2;
        assertThat(lines.subList(0, at)).as("the check is an init container").anyMatch(l -> l.strip().equals("initContainers:"));
        List<String> command = null;
        List<String> args = new ArrayList<>();
        Map<String, String> env = new HashMap<>();
        for (int i = at + 1; i < lines.size() && (lines.get(i).isBlank() || indentOf(lines.get(i)) >= indent); i++) {
            String l = lines.get(i);
            if (indentOf(l) != indent) {
                continue;
            }
            if (l.strip().startsWith("command:")) {
                command = List.of(new ObjectMapper().readValue(l.strip().substring("command:".length()).strip(), String[].class));
            } else if (l.strip().equals("args:")) {
                assertThat(lines.get(i + 1).strip()).as("args is one folded scalar").isEqualTo("- >-");
                int scalar = indentOf(lines.get(i + 2));
                StringBuilder folded = new StringBuilder();
                for (int j = i + 2; j < lines.size() && !lines.get(j).isBlank() && indentOf(lines.get(j)) == scalar; j++) {
                    folded.append(folded.length() == 0 ? "" : " ").append(lines.get(j).strip());
                }
                args.add(folded.toString());
            } else if (l.strip().equals("env:")) {
                Pattern entry = Pattern.compile("- \\{name: (\\w+), value: ([^}]+)}");
                for (int j = i + 1; j < lines.size() && lines.get(j).strip().startsWith("- {name:"); j++) {
                    Matcher m = entry.matcher(lines.get(j).strip());
                    assertThat(m.matches()).as(lines.get(j)).isTrue();
                    env.put(m.group(1), m.group(2).strip());
                }
            }
        }
        assertThat(command).as("the init container's command").containsExactly("sh", "-c");
        assertThat(args).hasSize(1);
        assertThat(env).containsKeys("REGION", "PROVIDER");
        List<String> words = shellWords(args.get(0), env);
        assertAcceptedServingCheck(words, env.get("REGION"), env.get("PROVIDER"));
    }

    @Test
    void theSystemdUnitRunsAServingCheckCgovAcceptsBeforeStartingTheServer() throws Exception {
        // systemd joins a line ending in a backslash with the next.
        String unit = Files.readString(INTEGRATIONS.resolve("systemd/model-server.service")).replace("\\\n", " ");
        Map<String, String> env = new HashMap<>();
        String execStartPre = null;
        for (String l : unit.lines().toList()) {
            if (l.startsWith("Environment=")) {
                String kv = l.substring("Environment=".length());
                env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            } else if (l.startsWith("ExecStartPre=")) {
                assertThat(execStartPre).as("one ExecStartPre").isNull();
                execStartPre = l.substring("ExecStartPre=".length());
            }
        }
        assertThat(execStartPre).as("the unit's ExecStartPre").isNotNull();
        assertThat(unit).contains("ExecStart=");
        // systemd's own quoting: /bin/sh -c 'SCRIPT' is three words, the script as one.
        List<String> exec = shellWords(execStartPre, Map.of());
        assertThat(exec).hasSize(3);
        assertThat(exec.subList(0, 2)).containsExactly("/bin/sh", "-c");
        assertThat(env).containsKeys("MODEL", "REGION", "PROVIDER");
        List<String> words = shellWords(exec.get(2), env);
        assertAcceptedServingCheck(words, env.get("REGION"), env.get("PROVIDER"));
        assertThat(words).contains(env.get("MODEL"));
    }

    @Test
    void theKubernetesAdmissionContainerRunsAnAdmissionServiceCgovAccepts() throws Exception {
        List<String> lines = Files.readAllLines(INTEGRATIONS.resolve("kubernetes/service.yaml"));
        int at = indexOf(lines, "- name: admission", 0);
        String args = null;
        for (int i = at + 1; i < lines.size() && !lines.get(i).strip().startsWith("- name:"); i++) {
            if (lines.get(i).strip().startsWith("args:")) {
                args = lines.get(i).strip().substring("args:".length()).strip();
            }
        }
        assertThat(args).as("the admission container's args, a flow-style list").isNotNull();
        ParseResult serve = acceptedAdmissionServe(List.of(new ObjectMapper().readValue(args, String[].class)));
        assertThat(serve.matchedOptionValue("--key", (java.nio.file.Path) null)).hasToString("/etc/computegov/provider.key");
        assertThat(String.join("\n", lines)).contains("mountPath: /etc/computegov").contains("secretName: computegov-provider-key")
                .contains("proxy_pass http://127.0.0.1:" + serve.matchedOptionValue("--port", 0) + ";");
        // Ingress to the sidecar only from the API server's addresses, on the sidecar's port alone.
        String policy = String.join("\n", lines.subList(indexOf(lines, "kind: NetworkPolicy", 0), lines.size()));
        assertThat(policy).contains("app: computegov-admission").contains("policyTypes: [\"Ingress\"]")
                .contains("cidr: CONTROL_PLANE_CIDR").contains("port: 8443");
    }

    @Test
    void theSlurmUnitRunsAnAdmissionServiceCgovAccepts() throws Exception {
        String unit = Files.readString(INTEGRATIONS.resolve("slurm/cgov-admission.service")).replace("\\\n", " ");
        String execStart = null;
        for (String l : unit.lines().toList()) {
            if (l.startsWith("ExecStart=")) {
                assertThat(execStart).as("one ExecStart").isNull();
                execStart = l.substring("ExecStart=".length());
            }
        }
        assertThat(execStart).as("the unit's ExecStart").isNotNull();
        List<String> words = shellWords(execStart, Map.of());
        assertThat(words.get(0)).endsWith("/cgov");
        ParseResult serve = acceptedAdmissionServe(words.subList(1, words.size()));
        // The scripts' configuration in the README points at the port the unit listens on.
        assertThat(Files.readString(INTEGRATIONS.resolve("slurm/README.md")))
                .contains("url = \"http://127.0.0.1:" + serve.matchedOptionValue("--port", 0) + "\"");
    }

    /** ARGS parse as {@code admission serve} online, on loopback, with --url, --key and --cluster. */
    private static ParseResult acceptedAdmissionServe(List<String> words) {
        String[] args = words.toArray(String[]::new);
        ParseResult parsed = Cgov.commandLine(args).parseArgs(args);
        ParseResult admission = parsed.subcommand();
        assertThat(admission.commandSpec().name()).isEqualTo("admission");
        ParseResult serve = admission.subcommand();
        assertThat(serve.commandSpec().name()).isEqualTo("serve");
        assertThat(serve.errors()).isEmpty();
        assertThat(serve.unmatched()).isEmpty();
        for (String option : List.of("--url", "--key", "--cluster")) {
            assertThat(serve.hasMatchedOption(option)).as(option).isTrue();
        }
        assertThat(serve.hasMatchedOption("--bundle")).as("online mode").isFalse();
        assertThat(serve.hasMatchedOption("--allow-remote")).isFalse();
        assertThat(serve.matchedOptionValue("--host", "127.0.0.1")).isEqualTo("127.0.0.1");
        return serve;
    }

    /** The words are {@code exec LAUNCHER ARGS…}; ARGS parse as {@code model verify DIR --authorization …}. */
    private static void assertAcceptedServingCheck(List<String> words, String region, String provider) {
        assertThat(words.get(0)).as("exec, so the check's exit code is the container's or the unit's").isEqualTo("exec");
        int first;
        if (words.get(1).equals("java")) {
            assertThat(words.subList(2, 4)).as(words.toString()).first().isEqualTo("-jar");
            assertThat(words.get(3)).endsWith("/cgov.jar");
            first = 4;
        } else {
            assertThat(words.get(1)).as(words.toString()).endsWith("/cgov");
            first = 2;
        }
        String[] args = words.subList(first, words.size()).toArray(String[]::new);
        CommandLine cli = Cgov.commandLine(args);
        ParseResult parsed = cli.parseArgs(args); // throws ParameterException if cgov refuses the line
        ParseResult model = parsed.subcommand();
        assertThat(model.commandSpec().name()).isEqualTo("model");
        ParseResult verify = model.subcommand();
        assertThat(verify.commandSpec().name()).isEqualTo("verify");
        assertThat(verify.subcommand()).isNull();
        assertThat(verify.errors()).isEmpty();
        assertThat(verify.unmatched()).isEmpty();
        for (String option : List.of("--authorization", "--regulator", "--log-key", "--region", "--provider")) {
            assertThat(verify.hasMatchedOption(option)).as(option).isTrue();
        }
        assertThat(verify.hasMatchedOption("--signature")).isFalse();
        assertThat(verify.matchedOptionValue("--region", "")).isEqualTo(region);
        assertThat(verify.matchedOptionValue("--provider", "")).isEqualTo(provider);
        assertThat(verify.matchedPositionals()).hasSize(1);
        assertThat(verify.matchedOptionValue("--log-key", "")).isEqualTo(VKEY);
    }

    /** What {@code $(cat …log.vkey)} stands for here. */
    private static final String VKEY = "computegov.local/log+12345678+AAAA";

    /**
     * A shell's word splitting, as far as the examples need: blanks separate words; single quotes keep everything;
     * double quotes keep blanks but expand {@code $VAR}, {@code ${VAR}} and {@code $(cat FILE)}. An unknown variable
     * or any other construct fails the test rather than being guessed at.
     */
    static List<String> shellWords(String script, Map<String, String> env) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    w.append(c);
                }
                continue;
            }
            if (quote == 0 && Character.isWhitespace(c)) {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
                continue;
            }
            if (w == null) {
                w = new StringBuilder();
            }
            if (c == '\'' && quote == 0 || c == '"' && (quote == 0 || quote == '"')) {
                quote = quote == 0 ? c : 0;
            } else if (c == '$') {
                Matcher m = Pattern.compile("\\$(?:\\{(\\w+)}|(\\w+)|\\(cat ([^)]+)\\))").matcher(script).region(i, script.length());
                assertThat(m.lookingAt()).as("a $ construct the test knows at " + script.substring(i)).isTrue();
                assertThat(quote).as("expansions are quoted: " + m.group()).isEqualTo('"');
                if (m.group(3) != null) {
                    assertThat(m.group(3)).endsWith("log.vkey");
                    w.append(VKEY);
                } else {
                    String name = m.group(1) != null ? m.group(1) : m.group(2);
                    assertThat(env).as("variable " + name + " is set").containsKey(name);
                    w.append(env.get(name));
                }
                i = m.end() - 1;
            } else if (c == '\\' || c == '`' || c == ';' || c == '|' || c == '&' || (quote == 0 && (c == '<' || c == '>'))) {
                throw new AssertionError("a shell construct the test does not read: " + script.substring(i));
            } else {
                w.append(c);
            }
        }
        assertThat(quote).as("quotes are closed in " + script).isEqualTo((char) 0);
        if (w != null) {
            words.add(w.toString());
        }
        return words;
    }

    private static int indexOf(List<String> lines, String stripped, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(stripped)) {
                return i;
            }
        }
        throw new AssertionError("no line '" + stripped + "'");
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    @Test
    void theShellSplittingUsedHereIsAShells() {
        assertThat(shellWords("exec a \"$X\" 'b c' \"d ${X}\"", Map.of("X", "x y"))).containsExactly("exec", "a", "x y", "b c", "d x y");
        assertThat(shellWords("/bin/sh -c 'exec cgov \"$M\"'", Map.of())).containsExactly("/bin/sh", "-c", "exec cgov \"$M\"");
    }
}
