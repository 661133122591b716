package org.computegov.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.computegov.cli.witness.WitnessServer;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.ledger.note.Ed25519NoteVerifier;
import org.computegov.ledger.note.NoteVerifier;
import org.computegov.ledger.note.VerifierSet;
import org.computegov.ledger.witness.CosignatureSigner;
import org.computegov.ledger.witness.FileWitnessStore;
import org.computegov.ledger.witness.Witness;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cgov witness}: run a transparency-log witness (subcommands registered by {@link Cgov}). */
@Command(name = "witness", mixinStandardHelpOptions = true,
        description = "Witness transparency logs: cosign checkpoints that consistently extend what was seen before.")
final class WitnessCommand {

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Run a C2SP tlog-witness HTTP service (POST /add-checkpoint) until Ctrl-C.",
                    "It cosigns (tlog-cosignature v1) a log's checkpoint only if the log's key signed it and it is "
                            + "consistent with the latest checkpoint it cosigned for that origin, which is kept in "
                            + "--state-dir and replaced atomically, so a restart continues where it stopped."})
    static final class Serve implements Callable<Integer> {
        @Spec CommandSpec spec;
        @ArgGroup(exclusive = true, multiplicity = "0..1") SignerKeySource skey;

        @Option(names = "--port", defaultValue = "7380", paramLabel = "PORT",
                description = "HTTP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
        int port;

        @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
                description = "Address to listen on (default ${DEFAULT-VALUE}: all interfaces).")
        String host;

        @Option(names = "--log", required = true, paramLabel = "ORIGIN=VKEY",
                description = "A log to witness: its checkpoint origin and its vkey (or a file holding it); repeatable, "
                        + "also to trust several keys for one origin.")
        List<String> logs;

        @Option(names = "--state-dir", required = true, paramLabel = "DIR",
                description = "Where the latest cosigned checkpoint of each log is kept.")
        Path stateDir;

        @Override
        public Integer call() throws Exception {
            if (port < 0 || port > 65535) {
                throw new InvalidInputException("--port", "--port must be between 0 and 65535, got " + port + ".",
                        "Use e.g. 7380, or 0 for a free port.");
            }
            Map<String, List<VerifierKey>> keys = new LinkedHashMap<>();
            for (String spec : logs) {
                int eq = spec.indexOf('=');
                if (eq <= 0 || eq == spec.length() - 1) {
                    throw new InvalidInputException("--log", "--log '" + Inputs.abbreviate(spec) + "' is not ORIGIN=VKEY.",
                            "Give the log's checkpoint origin (its first line), '=', and its vkey, e.g. "
                                    + "--log computegov.example/log=computegov.example/log+1234abcd+AQ...");
                }
                String origin = spec.substring(0, eq);
                Ed25519NoteVerifier v = Inputs.ed25519Verifier(spec.substring(eq + 1), "--log");
                List<VerifierKey> list = keys.computeIfAbsent(origin, o -> new ArrayList<>());
                if (!list.contains(v.verifierKey())) {
                    list.add(v.verifierKey());
                }
            }
            Map<String, VerifierSet> trusted = new LinkedHashMap<>();
            for (Map.Entry<String, List<VerifierKey>> e : keys.entrySet()) {
                List<NoteVerifier> vs = new ArrayList<>();
                for (VerifierKey k : e.getValue()) {
                    vs.add(new Ed25519NoteVerifier(k.name(), k.ed25519Key()));
                }
                try {
                    trusted.put(e.getKey(), VerifierSet.of(vs));
                } catch (IllegalArgumentException clash) {
                    throw new InvalidInputException("--log", "Two keys for " + e.getKey() + " share a name and key ID.",
                            "Give each log key once.", clash);
                }
            }
            SignerKey key = SignerKeySource.load(skey, spec.commandLine().getErr());
            CosignatureSigner cosigner = CosignatureSigner.of(key);
            FileWitnessStore store;
            try {
                if (Files.exists(stateDir) && !Files.isDirectory(stateDir)) {
                    throw new IOException("it is not a directory");
                }
                store = new FileWitnessStore(stateDir);
            } catch (IOException e) {
                throw new InvalidInputException("--state-dir", "Cannot use " + stateDir + " as the witness's state "
                        + "directory: " + e.getMessage() + ".", "Give a writable directory (it is created if missing).", e);
            }
            Witness witness = new Witness(List.of(cosigner), trusted, store);
            WitnessServer server;
            try {
                server = WitnessServer.start(host, port, witness, List.of(cosigner.verifier().verifierKey()), keys);
            } catch (RuntimeException e) {
                if (causedBy(e, BindException.class)) {
                    throw new InvalidInputException("--port", "Cannot listen on " + host + ":" + port + ": the address "
                            + "is in use or not available.", "Choose another --port (or 0 for a free one) or --host.", e);
                }
                throw e;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("witness " + key.name() + " listening on http://" + host + ":" + server.port() + "/add-checkpoint");
            out.println("witness vkey: " + cosigner.verifier().verifierKey().encode());
            keys.forEach((origin, ks) -> ks.forEach(k -> out.println("witnessing " + origin + " signed by " + k.name())));
            out.println("state in " + stateDir.toAbsolutePath() + "; Ctrl-C stops");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.err.println("witness: shutting down");
                server.close();
                stopped.countDown();
            }, "cgov-witness-shutdown"));
            stopped.await();
            return 0;
        }

        private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (type.isInstance(c)) {
                    return true;
                }
            }
            return false;
        }
    }
}
