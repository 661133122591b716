package org.computegov.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cgov bench console}: how long the demo world takes to seed (timed inside the server's start, beside a
 * plain server's whole start in the same run), and each console page's server time (its Server-Timing header: reads and template) signed in as the
 * regulator, who sees the most, first at the demo world's size and then with the registry holding {@code --records}
 * usage records. The extra records are the demo's own, replicated (FLOP and chip-hours divided among the copies)
 * and written straight into the projection's table with one INSERT … SELECT (the hourly buckets and per-account
 * totals the usage kinds maintain are then rebuilt from the rows): signing a million records would take the
 * benchmark far longer than the pages it measures, and pages read the projection only.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Console pages' server render time at the demo world's size and with --records usage records; demo seeding time.")
final class ConsoleBench implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--records", paramLabel = "N", defaultValue = "1000000",
            description = "Usage records the registry holds for the second measurement (default ${DEFAULT-VALUE}).") long records;
    @Option(names = "--samples", paramLabel = "N", defaultValue = "20",
            description = "Timed requests per page, after 3 untimed (default ${DEFAULT-VALUE}).") int samples;
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the benchmark's databases live (default: a new temporary directory).") Path dataDir;
    @Option(names = "--json", description = "Print the figures as JSON.") boolean json;

    /** The pages measured: every section's entry page and one item page of each, as the regulator sees them. */
    static final List<String> PAGES = List.of("/", "/console/compute", "/console/compute/runs/frontier-lab/frontier-1",
            "/console/customers", "/console/customers/cloud-a/acct-northwind", "/console/licences",
            "/console/licences/L-DEMO-1", "/console/chips", "/console/models", "/console/models/frontier-lab~frontier-1-chat",
            "/console/deployments", "/console/deployments/cloud-a~chat-us-1", "/console/log", "/console/log/entries/7",
            "/console/knowledge/chips?chip=H100", "/console/knowledge/estimate?params=175e9&tokens=300e9",
            "/console/knowledge/thresholds?flop=3.8e25", "/console/knowledge/trends", "/console/account");

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (records < 0 || samples < 1 || samples > 10_000) {
            spec.commandLine().getErr().println("cgov bench console: --records must be >= 0 and --samples in [1, 10000]");
            return Cgov.BAD_INPUT;
        }
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("cgov-bench-console");
        Clock clock = Clock.systemUTC();
        long t0 = System.nanoTime();
        try (CgovServer plain = CgovServer.start(options(dir.resolve("plain"), false), clock)) {
            plain.port();
        }
        double plainSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "server start without the demo world: %.2f s%n", plainSeconds);
        out.flush();
        t0 = System.nanoTime();
        try (CgovServer server = CgovServer.start(options(dir.resolve("demo"), true), clock)) {
            double demoSeconds = (System.nanoTime() - t0) / 1e9;
            double seed = server.demoSeconds();
            out.printf(Locale.ROOT, "server start with the demo world: %.2f s, of which seeding the demo world %.2f s"
                    + " (statements through the kernel and console users)%n", demoSeconds, seed);
            out.flush();
            Session s = Session.signIn("http://127.0.0.1:" + server.port(), dir.resolve("demo"), "regulator");
            long demoRecords = count(server, "SELECT count(*) FROM registry.usage_record");
            Map<String, double[]> small = measure(s, out);
            out.printf(Locale.ROOT, "adding usage records up to %,d…%n", records);
            out.flush();
            long t1 = System.nanoTime();
            long held = seed(server, records);
            double seedSeconds = (System.nanoTime() - t1) / 1e9;
            out.printf(Locale.ROOT, "registry holds %,d usage records (demo: %,d; bulk insert %.1f s)%n", held, demoRecords, seedSeconds);
            out.flush();
            Map<String, double[]> large = measure(s, out);
            report(out, demoSeconds, seed, demoRecords, held, small, large);
        }
        return 0;
    }

    private static ServerOptions options(Path dir, boolean demo) {
        return new ServerOptions(0, dir, null, null, null, demo, null, null, LogOptions.defaults());
    }

    private void report(java.io.PrintWriter out, double start, double seed, long demoRecords, long held,
            Map<String, double[]> small, Map<String, double[]> large) {
        if (json) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "{\"demoStartSeconds\":%.3f,\"seedSeconds\":%.3f,\"demoRecords\":%d,\"records\":%d,\"pages\":[", start,
                    seed, demoRecords, held));
            String sep = "";
            for (String page : small.keySet()) {
                double[] a = small.get(page);
                double[] z = large.get(page);
                b.append(sep).append(String.format(Locale.ROOT, "{\"page\":\"%s\",\"demo\":{\"p50Ms\":%.3f,\"p90Ms\":%.3f,"
                        + "\"clientP50Ms\":%.3f},\"large\":{\"p50Ms\":%.3f,\"p90Ms\":%.3f,\"clientP50Ms\":%.3f}}", page,
                        a[0], a[1], a[2], z[0], z[1], z[2]));
                sep = ",";
            }
            out.println(b.append("]}"));
            return;
        }
        out.printf(Locale.ROOT, "%-55s %12s %12s %14s %8s%n", "page (server time, ms: p50 / p90)", "demo",
                String.format(Locale.ROOT, "%,d rec", held), "client p50", "ratio");
        for (String page : small.keySet()) {
            double[] a = small.get(page);
            double[] z = large.get(page);
            out.printf(Locale.ROOT, "%-55s %5.1f /%5.1f %5.1f /%5.1f %6.1f /%6.1f %7.2f×%n", page, a[0], a[1], z[0], z[1], a[2],
                    z[2], z[0] / a[0]);
        }
        double worstSmall = small.values().stream().mapToDouble(v -> v[0]).max().orElse(0);
        double worstLarge = large.values().stream().mapToDouble(v -> v[0]).max().orElse(0);
        out.printf(Locale.ROOT, "slowest page p50: %.1f ms at the demo's size (target < 50), %.1f ms at %,d records (target < 200);"
                + " demo seeding %.1f s (target < 30)%n", worstSmall, worstLarge, held, seed);
    }

    /** Each page {@code samples} times: p50 and p90 of its Server-Timing, and the client's p50 (ms). */
    private Map<String, double[]> measure(Session s, java.io.PrintWriter out) throws Exception {
        Map<String, double[]> result = new LinkedHashMap<>();
        for (String page : PAGES) {
            for (int i = 0; i < 3; i++) {
                s.render(page);
            }
            double[] server = new double[samples];
            double[] client = new double[samples];
            for (int i = 0; i < samples; i++) {
                long t = System.nanoTime();
                server[i] = s.render(page);
                client[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(server);
            Arrays.sort(client);
            result.put(page, new double[] {server[samples / 2], server[Math.min(samples - 1, (int) Math.ceil(samples * 0.9) - 1)],
                    client[samples / 2]});
        }
        return result;
    }

    /**
     * Replicates the demo's usage records until the table holds {@code target} rows: copy g of record r gets id
     * "bench-g-r", ends g hours earlier, and carries r's FLOP and chip-hours divided by the number of copies.
     */
    private static long seed(CgovServer server, long target) throws Exception {
        try (var c = server.database().dataSource().getConnection(); var st = c.createStatement()) {
            st.execute("SET search_path TO registry");
            long have;
            try (var rs = st.executeQuery("SELECT count(*) FROM usage_record")) {
                rs.next();
                have = rs.getLong(1);
            }
            if (have == 0 || target <= have) {
                return have;
            }
            long copies = (target - have + have - 1) / have;
            st.execute("""
                    CREATE TEMP TABLE bench_source AS SELECT *, row_number() OVER (ORDER BY record_id) AS n FROM usage_record""");
            st.execute(String.format(Locale.ROOT, """
                    INSERT INTO usage_record (record_id, provider, cluster, customer_id, chip, chip_count, start_at, end_at,
                        run_id, job_id, chip_hours, flop, flop_low, flop_high, log_index, withdrawn)
                    SELECT 'bench-' || g || '-' || u.record_id, u.provider, u.cluster, u.customer_id, u.chip, u.chip_count,
                           u.start_at - g * interval '1 hour', u.end_at - g * interval '1 hour', u.run_id,
                           CASE WHEN u.job_id IS NULL THEN NULL ELSE u.job_id || '-' || g END,
                           u.chip_hours / %1$d, u.flop / %1$d, u.flop_low / %1$d, u.flop_high / %1$d, u.log_index, u.withdrawn
                    FROM generate_series(1, %1$d) g CROSS JOIN bench_source u
                    WHERE (g - 1) * %2$d + u.n <= %3$d""", copies, have, target - have));
            st.execute("DROP TABLE bench_source");
            // The aggregates the usage kinds keep in the same transaction as their rows, rebuilt from the rows as a
            // correction would: the hourly buckets per account and run, and the per-account totals.
            st.execute("DELETE FROM compute_hour");
            st.execute("""
                    INSERT INTO compute_hour (subject_kind, subject_id, hour, last_end, flop, records)
                    SELECT 'customer', provider || '/' || customer_id, date_trunc('hour', end_at), max(end_at), sum(flop), count(*)
                    FROM usage_record WHERE NOT withdrawn GROUP BY provider, customer_id, date_trunc('hour', end_at)
                    UNION ALL
                    SELECT 'run', run_id, date_trunc('hour', end_at), max(end_at), sum(flop), count(*)
                    FROM usage_record WHERE NOT withdrawn AND run_id IS NOT NULL GROUP BY run_id, date_trunc('hour', end_at)""");
            st.execute("DELETE FROM account_usage");
            st.execute("""
                    INSERT INTO account_usage (provider, customer_id, records, chip_hours, flop)
                    SELECT provider, customer_id, count(*), sum(chip_hours), sum(flop) FROM usage_record
                    WHERE NOT withdrawn GROUP BY provider, customer_id""");
            st.execute("DELETE FROM run_provider_usage");
            st.execute("""
                    INSERT INTO run_provider_usage (run_id, provider, records, chip_hours, flop)
                    SELECT run_id, provider, count(*), sum(chip_hours), sum(flop) FROM usage_record
                    WHERE NOT withdrawn AND run_id IS NOT NULL GROUP BY run_id, provider""");
            st.execute("ANALYZE usage_record");
            st.execute("ANALYZE compute_hour");
            st.execute("ANALYZE account_usage");
            try (var rs = st.executeQuery("SELECT count(*) FROM usage_record")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long count(CgovServer server, String sql) throws Exception {
        try (var c = server.database().dataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A console session over HTTP: signed in with the demo user's password, as a browser would. */
    private record Session(HttpClient http, String base, String cookie) {
        static Session signIn(String base, Path data, String user) throws Exception {
            String password = null;
            for (String line : Files.readAllLines(data.resolve("demo-keys/console-users.txt"))) {
                String[] p = line.split(" ", 2);
                if (p[0].equals(user)) {
                    password = p[1];
                }
            }
            if (password == null) {
                throw new CommandFailure("no demo console user " + user);
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/console/sign-in")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String csrfCookie = cookie(form, "cgov_csrf");
            String body = "username=" + enc(user) + "&password=" + enc(password) + "&csrf=" + enc(csrfCookie.substring(csrfCookie.indexOf('=') + 1));
            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/console/sign-in"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", csrfCookie)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (signedIn.statusCode() != 303) {
                throw new CommandFailure("sign-in as " + user + " answered " + signedIn.statusCode());
            }
            return new Session(http, base, cookie(signedIn, "cgov_session"));
        }

        /** One page; its Server-Timing render duration (ms). */
        double render(String page) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + page)).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new CommandFailure(page + " answered " + r.statusCode());
            }
            String timing = r.headers().firstValue("Server-Timing").orElseThrow(
                    () -> new CommandFailure(page + " has no Server-Timing header"));
            return Double.parseDouble(timing.substring(timing.indexOf("dur=") + 4));
        }

        private static String cookie(HttpResponse<?> r, String name) throws CommandFailure {
            for (String c : r.headers().allValues("Set-Cookie")) {
                if (c.startsWith(name + "=")) {
                    return c.substring(0, c.indexOf(';'));
                }
            }
            throw new CommandFailure("no " + name + " cookie from " + r.uri());
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
