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
 * Reads Slurm accounting as {@value #COMMAND} prints it, one line per job allocation, into usage records.
 *
 * <p>Rules, in the order they apply to a line:
 * <ol>
 *   <li>Blank lines are ignored. A line has {@link #FIELDS}' 26 fields separated by {@code |}; it is split into at
 *       most 26, so the last field, JobName, keeps any {@code |} of its own. Fewer is a problem.</li>
 *   <li>A job step ({@code 1234.batch}, {@code 1234.extern}, {@code 1234.0}) is skipped: the allocation's own
 *       line counts the chips. (With {@code --allocations} sacct prints none.)</li>
 *   <li>State is the first word ({@code CANCELLED by 102216} is CANCELLED). A job that has not ended (no End:
 *       {@code Unknown}, {@code None} or empty; or RUNNING, PENDING, SUSPENDED and other states of a live job) is
 *       skipped: it is counted once it has ended. A REQUEUED run with an End counts: it held the chips.</li>
 *   <li>A job that never ran (no Start, or NodeList {@code None assigned}) is skipped.</li>
 *   <li>The fields are checked: JobID, JobIDRaw, Start, End, Elapsed and AllocTRES on every ended job;
 *       Cluster, Account and the GPU types only on lines that make records.</li>
 *   <li>GPUs come from AllocTRES: {@code gres/gpu:TYPE=N} counts N chips of TYPE (resolved through the caller's
 *       {@link SacctOptions#gpuTypes()}, then the catalog's names and aliases); untyped {@code gres/gpu=N} is the
 *       total, so typed counts are taken from it and only the remainder, if any, is of the cluster's default chip
 *       ({@link SacctOptions#defaultChips()}). An allocation without GPUs is skipped.</li>
 *   <li>Start and End are local times in {@link SacctOptions#zone()}; chip-hours run from Start to End.</li>
 *   <li>An array line {@code 4103947_[9-11,13]} gives one record per task ({@code 4103947_9}, …), each with the
 *       line's start, end and chips; {@code 4103947_9} is one task.</li>
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
    /** The command whose output this parser reads (add {@code --clusters}, {@code --starttime}, {@code --endtime}). */
    public static final String COMMAND = "sacct --allusers --parsable2 --noheader --allocations --duplicates --format="
            + FORMAT;
    /** The names sacct prints in its header for {@link #FIELDS}, used in problem reports. */
    static final List<String> HEADER = List.of("JobID", "JobIDRaw", "Cluster", "Partition", "QOS", "Account",
            "Group", "GID", "User", "UID", "Submit", "Eligible", "Start", "End", "Elapsed", "ExitCode", "State",
            "NNodes", "NCPUS", "ReqCPUS", "ReqMem", "ReqTRES", "AllocTRES", "Timelimit", "NodeList", "JobName");
    /** The most array tasks one folded line may stand for; more is reported (ask sacct with {@code --array}). */
    public static final int MAX_TASKS_PER_LINE = 100_000;

    static final int JOBID = 0;
    static final int JOBIDRAW = 1;
    static final int CLUSTER = 2;
    static final int ACCOUNT = 5;
    static final int START = 12;
    static final int END = 13;
    static final int ELAPSED = 14;
    static final int STATE = 16;
    static final int ALLOCTRES = 22;
    static final int NODELIST = 24;
    static final int FIELD_COUNT = 26;
    /** The fields a record is made of or checked against; the others are not turned into strings. */
    private static final boolean[] USED = new boolean[FIELD_COUNT];
    private static final boolean[] ALL = new boolean[FIELD_COUNT];

    static {
        for (int i : new int[] {JOBID, JOBIDRAW, CLUSTER, ACCOUNT, START, END, ELAPSED, STATE, ALLOCTRES, NODELIST}) {
            USED[i] = true;
        }
        java.util.Arrays.fill(ALL, true);
    }

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
    private final ChipResolver gpuTypes;
    private final Map<String, Accelerator> defaultChips;

    /**
     * @throws InvalidInputException when a default chip or GRES type in {@code options} names no catalog chip
     */
    public SacctParser(HardwareCatalog catalog, SacctOptions options) throws InvalidInputException {
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
        Batch batch = new Batch(InputProblem.Where.LINE);
        String[] fields = new String[FIELD_COUNT];
        List<LineProblem> lineProblems = new ArrayList<>(4);
        int lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            batch.inputs++;
            lineProblems.clear();
            parseLine(line, lineNumber, fields, lineProblems, batch);
            for (LineProblem p : lineProblems) {
                batch.problem(lineNumber, p.field(), p.getMessage());
            }
        }
        return batch.result();
    }

    private void parseLine(String line, int lineNumber, String[] f, List<LineProblem> problems, Batch batch) {
        int count = split(line, f, USED);
        if (f[JOBID].equalsIgnoreCase("JobID")) {
            split(line, f, ALL);
            problems.add(new LineProblem("", "this is sacct's header line; run sacct with --noheader"
                    + (count == FIELD_COUNT && headerMatches(f) ? "" : ", and with --format=" + FORMAT)));
            return;
        }
        if (count < FIELD_COUNT) {
            problems.add(new LineProblem("", "expected " + FIELD_COUNT + " fields separated by '|', found " + count
                    + "; run " + COMMAND));
            return;
        }
        String jobIdText = f[JOBID];
        int dot = jobIdText.indexOf('.');
        try {
            if (dot >= 0) {
                SlurmJobId.parse(jobIdText.substring(0, dot), MAX_TASKS_PER_LINE);
                batch.skip(SkipReason.JOB_STEP);
                return;
            }
            Life life = life(f[STATE]);
            if (life == Life.LIVE || SlurmTime.absent(f[END])) {
                SlurmJobId.parse(jobIdText, MAX_TASKS_PER_LINE);
                batch.skip(SkipReason.NOT_ENDED);
                return;
            }
            if (SlurmTime.absent(f[START]) || f[NODELIST].equals("None assigned")) {
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
        Gpus gpus = null;
        try {
            jobId = SlurmJobId.parse(jobIdText, MAX_TASKS_PER_LINE);
        } catch (LineProblem p) {
            problems.add(p);
        }
        if (f[JOBIDRAW].isEmpty() || !SlurmJobId.allDigits(f[JOBIDRAW])) {
            problems.add(new LineProblem("JobIDRaw", "'" + f[JOBIDRAW] + "' is not a job number"));
        }
        try {
            start = SlurmTime.local("Start", f[START]);
        } catch (LineProblem p) {
            problems.add(p);
        }
        try {
            end = SlurmTime.local("End", f[END]);
        } catch (LineProblem p) {
            problems.add(p);
        }
        try {
            elapsed = SlurmTime.absent(f[ELAPSED]) ? -1 : SlurmTime.elapsedSeconds(f[ELAPSED]);
        } catch (LineProblem p) {
            problems.add(p);
        }
        try {
            gpus = Gpus.parse(f[ALLOCTRES]);
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
        text("Cluster", f[CLUSTER], problems);
        text("Account", f[ACCOUNT], problems);
        Map<String, Integer> chips = chips(f[CLUSTER], gpus, problems);
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
            problems.add(new LineProblem("End", "End " + f[END] + " is before Start " + f[START]));
            return;
        }
        if (order == 0) {
            batch.skip(SkipReason.ZERO_DURATION);
            return;
        }
        String cluster = batch.canonical(f[CLUSTER]);
        String account = batch.canonical(f[ACCOUNT]);
        for (int t = 0; t < jobId.taskCount(); t++) {
            String sourceJobId = jobId.forTask(t);
            for (Map.Entry<String, Integer> chip : chips.entrySet()) {
                UsageRecord record;
                try {
                    record = new UsageRecord(options.provider(), cluster, account, chip.getKey(),
                            chip.getValue(), interval[0], interval[1], Optional.empty(), sourceJobId);
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
    private Map<String, Integer> chips(String cluster, Gpus gpus, List<LineProblem> problems) {
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

    /** Splits on '|' into at most {@link #FIELD_COUNT} fields; returns how many there were. */
    static int split(String line, String[] out) {
        return split(line, out, ALL);
    }

    /**
     * Splits on '|' into at most {@link #FIELD_COUNT} fields, making strings only of the fields marked in
     * {@code wanted} (the others are null; absent fields are empty); returns how many fields there were.
     */
    static int split(String line, String[] out, boolean[] wanted) {
        int n = 0;
        int from = 0;
        while (n < FIELD_COUNT - 1) {
            int bar = line.indexOf('|', from);
            if (bar < 0) {
                break;
            }
            out[n] = wanted[n] ? line.substring(from, bar) : null;
            n++;
            from = bar + 1;
        }
        out[n] = wanted[n] ? line.substring(from) : null;
        n++;
        for (int i = n; i < FIELD_COUNT; i++) {
            out[i] = "";
        }
        return n;
    }

    private static boolean headerMatches(String[] f) {
        for (int i = 0; i < FIELD_COUNT; i++) {
            if (!f[i].equalsIgnoreCase(HEADER.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** GPU counts from AllocTRES. */
    static final class Gpus {
        /** Untyped {@code gres/gpu=N}, or -1 when absent. */
        long untyped = -1;
        String[] types = new String[2];
        int[] typeCounts = new int[2];
        int typeCount;

        long total() {
            long typed = 0;
            for (int i = 0; i < typeCount; i++) {
                typed += typeCounts[i];
            }
            return Math.max(untyped, typed);
        }

        /**
         * Reads the {@code gres/gpu} entries of an AllocTRES value such as
         * {@code billing=19,cpu=1,gres/gpu:a100=1,gres/gpu=1,mem=32G,node=1}; other entries (and
         * {@code gres/gpumem}, {@code gres/gpuutil}) are not GPUs and are ignored.
         */
        static Gpus parse(String tres) throws LineProblem {
            Gpus g = new Gpus();
            int n = tres.length();
            int i = 0;
            while (i < n) {
                int comma = tres.indexOf(',', i);
                if (comma < 0) {
                    comma = n;
                }
                if (tres.startsWith("gres/gpu", i)) {
                    int after = i + 8;
                    char c = after < comma ? tres.charAt(after) : '\0';
                    if (c == '=') {
                        if (g.untyped >= 0) {
                            throw new LineProblem("AllocTRES", "gres/gpu appears twice in '" + tres + "'");
                        }
                        g.untyped = count(tres, after + 1, comma);
                    } else if (c == ':') {
                        int eq = tres.indexOf('=', after);
                        if (eq < 0 || eq > comma || eq == after + 1) {
                            throw new LineProblem("AllocTRES", "'" + tres.substring(i, comma)
                                    + "' is not gres/gpu:TYPE=COUNT");
                        }
                        g.addType(tres, tres.substring(after + 1, eq), count(tres, eq + 1, comma));
                    } else if (c == '\0') {
                        throw new LineProblem("AllocTRES", "gres/gpu without a count in '" + tres + "'");
                    }
                }
                i = comma + 1;
            }
            return g;
        }

        private void addType(String tres, String type, int count) throws LineProblem {
            for (int k = 0; k < typeCount; k++) {
                if (types[k].equals(type)) {
                    throw new LineProblem("AllocTRES", "gres/gpu:" + type + " appears twice in '" + tres + "'");
                }
            }
            if (typeCount == types.length) {
                types = java.util.Arrays.copyOf(types, typeCount * 2);
                typeCounts = java.util.Arrays.copyOf(typeCounts, typeCount * 2);
            }
            types[typeCount] = type;
            typeCounts[typeCount++] = count;
        }

        private static int count(String tres, int from, int to) throws LineProblem {
            if (from >= to || to - from > 9) {
                throw new LineProblem("AllocTRES", "'" + tres + "' has a GPU count that is not a whole number");
            }
            int value = 0;
            for (int k = from; k < to; k++) {
                char c = tres.charAt(k);
                if (c < '0' || c > '9') {
                    throw new LineProblem("AllocTRES", "'" + tres + "' has a GPU count that is not a whole number: '"
                            + tres.substring(from, to) + "'");
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }
}
