package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.licensing.admission.Admission;
import org.computegov.licensing.admission.AdmissionPolicy;
import org.computegov.licensing.admission.ComputeRate;
import org.computegov.licensing.service.AdmissionHttpServer;
import org.computegov.licensing.service.AdmissionScope;
import org.computegov.licensing.service.AdmissionService;
import org.computegov.licensing.service.BundleLicences;
import org.computegov.licensing.service.LocalAdmission;
import org.computegov.licensing.service.RegistryAdmission;
import org.computegov.registry.client.RegistryClient;
import org.computegov.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cgov admission …}: a compute provider's admission service for its schedulers ({@code serve}) and the
 * registry's record of admission decisions ({@code decisions}; docs/LICENSING.md, "Decision record").
 */
final class AdmissionCommands {
    private AdmissionCommands() {}

    @Command(name = "admission", mixinStandardHelpOptions = true,
            description = "Admission of GPU jobs: a compute provider's admission service, which its schedulers (Slurm, Kubernetes) ask "
                    + "before jobs start, and the registry's record of the decisions.")
    static final class AdmissionCommand {}

    /** How often offline mode reads its bundle files again. */
    static final Duration RELOAD_EVERY = Duration.ofSeconds(30);

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Run the provider's admission service for Slurm's job_submit.lua and cgov-slurm-collect and "
                    + "the Kubernetes webhook (POST /api/v1/admission/decide, /usage, /kubernetes; GET /health).",
                    "Online (default): each job is asked of the registry (--url) in a request signed with the provider's "
                            + "--key, so a licence's budget is the registry's, shared by every provider it authorizes. "
                            + "Registry unreachable: jobs are denied (code registry-unreachable) unless --when-unreachable allow.",
                    "Offline (--bundle): decided here from verified licence bundles; holds and usage live in this "
                            + "process only (a restart forgets them) and are not shared with other providers.",
                    "It has no authentication of its own: it listens on 127.0.0.1 unless --allow-remote. Run it on the "
                            + "slurmctld host, or in the webhook's pod behind its TLS proxy. SIGTERM or Ctrl-C stops it."})
    static final class Serve implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;

        @Option(names = "--cluster", paramLabel = "NAME", required = true,
                description = "The cluster this service admits jobs for, as licences name it (provider/cluster).")
        String cluster;

        @Option(names = "--provider", paramLabel = "ID",
                description = "This provider's computegov id: required with --bundle; online it is the --key's actor (and must match if given).")
        String provider;

        @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerOptions.LOOPBACK,
                description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only). Another needs --allow-remote.")
        String host;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "8089",
                description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
        int port;

        @Option(names = "--allow-remote",
                description = "Allow a --host other than loopback. Anyone who reaches the service admits jobs as the provider: only on a network where that is so.")
        boolean allowRemote;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s",
                description = "How long to wait for the registry's answer to a job, e.g. 2s, 1500ms, or seconds (default ${DEFAULT-VALUE}); keep it under the scheduler's own timeout.")
        String timeout;

        @Option(names = "--when-unreachable", paramLabel = "POLICY", defaultValue = "deny",
                description = "deny (fail-closed, the default) or allow (fail-open: jobs start holding nothing) when the registry cannot be asked, or offline when a bundle's status is too old.")
        String whenUnreachable;

        @Option(names = "--bundle", paramLabel = "FILE",
                description = "Offline mode: a licence bundle (from 'cgov licence bundle') to decide from; repeat for several. Read again every 30 s.")
        List<Path> bundles = new ArrayList<>();

        @Option(names = "--issuer-key", paramLabel = "FILE", description = "With --bundle: the regulator's verifier key (vkey or file); repeat for several.")
        List<String> issuerKeys = new ArrayList<>();

        @Option(names = "--log-key", paramLabel = "KEY", description = "With --bundle: the log's verifier key (vkey or file); repeat for several.")
        List<String> logKeys = new ArrayList<>();

        @Option(names = "--log-origin", paramLabel = "ORIGIN", description = "With --bundle: the log's checkpoint origin (default: the first log key's name).")
        String origin;

        @Option(names = "--max-status-age", paramLabel = "DURATION", defaultValue = "24h",
                description = "With --bundle: oldest status statement honoured, e.g. 24h, 90m (default ${DEFAULT-VALUE}); older, its licence's jobs get --when-unreachable.")
        String maxStatusAge;

        @Option(names = "--used", paramLabel = "LICENCE=FLOP",
                description = "With --bundle: FLOP already counted against a licence here (before this start), e.g. L-2026-001=2.5e25; FLOP alone with one bundle. Repeatable.")
        List<String> used = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            if (port < 0 || port > 65_535) {
                throw new InvalidInputException("--port", "--port must be between 0 and 65535, got " + port + ".", "e.g. --port 8089");
            }
            if (cluster.isBlank()) {
                throw new InvalidInputException("--cluster", "--cluster is empty.", "Give the cluster's name as licences name it, e.g. --cluster sol.");
            }
            Duration wait = timeout(timeout);
            AdmissionPolicy.WhenUnreachable policy = switch (whenUnreachable.strip().toLowerCase(Locale.ROOT)) {
                case "deny" -> AdmissionPolicy.WhenUnreachable.FAIL_CLOSED;
                case "allow" -> AdmissionPolicy.WhenUnreachable.FAIL_OPEN;
                default -> throw new InvalidInputException("--when-unreachable", "--when-unreachable must be deny or allow, not '"
                        + whenUnreachable + "'.", "deny (fail-closed) is the default; allow lets jobs start holding nothing.");
            };
            InetAddress address = listenAddress();
            Clock clock = Clock.systemUTC();
            AdmissionHttpServer.Endpoint endpoint;
            String mode;
            BundleLicences offline = null;
            if (!bundles.isEmpty()) {
                if (registry.url != null || registry.key != null) {
                    throw new InvalidInputException(registry.url != null ? "--url" : "--key", "--bundle (offline) and --url/--key "
                            + "(online) are two ways to run the service; give one.",
                            "Online asks the registry for every job (--url, --key); offline decides from --bundle files alone.");
                }
                if (provider == null || provider.isBlank()) {
                    throw new InvalidInputException("--provider", "Offline mode needs --provider: the computegov id the licences authorize.",
                            "e.g. --provider cloud-a");
                }
                if (issuerKeys.isEmpty() || logKeys.isEmpty()) {
                    throw new InvalidInputException(issuerKeys.isEmpty() ? "--issuer-key" : "--log-key",
                            "Offline mode verifies each bundle and needs the regulator's --issuer-key and the log's --log-key.",
                            "Give the keys 'cgov admit --bundle' takes.");
                }
                var verifier = AdmitCommand.verifier(issuerKeys, logKeys, origin, maxStatusAge, clock);
                offline = new BundleLicences(verifier, bundles, clock, message -> tell(err, message));
                List<BundleLicences.Loaded> loaded;
                try {
                    loaded = offline.load();
                } catch (BundleLicences.Invalid e) {
                    throw new InvalidInputException("--bundle", "Bundle " + e.file() + " is not usable, so nothing is served: "
                            + e.getMessage() + ".", "Fetch it again ('cgov licence bundle' by the regulator), check --issuer-key"
                            + " and --log-key, or leave it out.", e);
                }
                for (String u : used) {
                    int eq = u.lastIndexOf('=');
                    String id = eq >= 0 ? u.substring(0, eq).strip() : loaded.size() == 1 ? loaded.get(0).licence() : null;
                    if (id == null) {
                        throw new InvalidInputException("--used", "--used " + u + " names no licence, and there are "
                                + loaded.size() + " bundles.", "Write --used LICENCE=FLOP, e.g. --used L-2026-001=2.5e25.");
                    }
                    var state = offline.book().find(id).orElseThrow(() -> new InvalidInputException("--used",
                            "--used names licence " + id + ", which no --bundle holds.", "Give a licence id of one of the bundles."));
                    state.budget().settle("counted-before-start", AdmitCommand.flop(eq >= 0 ? u.substring(eq + 1) : u));
                }
                AdmissionService service = new AdmissionService(new Admission(offline, ComputeRate.builtIn(),
                        new AdmissionPolicy(AdmissionPolicy.DEFAULT_DE_MINIMIS, policy), clock), offline);
                endpoint = new AdmissionScope(provider, cluster).around(new LocalAdmission(service, offline));
                List<String> ids = loaded.stream().map(l -> l.licence() + l.freshUntil().map(t -> " (status fresh until " + t + ")")
                        .orElse("")).toList();
                mode = "offline, from " + loaded.size() + " verified bundle(s): " + String.join(", ", ids)
                        + "\n  holds and usage are kept in this process only: a restart forgets them, and other providers"
                        + " of a licence do not see them (a licence for several providers needs online mode)";
            } else {
                if (!issuerKeys.isEmpty() || !logKeys.isEmpty() || origin != null || !used.isEmpty()) {
                    throw new InvalidInputException(!issuerKeys.isEmpty() ? "--issuer-key" : !logKeys.isEmpty() ? "--log-key"
                            : origin != null ? "--log-origin" : "--used",
                            "--issuer-key, --log-key, --log-origin and --used are for --bundle files (offline mode), and no --bundle was given.",
                            "Give --bundle FILE for offline mode, or leave these out to ask the registry (online).");
                }
                if (Contexts.keyFile(registry.key) == null) {
                    throw new InvalidInputException("--key", "The service signs every request to the registry as the provider and needs "
                            + "the provider's key.", "Give --key FILE (a key named <provider>/<key>, registered to the provider), "
                            + "or --bundle FILE to decide offline.");
                }
                SignerKey key = registry.signerKey(true);
                String actor = RegistryConnection.actorOf(key);
                if (provider != null && !provider.equals(actor)) {
                    throw new InvalidInputException("--provider", "--provider " + provider + " is not the --key's actor " + actor
                            + ": the registry admits jobs only for the provider that signs.", "Leave --provider out, or give that provider's key.");
                }
                URI base = Inputs.baseUrl(Contexts.url(registry.url), "--url");
                if ("http".equalsIgnoreCase(base.getScheme()) && !loopbackName(base.getHost())) {
                    // The registry's answers are not signed: over plain HTTP anyone on the path could answer "allow".
                    throw new InvalidInputException("--url", "--url " + base + " is plain HTTP to another host: anyone on the"
                            + " path could answer allow for any job.", "Use https:// (cgov serve --tls-cert/--tls-key, or a TLS proxy).");
                }
                RegistryClient client = new RegistryClient(base, key, clock, wait, wait);
                endpoint = new RegistryAdmission(client, new AdmissionScope(actor, cluster), policy, message -> tell(err, message), wait);
                provider = actor;
                mode = "online: every job is asked of the registry at " + base + ", signed with " + key.name()
                        + " (answer within " + wait.toMillis() + " ms)";
            }
            AdmissionHttpServer server;
            try {
                server = new AdmissionHttpServer(new InetSocketAddress(address, port), endpoint);
            } catch (IOException e) {
                throw new InvalidInputException("--port", "Cannot listen on " + host + ":" + port + ": " + e.getMessage() + ".",
                        "Choose another --port (0 for a free one), or stop what listens there.", e);
            }
            String url = "http://" + (address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
                    : address.getHostAddress()) + ":" + server.port();
            err.println("cgov admission: listening on " + url + " for " + provider + "/" + cluster + " (SIGTERM or Ctrl-C stops)");
            err.println("  " + mode);
            err.println("  registry unreachable" + (offline == null ? "" : " or a bundle's status too old") + ": "
                    + (policy == AdmissionPolicy.WhenUnreachable.FAIL_CLOSED ? "jobs are denied (fail-closed)"
                    : "jobs are allowed holding nothing (fail-open)"));
            err.println("  Slurm: url = \"" + url + "\" in cgov-admission.conf.lua; cgov-slurm-collect --url " + url);
            err.flush();
            return serveUntilStopped(server, offline, err);
        }

        /** Runs until SIGTERM/Ctrl-C (the shutdown hook) or until this thread is interrupted (tests, embedding). */
        private int serveUntilStopped(AdmissionHttpServer server, BundleLicences offline, PrintWriter err) {
            ScheduledExecutorService reload = null;
            if (offline != null) {
                reload = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "cgov-admission-bundles");
                    t.setDaemon(true);
                    return t;
                });
                reload.scheduleWithFixedDelay(offline::refresh, RELOAD_EVERY.toSeconds(), RELOAD_EVERY.toSeconds(), TimeUnit.SECONDS);
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                tell(err, "stopping");
                server.close();
                stopped.countDown();
            }, "cgov-admission-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
                tell(err, "stopping");
                server.close();
            } finally {
                if (reload != null) {
                    reload.shutdownNow();
                }
            }
            return 0;
        }

        /** Whether a URL's host is this machine by name or literal (localhost, 127.0.0.0/8, ::1), without a lookup. */
        static boolean loopbackName(String host) {
            if (host == null) {
                return false;
            }
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return h.equalsIgnoreCase("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
        }

        private InetAddress listenAddress() throws InvalidInputException {
            InetAddress address;
            try {
                address = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new InvalidInputException("--host", "--host " + host + " is not an address of this machine.",
                        "Give an address such as 127.0.0.1.", e);
            }
            if (!address.isLoopbackAddress() && !allowRemote) {
                throw new InvalidInputException("--host", "--host " + host + " would let other machines reach the admission"
                        + " service, which has no authentication of its own: anyone who reaches it admits jobs as the provider.",
                        "Keep the default 127.0.0.1 and run it where the scheduler runs (the slurmctld host; the webhook's pod,"
                                + " behind its TLS proxy), or add --allow-remote if every host that can reach it may admit jobs.");
            }
            return address;
        }

        private static void tell(PrintWriter err, String message) {
            synchronized (err) {
                err.println("cgov admission: " + message);
                err.flush();
            }
        }
    }

    /** A timeout: 2s, 1500ms, 1m, or a number of seconds (as every other --timeout); 100 ms to 60 s. */
    static Duration timeout(String s) throws InvalidInputException {
        String t = s.strip().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
            }
        } catch (NumberFormatException e) {
            d = null;
        }
        if (d == null || d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new InvalidInputException("--timeout", "--timeout '" + s + "' is not a duration of 100 ms to 60 s.",
                    "Write e.g. 2s, 1500ms, or a number of seconds.");
        }
        return d;
    }

    @Command(name = "decisions", mixinStandardHelpOptions = true, description = {
            "The decision record: admission decisions (allow and deny), newest first.",
            "Each with its code and requested FLOP, a page at a time, then the denies",
            "by code in the selection. The regulator reads all, a provider its own,",
            "a developer the decisions on its licences."})
    static final class Decisions implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--provider", paramLabel = "P", description = "Only this provider's decisions (a provider may name only itself).") String provider;
        @Option(names = "--licence", paramLabel = "L", description = "Only decisions on jobs naming this licence.") String licence;
        @Option(names = "--decision", paramLabel = "allow|deny", description = "Only allows or only denies.") String decision;
        @Option(names = "--page", paramLabel = "N", description = "The page to print, from 1 (default 1).") Integer page;
        @Option(names = "--limit", paramLabel = "N", description = "Rows a page, 1 to 500 (default 25).") Integer limit;

        @Override
        public Integer call() throws Exception {
            String d = decision == null ? null : decision.strip().toLowerCase(Locale.ROOT);
            if (d != null && !d.equals("allow") && !d.equals("deny")) {
                throw new InvalidInputException("--decision", "--decision is allow or deny, got '" + decision + "'.",
                        "E.g. --decision deny.");
            }
            if (page != null && page < 1) {
                throw new InvalidInputException("--page", "--page counts from 1, got " + page + ".", "E.g. --page 2.");
            }
            if (limit != null && (limit < 1 || limit > 500)) {
                throw new InvalidInputException("--limit", "--limit is 1 to 500 rows a page, got " + limit + ".", "E.g. --limit 100.");
            }
            List<String> query = new ArrayList<>();
            add(query, "provider", provider);
            add(query, "licence", licence);
            add(query, "decision", d);
            add(query, "page", page == null ? null : page.toString());
            add(query, "limit", limit == null ? null : limit.toString());
            JsonNode r = registry.get("/api/v1/admission/decisions" + (query.isEmpty() ? "" : "?" + String.join("&", query)));
            var out = RegistryCommands.out(spec);
            if (json.printed(out, r)) {
                return 0;
            }
            Table t = new Table("decided", "provider", "cluster", "account", "licence", "job", "chips", "time limit", "requested FLOP",
                    "decision", "code").alignRight(6, 7, 8);
            for (JsonNode x : r.path("decisions")) {
                int repeats = x.path("repeats").asInt(1);
                t.row(x.path("decidedAt").asText(), x.path("provider").asText(), x.path("cluster").asText(),
                        text(x, "account"), text(x, "licence"), text(x, "jobRef"),
                        x.path("chips").asInt() == 0 ? "0" : Format.count(x.path("chips").asLong()) + " × " + x.path("chip").asText(),
                        hours(x.path("timeLimitMinutes").asLong()), Format.sci(x.path("requestedFlop").asDouble()),
                        x.path("decision").asText(), x.path("code").asText() + (repeats > 1 ? " (×" + repeats + ")" : ""));
            }
            long total = r.path("total").asLong();
            boolean empty = r.path("decisions").isEmpty();
            if (total == 0) {
                out.println("no decisions");
            } else if (empty) {
                out.println("page " + r.path("page").asInt() + " is past the last (" + r.path("pages").asInt() + ")");
            } else {
                t.print(out);
            }
            JsonNode s = r.path("summary");
            List<String> codes = new ArrayList<>();
            s.path("denyByCode").fields().forEachRemaining(e -> codes.add(e.getKey() + " " + Format.count(e.getValue().asLong())));
            if (total > 0) {
                out.printf(Locale.ROOT, "%sin the selection: allow %s, deny %s%s%n", empty ? ""
                        : String.format(Locale.ROOT, "page %d of %d (%s rows); ", r.path("page").asInt(), r.path("pages").asInt(),
                                Format.count(total)), Format.count(s.path("allow").asLong()),
                        Format.count(s.path("deny").asLong()), codes.isEmpty() ? "" : " (" + String.join(", ", codes) + ")");
            }
            JsonNode rec = r.path("recording");
            if (rec.path("dropped").asLong() > 0 || rec.path("failed").asLong() > 0) {
                out.printf(Locale.ROOT, "not recorded since %s: %s dropped (queue full), %s failed to write%n",
                        rec.path("since").asText(), Format.count(rec.path("dropped").asLong()), Format.count(rec.path("failed").asLong()));
            }
            out.flush();
            return 0;
        }

        private static void add(List<String> query, String name, String value) {
            if (value != null) {
                query.add(name + "=" + RegistryCommands.enc(value));
            }
        }

        private static String text(JsonNode row, String field) {
            JsonNode v = row.path(field);
            return v.isNull() || v.isMissingNode() || v.asText().isEmpty() ? null : v.asText();
        }

        private static String hours(long minutes) {
            return minutes % 60 == 0 ? Format.count(minutes / 60) + " h" : Format.count(minutes) + " min";
        }
    }
}
