package org.computegov.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.server.log.LogOptions;
import org.computegov.server.registry.RegistryOptions;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cgov serve}: runs the registry server until interrupted (Ctrl-C stops it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the computegov server: HTTP API backed by PostgreSQL (embedded by default).")
final class ServeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "HTTP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = ServerOptions.LOOPBACK, paramLabel = "ADDRESS",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
            description = "Where the embedded database and the server's keys are kept (default ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", description = "Use this PostgreSQL instead of the embedded one, e.g. jdbc:postgresql://localhost:5432/computegov.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "User for --db-url.")
    String dbUser;

    @Option(names = "--db-password-env", paramLabel = "VAR", defaultValue = "CGOV_DB_PASSWORD",
            description = "Environment variable holding the password for --db-url (default ${DEFAULT-VALUE}); never on the command line.")
    String dbPasswordEnv;

    @Option(names = "--demo", description = "Load a demo world (actors, usage, runs) for trying things out.")
    boolean demo;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Your own accelerators, layered over the built-in catalog.")
    Path catalog;

    @Option(names = "--regimes", paramLabel = "FILE", description = "Your own threshold regimes, added to the built-in ones.")
    Path regimes;

    @Option(names = "--licensing-regimes", paramLabel = "FILE",
            description = "The regulator's licensing regimes (JSON: which runs need a licence, by threshold FLOP; docs/LICENSING.md). Default: one regime at 1e26 FLOP.")
    Path licensingRegimes;

    @Option(names = "--log-origin", paramLabel = "ORIGIN",
            description = "Origin (and key name) of a new log, e.g. registry.example/log (default computegov.local/log). An existing log keeps its own.")
    String logOrigin;

    @Option(names = "--trusted-key", paramLabel = "PEM", description = "A public key (PEM) whose DSSE-signed envelopes the log accepts. Repeatable.")
    List<Path> trustedKeys = new ArrayList<>();

    @Option(names = "--witness", paramLabel = "VKEY@URL", description = "A witness to ask for cosignatures: its C2SP cosignature verifier key and base URL. Repeatable.")
    List<String> witnesses = new ArrayList<>();

    @Option(names = "--witness-quorum", paramLabel = "K", defaultValue = "0",
            description = "Cosignatures a checkpoint needs before it is published (default ${DEFAULT-VALUE}).")
    int witnessQuorum;

    @Option(names = "--regulator-key", paramLabel = "VKEY_FILE",
            description = "The bootstrap regulator's verifier key (named <actor>/<key>). Default: a signer key created in <data-dir>/regulator.key.")
    Path regulatorKey;

    @Option(names = "--clock-skew", paramLabel = "SECONDS", defaultValue = "300",
            description = "How far a statement's issuedAt may be from the server's clock (default ${DEFAULT-VALUE}).")
    long clockSkewSeconds;

    @Option(names = "--decision-retention", paramLabel = "DURATION", defaultValue = "90d",
            description = "How long admission decisions stay in the decision record, e.g. 90d or 36h (default ${DEFAULT-VALUE}; docs/LICENSING.md).")
    String decisionRetention;

    @Option(names = "--alert-at", paramLabel = "FRACTION", split = ",",
            description = "Fractions of each threshold at which alerts fire (default 0.5,0.8).")
    List<Double> alertAt = new ArrayList<>();

    @Option(names = "--hold-grace", paramLabel = "DURATION", defaultValue = "7d",
            description = "How long after an admitted job's time limit its usage may still be reported; then its hold"
                    + " expires and the job is charged its whole pre-charge: 7d, 36h, 90m or minutes (default ${DEFAULT-VALUE}).")
    String holdGrace;

    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS",
            description = "A reverse proxy in front of the server (address, CIDR block or range): the per-client limits and"
                    + " sign-in throttling then take the client's address from its X-Forwarded-For. Repeatable.")
    java.util.List<String> trustedProxies = new java.util.ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain (PEM); needs --tls-key. Console cookies are then Secure.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's private key (unencrypted PKCS#8 PEM, as openssl writes it).")
    Path tlsKey;

    @Override
    public Integer call() throws Exception {
        ServerOptions options = options();
        org.computegov.server.http.ClientAddresses clients = org.computegov.server.http.ClientAddresses.trusting(trustedProxies);
        CgovServer server = CgovServer.start(options, new org.computegov.server.WebOptions(tlsCert, tlsKey, null, clients),
                Clock.systemDefaultZone());
        printHints(server);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("computegov: shutting down (HTTP server, then database)…");
            server.close();
            stopped.countDown();
        }, "cgov-shutdown"));
        stopped.await();
        return 0;
    }

    /** The server's options from the command line, checked before anything is started or created (exit 2 when bad). */
    ServerOptions options() throws InvalidInputException {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new InvalidInputException(tlsCert == null ? "--tls-cert" : "--tls-key", "TLS needs both --tls-cert and --tls-key.",
                    "Give the certificate chain and its key, e.g. --tls-cert cert.pem --tls-key key.pem.");
        }
        if (clockSkewSeconds < 1 || clockSkewSeconds > 86_400) {
            throw new InvalidInputException("--clock-skew", "--clock-skew must be 1..86400 seconds, got " + clockSkewSeconds + ".", null);
        }
        for (double f : alertAt) {
            if (!(f > 0 && f < 1)) {
                throw new InvalidInputException("--alert-at", "Alert fractions are in (0, 1), got " + f + ".", "e.g. --alert-at 0.5,0.8,0.9");
            }
        }
        if (alertAt.size() != new java.util.HashSet<>(alertAt).size()) {
            throw new InvalidInputException("--alert-at", "An alert fraction is given twice.", null);
        }
        java.time.Duration retention = AdmitCommand.duration(decisionRetention, "--decision-retention");
        if (licensingRegimes != null) {
            org.computegov.licensing.application.LicensingRegimes.load(licensingRegimes); // exit 2 with the problem before starting
        }
        if (regulatorKey != null && !java.nio.file.Files.isReadable(regulatorKey)) {
            throw new InvalidInputException("--regulator-key", "Cannot read " + regulatorKey + ".", "Give the file with the regulator's vkey.");
        }
        if (witnessQuorum < 0 || witnessQuorum > witnesses.size()) {
            throw new InvalidInputException("--witness-quorum", "--witness-quorum must be between 0 and the number of --witness options ("
                    + witnesses.size() + "), got " + witnessQuorum + ".", "Add witnesses or lower the quorum.");
        }
        for (Path key : trustedKeys) {
            if (!java.nio.file.Files.isReadable(key)) {
                throw new InvalidInputException("--trusted-key", "Cannot read trusted key file " + key + ".", "Give a PEM public key file.");
            }
        }
        java.time.Duration grace = AdmitCommand.duration(holdGrace, "--hold-grace");
        return new ServerOptions(port, dataDir.toAbsolutePath(), dbUrl, dbUser,
                dbUrl == null ? null : System.getenv(dbPasswordEnv), demo, catalog, regimes,
                new LogOptions(logOrigin, trustedKeys, witnesses, witnessQuorum),
                new RegistryOptions(regulatorKey, java.time.Duration.ofSeconds(clockSkewSeconds), alertAt, licensingRegimes, grace,
                        retention),
                host);
    }

    /** How to reach this server from the CLI, with the URL it actually listens on (the port may have been 0). */
    private void printHints(CgovServer server) {
        String url = server.url(host);
        var err = spec.commandLine().getErr();
        err.println("computegov: ready at " + url + " (Ctrl-C stops)");
        err.println("  point the CLI at it:  ./cgov config set-context local --url " + url
                + (demo ? " --key " + dataDir.resolve("demo-keys").resolve("regulator.key") : "")
                + " && ./cgov config use-context local");
        err.println("  or:                   export CGOV_URL=" + url);
        err.println("  log verifier key:     " + server.logVerifierKey() + "  (./cgov log info prints and pins it)");
        err.flush();
    }
}
