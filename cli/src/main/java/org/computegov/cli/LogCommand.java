package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.computegov.api.Json;
import org.computegov.cli.log.AuditStateStore;
import org.computegov.cli.log.Auditor;
import org.computegov.cli.log.CheckpointTrust;
import org.computegov.cli.log.InclusionCheck;
import org.computegov.cli.log.LogHttp;
import org.computegov.cli.log.Receipt;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.witness.CosignatureVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cgov log}: the transparency log from the outside (subcommands registered by {@link Cgov}). */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Submit to, prove inclusion in, and audit the computegov transparency log.")
final class LogCommand {
    /** A receipt or problem answer is small; anything bigger is not one. */
    static final int MAX_ANSWER = 1 << 20;

    /** The witness half of a checkpoint policy: which witnesses, and how many must have cosigned. */
    static final class WitnessOptions {
        @Option(names = "--witness-vkey", paramLabel = "VKEY",
                description = "A trusted witness's vkey (cosignature/v1, or its plain Ed25519 vkey), or a file holding "
                        + "it; repeatable. The checkpoint must carry --quorum of their cosignatures.")
        List<String> witnessVkeys = new ArrayList<>();

        @Option(names = "--quorum", paramLabel = "K",
                description = "How many of the --witness-vkey witnesses must have cosigned (default 1 when witnesses "
                        + "are given).")
        Integer quorum;

        CheckpointTrust trust(String logVkey) throws InvalidInputException {
            List<CosignatureVerifier> witnesses = new ArrayList<>();
            for (String w : witnessVkeys) {
                CosignatureVerifier v = Inputs.witnessVerifier(w, "--witness-vkey");
                if (!witnesses.contains(v)) {
                    witnesses.add(v);
                }
            }
            int k;
            if (witnesses.isEmpty()) {
                if (quorum != null && quorum != 0) {
                    throw new InvalidInputException("--quorum", "--quorum " + quorum + " needs witnesses to count.",
                            "Give the witnesses with --witness-vkey, or leave out --quorum.");
                }
                k = 0;
            } else {
                k = quorum == null ? 1 : quorum;
                if (k < 1 || k > witnesses.size()) {
                    throw new InvalidInputException("--quorum", "--quorum " + k + " must be between 1 and the number of "
                            + "distinct --witness-vkey witnesses (" + witnesses.size() + ").",
                            "Lower --quorum or give more witnesses.");
                }
            }
            return new CheckpointTrust(Inputs.ed25519Verifier(logVkey, "--vkey"), witnesses, k);
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Submit a DSSE envelope to the log and print the receipt JSON it answers.",
                    "POSTs the file's exact bytes to URL/api/v1/log/entries. Save the receipt: with the envelope "
                            + "file it proves, offline, that the entry is in the log (cgov log verify-inclusion). "
                            + "When the log's key is known (--vkey, $CGOV_LOG_VKEY or pinned in the context) the "
                            + "receipt is verified at once; the receipt goes to standard output, the rest to standard error."})
    static final class Submit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin WitnessOptions witnesses;

        @Option(names = "--url", paramLabel = "URL",
                description = "The computegov server (default $CGOV_URL, then the current context's, then http://localhost:8080).")
        String url;

        @Option(names = "--vkey", paramLabel = "VKEY", description = "The log's vkey: also verify the receipt against it.")
        String vkey;

        @Option(names = "--json", description = "Accepted for uniformity: the receipt is JSON already.")
        boolean json;

