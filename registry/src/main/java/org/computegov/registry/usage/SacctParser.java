package org.computegov.registry.usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.HardwareCatalog;

/**
 * Reads Slurm accounting as {@code sacct --parsable2} prints it, one line per job allocation, into usage records.
 *
 * <p>Rules, in the order they apply to a line:
 * <ol>
 *   <li>A byte order mark at the start of the file and blank lines are ignored. When the first line is sacct's
 *       header ({@code JobID|…}), columns are read by name in any order, extra columns are ignored, and missing
 *       required ones ({@link SacctLayout.Role}) are named; {@link #COMMAND} prints one. Without a header a line
 *       has Open XDMoD's 26 fields ({@link #FIELDS}, {@link #XDMOD_COMMAND}), exactly (see {@link SacctLayout} for
 *       {@code |} inside JobName).</li>
 *   <li>Every field's form is checked ({@link SacctForms}), so that a shifted column is a problem, never a wrong
 *       number.</li>
 *   <li>A job step ({@code 1234.batch}, {@code 1234.extern}, {@code 1234.0}) is skipped: the allocation's own
 *       line counts the chips. (With {@code --allocations} sacct prints none.)</li>
 *   <li>State is the first word ({@code CANCELLED by 102216} is CANCELLED). A job that has not ended (no End:
 *       {@code Unknown}, {@code None} or empty; or RUNNING, PENDING, SUSPENDED and other states of a live job) is
 *       skipped: it is counted once it has ended. A REQUEUED run with an End counts: it held the chips.</li>
 *   <li>A job that never ran (no Start, or NodeList {@code None assigned}) is skipped.</li>
 *   <li>GPUs come from AllocTRES: {@code gres/gpu:TYPE=N} counts N chips of TYPE (resolved through the caller's
 *       {@link SacctOptions#gpuTypes()}, then the catalog's names and aliases); untyped {@code gres/gpu=N} is the
 *       total, so typed counts are taken from it and only the remainder, if any, is of the cluster's default chip
 *       ({@link SacctOptions#defaultChips()}). An allocation without GPUs is skipped.</li>
 *   <li>Start and End are local times in {@link SacctOptions#zone()}; chip-hours run from Start to End.</li>
 *   <li>The run a job trains is named in its Comment or WCKey as {@code run=<developer>/<run>}
 *       ({@link SacctRun}).</li>
 *   <li>An array line {@code 4103947_[9-11,13]} gives one record per task ({@code 4103947_9}, …), each with the
 *       line's start, end and chips; {@code 4103947_9} is one task. A file expands to at most
 *       {@link #MAX_RECORDS_PER_FILE} records, so that a small file of folded arrays cannot exhaust memory.</li>
 * </ol>
 *
 * <p>Every problem in the file is collected with its line number, and a file with any problem yields no records.
 * A parser is immutable and may be shared between threads.
 */
