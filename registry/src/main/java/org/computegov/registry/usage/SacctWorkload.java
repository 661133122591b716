package org.computegov.registry.usage;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic Slurm accounting for benchmarks: sacct's header line, then lines in Open XDMoD's field order, with the
 * mix of a GPU cluster's export (the header lets job names hold {@code |}). Cluster {@code sol}; untyped GPUs need a default chip for it
 * ({@code SacctOptions.withDefaultChip("sol", ...)}).
 */
public final class SacctWorkload {
    private static final DateTimeFormatter SLURM = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final int[] GPU_COUNTS = {1, 2, 4, 8, 8, 8, 16, 32, 64};

    private SacctWorkload() {}

    /** What the generated lines should give, so that a run can check it measured the real path. */
    public record Workload(String text, int lines, int expectedRecords) {}

    /**
     * Lines like a GPU cluster's {@code sacct --allocations} export: 70% jobs with typed GPUs, 10% untyped GPUs, 5%
     * folded arrays of 4 tasks, 8% CPU-only, 3% still running, 4% cancelled by a user; some job names contain '|'.
     */
    public static Workload generate(int lines, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(lines * 260);
        LocalDateTime day = LocalDateTime.of(2025, 3, 3, 0, 0);
        int expected = 0;
        sb.append(String.join("|", SacctParser.HEADER)).append('\n');
        for (int i = 0; i < lines; i++) {
            int jobId = 5_000_000 + i;
            int kind = random.nextInt(100);
            int gpus = GPU_COUNTS[random.nextInt(GPU_COUNTS.length)];
            LocalDateTime submit = day.plusSeconds(random.nextInt(86_400));
            LocalDateTime start = submit.plusSeconds(random.nextInt(3_600));
            long seconds = 60 + random.nextInt(48 * 3_600);
            LocalDateTime end = start.plusSeconds(seconds);
            String id = String.valueOf(jobId);
            String state = "COMPLETED";
            String endText = SLURM.format(end);
            String tres;
            int nodes = Math.max(1, gpus / 8);
            int cpus = 8 * gpus;
            if (kind < 70) {
                tres = "billing=" + cpus + ",cpu=" + cpus + ",gres/gpu:h100=" + gpus + ",gres/gpu=" + gpus + ",mem="
                        + (gpus * 60) + "G,node=" + nodes;
                expected++;
            } else if (kind < 80) {
                tres = "billing=" + cpus + ",cpu=" + cpus + ",gres/gpu=" + gpus + ",mem=" + (gpus * 60) + "G,node="
                        + nodes;
                expected++;
            } else if (kind < 85) {
                id = jobId + "_[1-3,5]";
                tres = "billing=16,cpu=16,gres/gpu:h100=1,gres/gpu=1,mem=120G,node=1";
                expected += 4;
            } else if (kind < 93) {
                tres = "billing=" + cpus + ",cpu=" + cpus + ",mem=" + (cpus * 2) + "G,node=1";
            } else if (kind < 96) {
                state = "RUNNING";
                endText = "Unknown";
                tres = "billing=" + cpus + ",cpu=" + cpus + ",gres/gpu:h100=" + gpus + ",gres/gpu=" + gpus
                        + ",mem=500G,node=" + nodes;
            } else {
                state = "CANCELLED by " + (102_000 + random.nextInt(500));
                tres = "billing=" + cpus + ",cpu=" + cpus + ",gres/gpu:h100=" + gpus + ",gres/gpu=" + gpus
                        + ",mem=500G,node=" + nodes;
                expected++;
            }
            String account = "lab-" + (char) ('a' + random.nextInt(20));
            String user = "user" + random.nextInt(2_000);
            String name = random.nextInt(50) == 0 ? "eval|mmlu|" + random.nextInt(10) : "train-" + random.nextInt(1_000);
            sb.append(id).append('|').append(jobId).append("|sol|gpu|normal|").append(account).append('|')
                    .append(account).append("|20000|").append(user).append("|1").append(random.nextInt(100_000))
                    .append('|').append(SLURM.format(submit)).append('|').append(SLURM.format(submit)).append('|')
                    .append(SLURM.format(start)).append('|').append(endText).append('|').append(elapsed(seconds))
                    .append("|0:0|").append(state).append('|').append(nodes).append('|').append(cpus).append('|')
                    .append(cpus).append('|').append(gpus * 60).append("G|billing=").append(cpus).append(",cpu=")
                    .append(cpus).append(",gres/gpu=").append(gpus).append(",mem=").append(gpus * 60).append("G,node=")
                    .append(nodes).append('|').append(tres).append("|2-00:00:00|sol-gpu[001-")
                    .append(String.format(Locale.ROOT, "%03d", nodes)).append("]|").append(name).append('\n');
        }
        return new Workload(sb.toString(), lines, expected);
    }

    private static String elapsed(long seconds) {
        long d = seconds / 86_400;
        long h = (seconds % 86_400) / 3_600;
        long m = (seconds % 3_600) / 60;
        long s = seconds % 60;
        return (d > 0 ? d + "-" : "") + String.format(Locale.ROOT, "%02d:%02d:%02d", h, m, s);
    }

}