        @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
                description = "How long to wait for the server (default ${DEFAULT-VALUE} s).")
        int timeoutSeconds;

        @Parameters(paramLabel = "ENVELOPE", description = "File holding the DSSE envelope JSON, as 'cgov dsse sign' prints it ('-': standard input).")
        Path envelope;

        @Override
        public Integer call() throws Exception {
            URI base = Inputs.baseUrl(Contexts.url(url), "--url");
            String logKey = Contexts.logVkey(vkey);
            CheckpointTrust trust = logKey == null ? null : witnesses.trust(logKey);
            if (logKey == null && !witnesses.witnessVkeys.isEmpty()) {
                throw new InvalidInputException("--witness-vkey", "--witness-vkey needs --vkey: witnesses are checked "
                        + "when the receipt is verified.", "Add the log's --vkey.");
            }
            byte[] body = Inputs.read(envelope, "ENVELOPE", "envelope");
            try {
                Envelope.parse(body);
            } catch (FormatException e) {
                throw new InvalidInputException("ENVELOPE", "File " + envelope + " is not a DSSE envelope: " + e.getMessage()
                        + ".", "Sign the statement first: cgov dsse sign --key KEY --payload-type TYPE FILE.", e);
            }
            URI endpoint = URI.create(base + "/api/v1/log/entries");
            LogHttp.Response r;
            try (LogHttp http = new LogHttp(Duration.ofSeconds(timeoutSeconds))) {
                r = http.post(endpoint, "application/json", body, MAX_ANSWER);
            } catch (IOException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            if (r.status() / 100 == 4) {
                throw rejected(r);
            }
            if (r.status() != 200 && r.status() != 201) {
                throw new CommandFailure("POST " + endpoint + " answered HTTP " + r.status() + ": " + problemText(r));
            }
            Receipt receipt;
            try {
                receipt = Receipt.parse(r.body());
            } catch (FormatException e) {
                throw new CommandFailure("the server's answer is not a receipt: " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            String text = new String(r.body(), StandardCharsets.UTF_8);
            out.print(text.endsWith("\n") ? text : text + "\n");
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            err.println("cgov: " + (r.status() == 201 ? "logged as entry " : "already in the log as entry ") + receipt.index());
            if (trust != null) {
                try {
                    InclusionCheck.Verified v = InclusionCheck.verify(body, receipt, trust);
                    err.println("cgov: verified: entry " + v.index() + " is in " + v.checkpoint().origin() + " at size "
                            + v.checkpoint().size());
                } catch (InclusionCheck.Failure f) {
                    throw new CheckFailed("The log's receipt does not verify: " + f.getMessage() + ".",
                            "Keep the receipt as evidence; the log answered something it cannot prove.", f);
                }
            }
            err.flush();
            return 0;
        }

        private static InvalidInputException rejected(LogHttp.Response r) {
            String hint = null;
            String field = "ENVELOPE";
            try {
                JsonNode p = Json.mapper().readTree(r.body());
                if (p != null && p.isObject() && p.hasNonNull("hint")) {
                    hint = p.get("hint").asText();
                }
                if (p != null && p.isObject() && p.hasNonNull("field")) {
                    field = p.get("field").asText();
                }
            } catch (IOException notJson) {
                // fall back to the text
            }
            return new InvalidInputException(field, "The log rejected the envelope (HTTP " + r.status() + "): "
                    + problemText(r), hint == null ? "" : hint);
        }

        /** The detail of an RFC 9457 problem answer, or the start of whatever else the server said. */
        static String problemText(LogHttp.Response r) {
            try {
                JsonNode p = Json.mapper().readTree(r.body());
                if (p != null && p.isObject() && (p.hasNonNull("detail") || p.hasNonNull("title"))) {
                    String title = p.path("title").asText("");
                    String detail = p.path("detail").asText("");
                    return title.isEmpty() ? detail : detail.isEmpty() ? title : title + ": " + detail;
                }
            } catch (IOException notJson) {
                // fall through
            }
            String text = new String(r.body(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(no body)" : Inputs.abbreviate(text.replaceAll("\\s+", " "));
        }
    }

    @Command(name = "verify-inclusion", mixinStandardHelpOptions = true,
            description = {"Prove offline that an entry is in the log, from its receipt.",
                    "Checks that SHA-256(0x00 || entry) is the receipt's leafHash, that the receipt's checkpoint is "
                            + "signed by the log's --vkey (and witnesses, if given), and that the inclusion proof leads "
                            + "from the entry to the checkpoint's root. The checkpoint's first line is its origin. "
                            + "Exit 1 if it does not verify."})
    static final class VerifyInclusion implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin WitnessOptions witnesses;
        @Mixin JsonOption json;

        @Option(names = "--entry", required = true, paramLabel = "FILE",
                description = "The entry's exact bytes: the DSSE envelope file that was submitted ('-': standard input).")
        Path entry;

        @Option(names = {"--bundle", "--receipt"}, required = true, paramLabel = "RECEIPT",
                description = "The receipt JSON that 'cgov log submit' printed (or GET /api/v1/log/receipt answered).")
        Path receiptFile;

        @Option(names = "--vkey", paramLabel = "VKEY",
                description = "The log's vkey, or a file holding it (default $CGOV_LOG_VKEY, then the key pinned in the current context).")
        String vkey;

        @Override
        public Integer call() throws Exception {
            CheckpointTrust trust = witnesses.trust(LogTrust.resolve(vkey, null, null, spec.commandLine().getErr(), true));
            byte[] entryBytes = Inputs.read(entry, "--entry", "entry");
            byte[] receiptBytes = Inputs.read(receiptFile, "--bundle", "receipt");
            Receipt receipt;
            try {
                receipt = Receipt.parse(receiptBytes);
            } catch (FormatException e) {
                throw new InvalidInputException("--bundle", "File " + receiptFile + " is not a receipt: " + e.getMessage()
                        + ".", "Give the JSON {\"index\", \"leafHash\", \"checkpoint\", \"inclusionProof\"} the log "
                        + "answered.", e);
            }
            InclusionCheck.Verified v;
            try {
                v = InclusionCheck.verify(entryBytes, receipt, trust);
            } catch (InclusionCheck.Failure f) {
                String field = f.step() == InclusionCheck.Step.LEAF_HASH ? "--entry" : "--bundle";
                String hint = switch (f.step()) {
                    case LEAF_HASH -> "Give the exact file that was submitted, with the receipt the log answered for it.";
                    case CHECKPOINT -> "Check --vkey is the log's key (and the witness keys and --quorum), and that the "
                            + "receipt was not edited.";
                    case PROOF -> "The receipt was altered or the log answered a wrong proof; fetch a fresh receipt "
                            + "(GET /api/v1/log/receipt?index=" + receipt.index() + ") and keep this one as evidence.";
                };
                throw new CheckFailed("Not verified (" + field + "): " + f.getMessage() + ".", hint, f);
            }
            PrintWriter out = spec.commandLine().getOut();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("verified", true);
            m.put("index", v.index());
            m.put("origin", v.checkpoint().origin());
            m.put("size", v.checkpoint().size());
            m.put("leafHash", Bytes.base64(receipt.leafHash()));
            m.put("root", Bytes.base64(v.checkpoint().rootHash()));
            m.put("logSigners", v.opened().logSigners());
            m.put("witnessSigners", v.opened().witnessSigners());
            if (json.printed(out, m)) {
                return 0;
            }
            out.println("verified: entry " + v.index() + " is in " + v.checkpoint().origin() + " at size "
                    + v.checkpoint().size());
            out.println("  leaf hash " + Bytes.base64(receipt.leafHash()));
            out.println("  root " + Bytes.base64(v.checkpoint().rootHash()) + ", signed by " + String.join(", ",
                    v.opened().logSigners()) + (v.opened().witnessSigners().isEmpty() ? ""
                    : "; cosigned by " + String.join(", ", v.opened().witnessSigners())));
            out.flush();
            return 0;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = {"Audit the whole log: verify its checkpoint, re-hash every entry, rebuild every tile and the "
                    + "root, and check it extends the checkpoint remembered from the last audit.",
                    "Exit 0: the log is consistent (the state file is updated). Exit 1: a fork, rewrite, rollback, "
                            + "tampered entry or tile, bad signature, or unavailable data, each named. Exit 2: bad input."})
    static final class Audit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin WitnessOptions witnesses;
        @Mixin JsonOption json;

        @Option(names = "--url", paramLabel = "URL",
                description = "The computegov server (default $CGOV_URL, then the current context's, then http://localhost:8080).")
        String url;

        @Option(names = "--vkey", paramLabel = "VKEY",
                description = "The log's vkey, or a file holding it (default $CGOV_LOG_VKEY, then the key pinned in the current context).")
        String vkey;

        @Option(names = "--state-dir", paramLabel = "DIR",
                description = "Where the last audited checkpoint of each log (origin and key) is kept (default $HOME/.cgov/audit).")
        Path stateDir;

        @Option(names = "--prefix", defaultValue = "log", paramLabel = "PATH",
                description = "Path under URL of the tlog-tiles API (checkpoint, tile/...); default '${DEFAULT-VALUE}'. "
                        + "Use '' to audit any C2SP tlog-tiles log at URL itself.")
        String prefix;

        @Option(names = "--parallel", defaultValue = "8", paramLabel = "N",
                description = "Entry bundles fetched ahead, each with its tile (default ${DEFAULT-VALUE}).")
        int parallel;

        @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
                description = "How long to wait for each answer (default ${DEFAULT-VALUE} s).")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            URI base = Inputs.baseUrl(Contexts.url(url), "--url");
            if (parallel < 1 || parallel > 64) {
                throw new InvalidInputException("--parallel", "--parallel must be between 1 and 64, got " + parallel + ".",
                        "The default, 8, suits most servers.");
            }
            if (timeoutSeconds < 1) {
                throw new InvalidInputException("--timeout", "--timeout must be at least 1 second.", "Use e.g. 30.");
            }
            String p = prefix.strip().replaceAll("^/+|/+$", "");
            URI logPrefix = URI.create(p.isEmpty() ? base.toString() : base + "/" + p);
            Path dir = stateDir != null ? stateDir : AuditStateStore.defaultDir();
            Auditor.Report report;
            try (LogHttp http = new LogHttp(Duration.ofSeconds(timeoutSeconds));
                    Progress progress = Progress.start("audit", spec.commandLine().getErr())) {
                CheckpointTrust trust = witnesses.trust(LogTrust.resolve(vkey, http, base, spec.commandLine().getErr(), true));
                report = new Auditor(http, logPrefix, trust, new AuditStateStore(dir), parallel, Clock.systemUTC())
                        .withProgress(progress::step).audit();
            } catch (IOException e) {
                throw new CommandFailure("cannot use the audit state in " + dir + ": " + e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (!json.printed(out, toJson(report))) {
                print(out, report, logPrefix);
            }
            if (!report.ok()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("cgov: AUDIT FAILED for " + report.origin() + ": " + report.problems().size() + " problem(s)");
                err.flush();
                return 1;
            }
            return 0;
        }

        private static void print(PrintWriter out, Auditor.Report r, URI logPrefix) {
            if (r.ok()) {
                out.println("audit OK: " + r.origin() + " at size " + r.size());
            } else {
                out.println("!!! AUDIT FAILED: " + r.origin() + (r.size() >= 0 ? " at size " + r.size() : "") + " !!!");
                for (Auditor.Problem p : r.problems()) {
                    out.println("  " + p.kind().label() + ": " + p.message());
                }
                if (r.previous().isPresent() && r.problems().stream().anyMatch(p -> p.kind() == Auditor.Kind.FORK
                        || p.kind() == Auditor.Kind.ROLLBACK)) {
                    out.println("  evidence: the checkpoint remembered from " + r.previous().get().auditedAt() + ":");
                    r.previous().get().checkpoint().lines().forEach(l -> out.println("    " + l));
                    out.println("  and the checkpoint served now by " + logPrefix + "/checkpoint:");
                    r.checkpoint().lines().forEach(l -> out.println("    " + l));
                }
            }
            if (r.root() != null) {
                out.println("  root " + Bytes.base64(r.root()));
            }
            for (String c : r.checked()) {
                out.println("  checked: " + c);
            }
            out.println(String.format(Locale.ROOT, "  fetched %d resources (%s) in %.2f s: %d entry bundles, %d hash tiles",
                    r.requests(), humanBytes(r.bytesReceived()), r.elapsed().toNanos() / 1e9, r.bundles(), r.hashTiles()));
            out.println(r.stateFile() != null ? "  remembered for the next audit in " + r.stateFile()
                    : "  the remembered checkpoint was left unchanged");
            out.flush();
        }

        private static Map<String, Object> toJson(Auditor.Report r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", r.ok());
            m.put("origin", r.origin());
            m.put("size", r.size());
            m.put("root", r.root() == null ? null : Bytes.base64(r.root()));
            m.put("logSigners", r.logSigners());
            m.put("witnessSigners", r.witnessSigners());
            m.put("problems", r.problems().stream().map(p -> Map.of("kind", p.kind().name(), "message", p.message())).toList());
            m.put("checked", r.checked());
            m.put("previousSize", r.previous().map(AuditStateStore.State::size).orElse(null));
            m.put("entries", r.entries());
            m.put("bundles", r.bundles());
            m.put("hashTiles", r.hashTiles());
            m.put("requests", r.requests());
            m.put("bytesReceived", r.bytesReceived());
            m.put("seconds", r.elapsed().toNanos() / 1e9);
            m.put("stateFile", r.stateFile());
            return m;
        }

        private static String humanBytes(long b) {
            return b < 10_000 ? b + " B" : b < 10_000_000 ? (b / 1000) + " kB" : (b / 1_000_000) + " MB";
        }
    }
}