public final class SacctParser {
    /**
     * The sacct fields, in order, that a line must have: Open XDMoD's Slurm shredder's field list
     * ({@code classes/OpenXdmod/Shredder/Slurm.php}, {@code $fieldNames}), so that the same sacct export feeds both.
     */
    public static final List<String> FIELDS = List.of("jobid", "jobidraw", "cluster", "partition", "qos",
            "account", "group", "gid", "user", "uid", "submit", "eligible", "start", "end", "elapsed", "exitcode",
            "state", "nnodes", "ncpus", "reqcpus", "reqmem", "reqtres", "alloctres", "timelimit", "nodelist",
            "jobname");
    /** The {@code --format} value giving {@link #FIELDS}. */
    public static final String FORMAT = "jobid,jobidraw,cluster,partition,qos,account,group,gid,user,uid,submit,"
            + "eligible,start,end,elapsed,exitcode,state,nnodes,ncpus,reqcpus,reqmem,reqtres,alloctres,timelimit,"
            + "nodelist,jobname";
    /**
     * The fields of {@link #COMMAND}: what the parser reads, with the user (for people reading the file), WCKey and
     * Comment (the run, see {@link SacctRun}); JobName is left out, since a second free-text column would make a
     * {@code |} inside either unplaceable.
     */
    public static final String RUN_FORMAT = "jobid,jobidraw,cluster,partition,account,user,start,end,elapsed,state,"
            + "alloctres,nodelist,wckey,comment";
    /**
     * The command whose output this parser reads best: with a header line, so that columns are read by name, and
     * with the fields that name a run (add {@code --clusters}, {@code --starttime}, {@code --endtime}).
     */
    public static final String COMMAND = "sacct --allusers --parsable2 --allocations --duplicates --format="
            + RUN_FORMAT;
    /** Open XDMoD's form, without a header, which the parser reads too (no run names: it has no Comment). */
    public static final String XDMOD_COMMAND = "sacct --allusers --parsable2 --noheader --allocations --duplicates"
            + " --format=" + FORMAT;
    /** The names sacct prints in its header for {@link #FIELDS}, used in problem reports. */
    static final List<String> HEADER = List.of("JobID", "JobIDRaw", "Cluster", "Partition", "QOS", "Account",
            "Group", "GID", "User", "UID", "Submit", "Eligible", "Start", "End", "Elapsed", "ExitCode", "State",
            "NNodes", "NCPUS", "ReqCPUS", "ReqMem", "ReqTRES", "AllocTRES", "Timelimit", "NodeList", "JobName");
    /** The most array tasks one folded line may stand for; more is reported (ask sacct with {@code --array}). */
    public static final int MAX_TASKS_PER_LINE = 100_000;
    /**
     * The most records one file may expand to (array tasks × chip types): a day of a large cluster is well under it,
     * and its records take a few hundred megabytes; a file over it is refused, to be split by time window.
     */
    public static final int MAX_RECORDS_PER_FILE = 1_000_000;

    static final int FIELD_COUNT = 26;

    private enum Life { ENDED, REQUEUED, LIVE }

    /** sacct's job states (https://slurm.schedmd.com/job_state_codes.html): base states and the flags it shows. */
    private static final Map<String, Life> STATES = Map.ofEntries(
            Map.entry("BOOT_FAIL", Life.ENDED), Map.entry("CANCELLED", Life.ENDED),
            Map.entry("COMPLETED", Life.ENDED), Map.entry("DEADLINE", Life.ENDED), Map.entry("FAILED", Life.ENDED),
            Map.entry("NODE_FAIL", Life.ENDED), Map.entry("OUT_OF_MEMORY", Life.ENDED),
            Map.entry("PREEMPTED", Life.ENDED), Map.entry("TIMEOUT", Life.ENDED), Map.entry("REVOKED", Life.ENDED),
            Map.entry("LAUNCH_FAILED", Life.ENDED), Map.entry("RECONFIG_FAIL", Life.ENDED),
            Map.entry("REQUEUED", Life.REQUEUED), Map.entry("REQUEUE_FED", Life.REQUEUED),
            Map.entry("REQUEUE_HOLD", Life.REQUEUED), Map.entry("SPECIAL_EXIT", Life.REQUEUED),
            Map.entry("PENDING", Life.LIVE), Map.entry("RUNNING", Life.LIVE), Map.entry("SUSPENDED", Life.LIVE),
            Map.entry("RESIZING", Life.LIVE), Map.entry("COMPLETING", Life.LIVE), Map.entry("CONFIGURING", Life.LIVE),
            Map.entry("POWER_UP_NODE", Life.LIVE), Map.entry("RESV_DEL_HOLD", Life.LIVE),
            Map.entry("SIGNALING", Life.LIVE), Map.entry("STAGE_OUT", Life.LIVE), Map.entry("STOPPED", Life.LIVE),
            Map.entry("UPDATE_DB", Life.LIVE));

