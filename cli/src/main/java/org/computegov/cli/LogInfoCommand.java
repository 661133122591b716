package org.computegov.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.computegov.cli.log.CheckpointTrust;
import org.computegov.cli.log.LogHttp;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.VerificationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cgov log info}: the log's origin, size and verifier key, checked against the key pinned for it. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Print the log's origin, size and verifier key, and check its checkpoint against the key you trust.",
                "The trusted key is --vkey, $CGOV_LOG_VKEY or the one pinned in the current context; with none, the "
                        + "key the server states is pinned in the current context (trust on first use). A server "
                        + "stating another key than the trusted one fails (exit 1)."})
final class LogInfoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JsonOption json;

    @Option(names = "--url", paramLabel = "URL",
            description = "The computegov server (default $CGOV_URL, then the current context's, then " + Contexts.DEFAULT_URL + ").")
    String url;

    @Option(names = "--vkey", paramLabel = "VKEY", description = "The log key you trust (a vkey or a file holding it).")
    String vkey;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to wait for the server (default ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        URI base = Inputs.baseUrl(Contexts.url(url), "--url");
        PrintWriter err = spec.commandLine().getErr();
        try (LogHttp http = new LogHttp(Duration.ofSeconds(timeoutSeconds))) {
            LogTrust.Info stated = LogTrust.fetch(http, base);
            String given = Contexts.logVkey(vkey);
            String trusted = LogTrust.resolve(vkey, http, base, err, true);
            if (!trusted.strip().equals(stated.verifierKey())
                    && !Inputs.vkey(trusted, "--vkey").encode().equals(stated.verifierKey())) {
                throw new CheckFailed("The log at " + base + " states the key " + stated.verifierKey()
                        + ", not the trusted " + Inputs.vkey(trusted, "--vkey").encode() + ".",
                        "If the operator really rotated the log key, check the new one out of band and give it with "
                                + "--vkey or 'cgov config set-context NAME --log-vkey VKEY'; otherwise treat this "
                                + "server as a different (or compromised) log.");
            }
            CheckpointTrust trust = new CheckpointTrust(Inputs.ed25519Verifier(trusted, "--vkey"), List.of(), 0);
            LogHttp.Response r;
            try {
                r = http.get(URI.create(base + "/log/checkpoint"), LogCommand.MAX_ANSWER);
            } catch (IOException e) {
                throw new CommandFailure("cannot fetch " + base + "/log/checkpoint: " + e.getMessage(), e);
            }
            if (!r.ok()) {
                throw new CommandFailure("GET " + base + "/log/checkpoint answered HTTP " + r.status());
            }
            CheckpointTrust.Opened opened;
            try {
                opened = trust.open(r.body());
            } catch (VerificationException e) {
                throw new CheckFailed("The log's checkpoint does not verify under its key: " + e.getMessage() + ".",
                        "Treat this server's log as untrustworthy and keep the checkpoint as evidence.", e);
            }
            Contexts.Named context = Contexts.current();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", base.toString());
            m.put("origin", opened.checkpoint().origin());
            m.put("size", opened.checkpoint().size());
            m.put("root", Bytes.base64(opened.checkpoint().rootHash()));
            m.put("verifierKey", stated.verifierKey());
            m.put("trustedFrom", given != null ? (vkey != null ? "--vkey" : Env.get("CGOV_LOG_VKEY") != null
                    ? "CGOV_LOG_VKEY" : "context " + context.name()) : "pinned now in context " + context.name());
            PrintWriter out = spec.commandLine().getOut();
            if (json.printed(out, m)) {
                return 0;
            }
            Table t = new Table("", "").withoutHeader();
            m.forEach((k, v) -> t.row(switch (k) {
                case "verifierKey" -> "verifier key";
                case "trustedFrom" -> "trusted from";
                default -> k;
            }, k.equals("size") ? Format.count(((Number) v).longValue()) : v));
            t.print(out);
            return 0;
        }
    }
}
