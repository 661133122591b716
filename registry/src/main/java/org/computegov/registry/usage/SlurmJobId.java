package org.computegov.registry.usage;

import java.util.Arrays;

/**
 * A Slurm job id as sacct prints it for a job allocation (not a step): {@code 1234}, an array task {@code 1234_7},
 * array tasks folded into one line {@code 1234_[1-3,7]} (optionally with a throttle, {@code 1234_[1-9%2]}, and in
 * the sbatch step form {@code 1-7:2}), or a heterogeneous job component {@code 1234+1}.
 *
 * @param base the job id before {@code _} or {@code +}
 * @param tasks the array task indexes in ascending order, or null when the job is not an array task
 * @param hetOffset the heterogeneous component offset, or null
 */
record SlurmJobId(String base, int[] tasks, String hetOffset) {
    /** Slurm's MaxArraySize is at most 4,000,001, so a task index is at most 4,000,000. */
    static final int MAX_ARRAY_INDEX = 4_000_000;
    private static final long MAX_JOB_ID = 0xFFFF_FFFFL;

    /** The source job id of one record: {@code base}, {@code base_task} or {@code base+offset}. */
    String forTask(int taskIndex) {
        if (tasks != null) {
            return base + "_" + tasks[taskIndex];
        }
        return hetOffset != null ? base + "+" + hetOffset : base;
    }

    int taskCount() {
        return tasks == null ? 1 : tasks.length;
    }

    /**
     * Parses a job-level id.
     *
     * @param maxTasks the most array tasks one line may stand for; more is reported rather than expanded
     */
    static SlurmJobId parse(String text, int maxTasks) throws LineProblem {
        int i = 0;
        int n = text.length();
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new LineProblem("JobID", "'" + text + "' is not a Slurm job id (digits, then _TASK, _[TASKS] or +OFFSET)");
        }
        String base = text.substring(0, i);
        requireJobNumber(text, base);
        if (i == n) {
            return new SlurmJobId(base, null, null);
        }
        char sep = text.charAt(i);
        String rest = text.substring(i + 1);
        if (sep == '+') {
            if (rest.isEmpty() || !allDigits(rest) || rest.length() > 5) {
                throw new LineProblem("JobID", "'" + text + "': a heterogeneous job component is JOB+OFFSET, e.g. 1234+1");
            }
            return new SlurmJobId(base, null, rest);
        }
        if (sep != '_') {
            throw new LineProblem("JobID", "'" + text + "' is not a Slurm job id (digits, then _TASK, _[TASKS] or +OFFSET)");
        }
        if (!rest.isEmpty() && allDigits(rest)) {
            return new SlurmJobId(base, new int[] {index(text, rest)}, null);
        }
        if (rest.length() < 3 || rest.charAt(0) != '[' || rest.charAt(rest.length() - 1) != ']') {
            String hint = rest.startsWith("[") && !rest.endsWith("]")
                    ? " (cut short? run sacct with SLURM_BITSTR_LEN=0 so that long task lists are printed whole)"
                    : "";
            throw new LineProblem("JobID", "'" + text + "': array tasks are JOB_TASK or JOB_[LIST], e.g. 1234_[1-3,7]"
                    + hint);
        }
        return new SlurmJobId(base, expand(text, rest.substring(1, rest.length() - 1), maxTasks), null);
    }

    /**
     * Expands an array task list such as {@code 9-11,13}, {@code 1-3%2} or {@code 0-10:5}: ascending, each index
     * once, at most {@code maxTasks}.
     */
    static int[] expand(String jobId, String list, int maxTasks) throws LineProblem {
        int percent = list.indexOf('%');
        if (percent >= 0) {
            String throttle = list.substring(percent + 1);
            if (throttle.isEmpty() || !allDigits(throttle)) {
                throw new LineProblem("JobID", "'" + jobId + "': the throttle after % must be a number");
            }
            list = list.substring(0, percent);
        }
        if (list.isEmpty()) {
            throw new LineProblem("JobID", "'" + jobId + "': the task list is empty");
        }
        int[] out = new int[Math.min(16, maxTasks)];
        int count = 0;
        int last = -1;
        for (String item : list.split(",", -1)) {
            int dash = item.indexOf('-');
            int first;
            int end;
            int step = 1;
            if (dash < 0) {
                first = index(jobId, item);
                end = first;
            } else {
                first = index(jobId, item.substring(0, dash));
                String upper = item.substring(dash + 1);
                int colon = upper.indexOf(':');
                if (colon >= 0) {
                    step = index(jobId, upper.substring(colon + 1));
                    upper = upper.substring(0, colon);
                    if (step == 0) {
                        throw new LineProblem("JobID", "'" + jobId + "': a range step must be at least 1");
                    }
                }
                end = index(jobId, upper);
                if (end < first) {
                    throw new LineProblem("JobID", "'" + jobId + "': range " + item + " runs backwards");
                }
            }
            if (first <= last) {
                throw new LineProblem("JobID", "'" + jobId + "': task " + first
                        + " is out of order or repeated (sacct lists tasks once, ascending)");
            }
            for (long t = first; t <= end; t += step) {
                if (count == maxTasks) {
                    throw new LineProblem("JobID", "'" + jobId + "' stands for more than " + maxTasks
                            + " array tasks; ask sacct with --array for one line per task");
                }
                if (count == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, maxTasks));
                }
                out[count++] = (int) t;
                last = (int) t;
            }
        }
        return Arrays.copyOf(out, count);
    }

    private static int index(String jobId, String digits) throws LineProblem {
        if (digits.isEmpty() || !allDigits(digits) || digits.length() > 7) {
            throw new LineProblem("JobID", "'" + jobId + "': '" + digits + "' is not an array task index");
        }
        int value = Integer.parseInt(digits);
        if (value > MAX_ARRAY_INDEX) {
            throw new LineProblem("JobID", "'" + jobId + "': task index " + value + " is above Slurm's maximum "
                    + MAX_ARRAY_INDEX);
        }
        return value;
    }

    private static void requireJobNumber(String text, String base) throws LineProblem {
        if (base.length() > 10 || Long.parseLong(base) > MAX_JOB_ID || Long.parseLong(base) == 0) {
            throw new LineProblem("JobID", "'" + text + "': job number " + base + " is outside 1–" + MAX_JOB_ID);
        }
    }

    static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlurmJobId other && base.equals(other.base) && Arrays.equals(tasks, other.tasks)
                && java.util.Objects.equals(hetOffset, other.hetOffset);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * base.hashCode() + Arrays.hashCode(tasks)) + java.util.Objects.hashCode(hetOffset);
    }

    @Override
    public String toString() {
        return "SlurmJobId[" + base + (tasks == null ? "" : "_" + Arrays.toString(tasks))
                + (hetOffset == null ? "" : "+" + hetOffset) + "]";
    }
}