    private final SacctOptions options;
    private final int maxRecords;
    private final ChipResolver gpuTypes;
    private final Map<String, Accelerator> defaultChips;

    /**
     * @throws InvalidInputException when a default chip or GRES type in {@code options} names no catalog chip
     */
    public SacctParser(HardwareCatalog catalog, SacctOptions options) throws InvalidInputException {
        this(catalog, options, MAX_RECORDS_PER_FILE);
    }

    /** A parser with another record limit than {@link #MAX_RECORDS_PER_FILE}, for tests. */
    SacctParser(HardwareCatalog catalog, SacctOptions options, int maxRecords) throws InvalidInputException {
        this.maxRecords = maxRecords;
        this.options = options;
        this.gpuTypes = new ChipResolver(catalog, options.gpuTypes(), "--gpu-type");
        Map<String, Accelerator> defaults = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.defaultChips().entrySet()) {
            try {
                defaults.put(e.getKey(), catalog.find(e.getValue()));
            } catch (InvalidInputException x) {
                throw new InvalidInputException("--default-chip", "Default chip for cluster '" + e.getKey() + "': "
                        + x.getMessage(), x.hint(), x);
            }
        }
        this.defaultChips = Map.copyOf(defaults);
    }

    public SacctOptions options() {
        return options;
    }

    /** Parses a file, read as UTF-8 (bytes that are not UTF-8, e.g. in a job name, become U+FFFD). */
    public ParsedUsage parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    /** Parses a stream of UTF-8 text; the caller closes it. */
    public ParsedUsage parse(InputStream in) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return parse(new BufferedReader(new InputStreamReader(in, decoder), 1 << 16));
    }

    public ParsedUsage parse(String text) {
        try {
            return parse(new BufferedReader(new StringReader(text)));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    public ParsedUsage parse(BufferedReader in) throws IOException {
        Batch batch = new Batch(InputProblem.Where.LINE, maxRecords);
        List<LineProblem> lineProblems = new ArrayList<>(4);
        SacctLayout layout = null;
        String[] fields = null;
        int[] bars = new int[32];
        int lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (SacctLayout.isHeader(line)) {
                if (layout == null) {
                    try {
                        layout = SacctLayout.fromHeader(line);
                    } catch (LineProblem p) {
                        batch.problem(lineNumber, p.field(), p.getMessage());
                        return batch.result();
                    }
                    fields = new String[layout.width()];
                } else if (!layout.sameHeader(line)) {
                    batch.problem(lineNumber, "", layout.fromHeader()
                            ? "a header line unlike the first one: concatenate exports made with the same --format"
                            : "a header line after lines without one: export the whole file with one sacct command");
                }
                continue;
            }
            if (layout == null) {
                layout = SacctLayout.LEGACY;
                fields = new String[layout.width()];
            }
            batch.inputs++;
            lineProblems.clear();
            int barCount = 0;
            for (int bar = line.indexOf('|'); bar >= 0; bar = line.indexOf('|', bar + 1)) {
                if (barCount == bars.length) {
                    bars = java.util.Arrays.copyOf(bars, bars.length * 2);
                }
                bars[barCount++] = bar;
            }
            String wrongCount = layout.split(line, fields, bars, barCount);
            if (wrongCount != null) {
                batch.problem(lineNumber, "", wrongCount);
                continue;
            }
            parseLine(new Line(layout, fields), lineNumber, lineProblems, batch);
            for (LineProblem p : lineProblems) {
                batch.problem(lineNumber, p.field(), p.getMessage());
            }
        }
        return batch.result();
    }

    /** One line's fields, by role; a field the file does not have reads as empty. */
    private record Line(SacctLayout layout, String[] f) {
        String get(SacctLayout.Role role) {
            int c = layout.column(role);
            return c < 0 ? "" : f[c];
        }

        boolean has(SacctLayout.Role role) {
            return layout.column(role) >= 0;
        }
    }

    private void parseLine(Line l, int lineNumber, List<LineProblem> problems, Batch batch) {
        SacctLayout layout = l.layout();
        for (int i = 0; i < layout.width(); i++) {
            String problem = layout.form(i).problem(l.f()[i]);
            if (problem != null) {
                problems.add(new LineProblem(layout.name(i), problem));
            }
        }
        if (!problems.isEmpty()) {
            return;
        }
        String jobIdText = l.get(SacctLayout.Role.JOBID);
        String startText = l.get(SacctLayout.Role.START);
        String endText = l.get(SacctLayout.Role.END);
        int dot = jobIdText.indexOf('.');
        try {
            if (dot >= 0) {
                SlurmJobId.parse(jobIdText.substring(0, dot), MAX_TASKS_PER_LINE);
                batch.skip(SkipReason.JOB_STEP);
                return;
            }
            Life life = life(l.get(SacctLayout.Role.STATE));
            if (life == Life.LIVE || SlurmTime.absent(endText)) {
                SlurmJobId.parse(jobIdText, MAX_TASKS_PER_LINE);
                batch.skip(SkipReason.NOT_ENDED);
                return;
            }
            if (SlurmTime.absent(startText) || l.get(SacctLayout.Role.NODELIST).equals("None assigned")) {
                SlurmJobId.parse(jobIdText, MAX_TASKS_PER_LINE);
                batch.skip(SkipReason.NEVER_RAN);
                return;
            }
        } catch (LineProblem p) {
            problems.add(p);
            return;
        }

        SlurmJobId jobId = null;
        LocalDateTime start = null;
        LocalDateTime end = null;
        long elapsed = -1;
        SacctGpus gpus = null;
        Optional<String> run = Optional.empty();
        try {
            jobId = SlurmJobId.parse(jobIdText, MAX_TASKS_PER_LINE);
        } catch (LineProblem p) {
            problems.add(p);
        }
        String raw = l.get(SacctLayout.Role.JOBIDRAW);
        if (l.has(SacctLayout.Role.JOBIDRAW) && (raw.isEmpty() || !SlurmJobId.allDigits(raw))) {
            problems.add(new LineProblem("JobIDRaw", "'" + raw + "' is not a job number"));
        }
        try {
            start = SlurmTime.local("Start", startText);
        } catch (LineProblem p) {
            problems.add(p);
        }
        try {
            end = SlurmTime.local("End", endText);
        } catch (LineProblem p) {
            problems.add(p);
        }
        String elapsedText = l.get(SacctLayout.Role.ELAPSED);
        try {
            elapsed = SlurmTime.absent(elapsedText) ? -1 : SlurmTime.elapsedSeconds(elapsedText);
        } catch (LineProblem p) {
            problems.add(p);
        }
        try {
            gpus = SacctGpus.parse(l.get(SacctLayout.Role.ALLOCTRES));
        } catch (LineProblem p) {
            problems.add(p);
        }
        try {
            run = SacctRun.of(l.get(SacctLayout.Role.COMMENT), l.get(SacctLayout.Role.WCKEY));
        } catch (LineProblem p) {
            problems.add(p);
        }
        if (!problems.isEmpty()) {
            return;
        }
        if (gpus.total() == 0) {
            batch.skip(SkipReason.NO_GPUS);
            return;
        }
        // What a record is made of is checked only for lines that make records (a CPU job's account is not ours).
        String clusterText = l.get(SacctLayout.Role.CLUSTER);
        String accountText = l.get(SacctLayout.Role.ACCOUNT);
        text("Cluster", clusterText, problems);
        text("Account", accountText, problems);
        Map<String, Integer> chips = chips(clusterText, gpus, problems);
        Instant[] interval;
        try {
            interval = SlurmTime.interval(start, end, options.zone(), elapsed);
        } catch (LineProblem p) {
            problems.add(p);
            return;
        }
        if (!problems.isEmpty()) {
            return;
        }
        int order = interval[1].compareTo(interval[0]);
        if (order < 0) {
            problems.add(new LineProblem("End", "End " + endText + " is before Start " + startText));
            return;
        }
        if (order == 0) {
            batch.skip(SkipReason.ZERO_DURATION);
            return;
        }
        String over = batch.reserve((long) jobId.taskCount() * chips.size());
        if (over != null) {
            problems.add(new LineProblem("JobID", over));
            return;
        }
        if (batch.full()) {
            return;
        }
        String cluster = batch.canonical(clusterText);
        String account = batch.canonical(accountText);
        for (int t = 0; t < jobId.taskCount(); t++) {
            String sourceJobId = jobId.forTask(t);
            for (Map.Entry<String, Integer> chip : chips.entrySet()) {
                UsageRecord record;
                try {
                    record = new UsageRecord(options.provider(), cluster, account, chip.getKey(),
                            chip.getValue(), interval[0], interval[1], run, sourceJobId);
                } catch (IllegalArgumentException e) {
                    problems.add(new LineProblem("", e.getMessage()));
                    return;
                }
                String duplicate = batch.add(record, lineNumber);
                if (duplicate != null) {
                    problems.add(new LineProblem("", duplicate));
                }
            }
        }
    }

    /** Canonical chip name → count, typed GPUs first (in AllocTRES order), then untyped ones of the default chip. */
    private Map<String, Integer> chips(String cluster, SacctGpus gpus, List<LineProblem> problems) {
        Map<String, Integer> chips = new LinkedHashMap<>(4);
        long typedTotal = 0;
        for (int i = 0; i < gpus.typeCount; i++) {
            String type = gpus.types[i];
            int n = gpus.typeCounts[i];
            typedTotal += n;
            if (n == 0) {
                continue;
            }
            try {
                chips.merge(gpuTypes.resolve(type).name(), n, Integer::sum);
            } catch (InvalidInputException e) {
                problems.add(new LineProblem("AllocTRES", "GPU type '" + type + "' (gres/gpu:" + type + "): "
                        + e.getMessage() + " " + e.hint() + " Or map it: --gpu-type " + type + "=CHIP."));
            }
        }
        if (gpus.untyped >= 0 && gpus.untyped < typedTotal) {
            problems.add(new LineProblem("AllocTRES", "gres/gpu=" + gpus.untyped + " is the job's GPU total but the"
                    + " typed counts add up to " + typedTotal));
            return chips;
        }
        long rest = gpus.untyped < 0 ? 0 : gpus.untyped - typedTotal;
        if (rest > 0) {
            Accelerator chip = defaultChips.get(cluster.toLowerCase(Locale.ROOT));
            if (chip == null) {
                problems.add(new LineProblem("AllocTRES", rest + " GPU(s) without a type (gres/gpu=" + gpus.untyped
                        + ") on cluster '" + cluster + "', which has no default chip; give one: --default-chip "
                        + cluster + "=CHIP"));
            } else {
                chips.merge(chip.name(), (int) rest, Integer::sum);
            }
        }
        return chips;
    }

    private static Life life(String state) throws LineProblem {
        int space = state.indexOf(' ');
        String word = space < 0 ? state : state.substring(0, space);
        Life life = STATES.get(word);
        if (life == null) {
            throw new LineProblem("State", "'" + state + "' is not a job state sacct prints"
                    + " (COMPLETED, CANCELLED, FAILED, TIMEOUT, RUNNING, …)");
        }
        if (space >= 0 && !(word.equals("CANCELLED") && state.startsWith(" by ", space)
                && state.length() > space + 4 && SlurmJobId.allDigits(state.substring(space + 4)))) {
            throw new LineProblem("State", "'" + state + "': only CANCELLED is followed by more, as 'CANCELLED by UID'");
        }
        return life;
    }

    private static void text(String field, String value, List<LineProblem> problems) {
        String problem = UsageRecord.textProblem(value);
        if (problem != null) {
            problems.add(new LineProblem(field, field + " " + problem));
        }
    }
}
