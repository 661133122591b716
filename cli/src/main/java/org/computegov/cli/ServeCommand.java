package org.computegov.cli;

import java.nio.file.Path;
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
    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

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

    @Override
    public Integer call() throws Exception {
        ServerOptions options = new ServerOptions(port, dataDir.toAbsolutePath(), dbUrl, dbUser,
                dbUrl == null ? null : System.getenv(dbPasswordEnv), demo, catalog, regimes);
        CgovServer server = CgovServer.start(options, Clock.systemDefaultZone());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("computegov: shutting down (HTTP server, then database)…");
            server.close();
            stopped.countDown();
        }, "cgov-shutdown"));
        stopped.await();
        return 0;
    }
}
