package org.computegov.cli;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.registry.usage.AttributedUsage;
import org.computegov.registry.usage.ParsedUsage;
import org.computegov.registry.usage.SacctOptions;
import org.computegov.registry.usage.SacctParser;
import org.computegov.registry.usage.UsageCompute;
import org.computegov.registry.usage.UsageJson;
import org.computegov.registry.usage.UsageRecord;
import org.computegov.registry.usage.UsageTotal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgov usage}: compute usage from schedulers' accounting (subcommands registered by {@link Cgov}). */
@Command(name = "usage", mixinStandardHelpOptions = true, description = "Compute usage from schedulers' accounting records.")
final class UsageCommand {

    @Command(name = "parse-sacct", mixinStandardHelpOptions = true, description = {
            "Parse Slurm accounting offline: the GPU jobs' usage records with chip-hours and FLOP.",
            "Input: " + SacctParser.COMMAND + " (columns are read by its header line, in any order;"
                    + " Open XDMoD's headerless form works too). The job's Slurm account is the customer (it needs a KYC"
                    + " record); a job names its run in its Comment or WCKey as run=<developer>/<run>."})
    static final class ParseSacct implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "sacct output.") Path file;
        @Option(names = "--provider", defaultValue = "unnamed-provider", paramLabel = "PROVIDER", description = "The compute provider reporting (default ${DEFAULT-VALUE}).") String provider;
        @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE", description = "Time zone sacct printed times in (default ${DEFAULT-VALUE}; run sacct with TZ=UTC).") String zone;
        @Option(names = "--default-chip", paramLabel = "CLUSTER=CHIP", description = "Chip of untyped gres/gpu on a cluster, e.g. sol=A100. Repeatable.") List<String> defaultChips = new ArrayList<>();
        @Option(names = "--gpu-type", paramLabel = "TYPE=CHIP", description = "A site's own GRES type name, e.g. big=H200. Repeatable.") List<String> gpuTypes = new ArrayList<>();
        @Option(names = "--json", description = "Print the records as JSON usage records (the format 'usage submit --records' takes).") boolean json;

        @Override
        public Integer call() throws Exception {
            ZoneId zoneId;
            try {
                zoneId = ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new InvalidInputException("--zone", "Unknown time zone '" + zone + "'.", "Use an IANA name such as UTC or Europe/Berlin.", e);
            }
            SacctOptions options = SacctOptions.of(provider, zoneId);
            for (String d : defaultChips) {
                String[] kv = pair("--default-chip", d);
                options = options.withDefaultChip(kv[0], kv[1]);
            }
            for (String g : gpuTypes) {
                String[] kv = pair("--gpu-type", g);
                options = options.withGpuType(kv[0], kv[1]);
            }
            HardwareCatalog catalog = HardwareCatalog.builtIn();
            ParsedUsage parsed;
            try {
                parsed = new SacctParser(catalog, options).parse(file);
            } catch (java.io.IOException e) {
                throw new InvalidInputException("FILE", "Cannot read " + file + ": " + e.getMessage(), "Give the file sacct wrote.", e);
            }
            List<UsageRecord> records = parsed.recordsOrThrow("FILE", file.toString());
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(UsageJson.write(records));
                out.flush();
                return 0;
            }
            UsageCompute compute = new UsageCompute(catalog);
            // The customer is the job's Slurm account; the run is what its Comment or WCKey names (run=<dev>/<run>).
            Table t = new Table("job", "cluster", "customer", "chip", "chips", "run", "chip-hours", "FLOP").alignRight(4, 6, 7);
            for (AttributedUsage a : compute.attributeAll(records)) {
                UsageRecord r = a.record();
                t.row(r.jobId(), r.cluster(), r.customer(), r.chip(), r.chipCount(), r.runId().orElse("-"),
                        Format.num(r.chipHours()), Format.sci(a.flop()));
            }
            t.print(out);
            UsageTotal total = compute.total(records);
            out.printf(Locale.ROOT, "%d records (%d input lines; skipped %s): %s chip-hours, %s FLOP (range %s – %s)%n",
                    total.records(), parsed.inputs(), parsed.skipped(), Format.num(total.chipHours()), Format.sci(total.flop()),
                    Format.sci(total.flopLow()), Format.sci(total.flopHigh()));
            for (String assumption : total.assumptions()) {
                out.println("  assumes: " + assumption);
            }
            out.flush();
            return 0;
        }

        static String[] pair(String option, String text) throws InvalidInputException {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw new InvalidInputException(option, option + " takes NAME=CHIP, got '" + text + "'.", "E.g. " + option + " sol=A100.");
            }
            return new String[] {text.substring(0, eq), text.substring(eq + 1)};
        }
    }
}
