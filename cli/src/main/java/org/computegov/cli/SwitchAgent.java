package org.computegov.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the switch agent does to a cluster: brings it to the state the switch says, once per change. Halting sets the
 * partition DOWN first (so nothing new starts while running jobs are being suspended) and then suspends the running
 * jobs, remembering which; resuming resumes exactly those (not jobs an operator suspended for other reasons) and sets
 * the partition UP.
 */
final class SwitchAgent {
    /** The cluster's controls. */
    interface Cluster {
        List<String> runningJobs() throws IOException;

        void suspend(List<String> jobs) throws IOException;

        void resume(List<String> jobs) throws IOException;

        void partition(boolean up) throws IOException;
    }

    private final Cluster cluster;
    private final PrintWriter err;
    private final Path stateFile;
    private Boolean halted; // what this agent last applied; null before the first poll
    private final Set<String> suspended = new LinkedHashSet<>();

    /**
     * @param stateFile where what was applied and which jobs were suspended are kept between runs ({@code --once} from
     *     cron, or a restarted agent); null keeps them in memory only
     */
    SwitchAgent(Cluster cluster, PrintWriter err, Path stateFile) throws IOException {
        this.cluster = cluster;
        this.err = err;
        this.stateFile = stateFile;
        if (stateFile != null && Files.exists(stateFile)) {
            List<String> lines = Files.readAllLines(stateFile, StandardCharsets.UTF_8);
            if (!lines.isEmpty()) {
                halted = lines.get(0).strip().equals("halted");
                lines.subList(1, lines.size()).stream().map(String::strip).filter(l -> !l.isEmpty()).forEach(suspended::add);
            }
        }
    }

    private void save() throws IOException {
        if (stateFile != null) {
            List<String> lines = new ArrayList<>();
            lines.add(Boolean.TRUE.equals(halted) ? "halted" : "running");
            lines.addAll(suspended);
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Applies the switch's state; returns what was done ("" when nothing). A failed Slurm command is retried next poll. */
    String reconcile(boolean halt) {
        if (halted != null && halted == halt) {
            return "";
        }
        try {
            if (halt) {
                cluster.partition(false);
                List<String> jobs = cluster.runningJobs();
                if (!jobs.isEmpty()) {
                    cluster.suspend(jobs);
                }
                suspended.addAll(jobs);
                halted = true;
                save();
                return "HALTED: partition down, " + jobs.size() + " running job(s) suspended" + (jobs.isEmpty() ? "" : " " + jobs);
            }
            List<String> jobs = new ArrayList<>(suspended);
            if (!jobs.isEmpty()) {
                cluster.resume(jobs);
            }
            suspended.clear();
            cluster.partition(true);
            halted = false;
            save();
            return "RUNNING: " + jobs.size() + " job(s) resumed" + (jobs.isEmpty() ? "" : " " + jobs) + ", partition up";
        } catch (IOException e) {
            err.println("switch agent: " + e.getMessage() + " (will retry)");
            err.flush();
            return "";
        }
    }

    /** Slurm through its commands: squeue, scontrol. */
    static final class Slurm implements Cluster {
        private final String partition;
        private final Path conf;

        /** @param conf the cluster's slurm.conf for the commands (SLURM_CONF), or null for Slurm's default */
        Slurm(String partition, Path conf) {
            this.partition = partition;
            this.conf = conf;
        }

        @Override
        public List<String> runningJobs() throws IOException {
            List<String> out = new ArrayList<>();
            for (String l : run("squeue", "-h", "-t", "RUNNING", "-p", partition, "-o", "%A").split("\n")) {
                if (!l.isBlank()) {
                    out.add(l.strip());
                }
            }
            return out;
        }

        @Override
        public void suspend(List<String> jobs) throws IOException {
            run("scontrol", "suspend", String.join(",", jobs));
        }

        @Override
        public void resume(List<String> jobs) throws IOException {
            run("scontrol", "resume", String.join(",", jobs));
        }

        @Override
        public void partition(boolean up) throws IOException {
            run("scontrol", "update", "PartitionName=" + partition, "State=" + (up ? "UP" : "DOWN"));
        }

        private String run(String... command) throws IOException {
            ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
            if (conf != null) {
                b.environment().put("SLURM_CONF", conf.toString());
            }
            Process p = b.start();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish in 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + text.strip());
            }
            return text;
        }
    }
}
