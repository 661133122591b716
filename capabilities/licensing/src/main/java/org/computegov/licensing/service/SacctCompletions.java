package org.computegov.licensing.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finished jobs as {@code sacct --parsable2} prints them (with its header line), reduced to what settlement needs:
 * the job id, the admission reference the job_submit plugin put in its WCKey ({@code cgov-<ref>}), its elapsed
 * allocation time and state. Works with both accounting storage and {@code sacct -c} (job completion records).
 */
public final class SacctCompletions {
    public static final String WCKEY_PREFIX = "cgov-";

    public record Completion(String jobId, String ref, long elapsedSeconds, String state) {}

    private SacctCompletions() {}

    public static List<Completion> parse(String text) throws AdmissionJson.BadRequest {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new AdmissionJson.BadRequest("sacct output is empty; run sacct with --parsable2 and a header line");
        }
        Map<String, Integer> col = new HashMap<>();
        String[] header = lines[0].split("\\|", -1);
        for (int i = 0; i < header.length; i++) {
            col.put(header[i].trim().toLowerCase(java.util.Locale.ROOT), i);
        }
        for (String need : List.of("jobid", "elapsed", "state", "wckey")) {
            if (!col.containsKey(need)) {
                throw new AdmissionJson.BadRequest("sacct output lacks the " + need + " column; use --format="
                        + "jobid,wckey,elapsed,state (with --parsable2, header kept)");
            }
        }
        List<Completion> out = new ArrayList<>();
        for (int n = 1; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            String[] f = lines[n].split("\\|", -1);
            if (f.length < header.length) {
                throw new AdmissionJson.BadRequest("sacct line " + (n + 1) + " has " + f.length + " fields, the header " + header.length);
            }
            String jobId = f[col.get("jobid")];
            String wckey = f[col.get("wckey")].replaceFirst("^\\*", ""); // sacct marks default wckeys with '*'
            if (jobId.contains(".") || !wckey.startsWith(WCKEY_PREFIX)) {
                continue; // steps repeat their job's allocation; jobs without a reference were not admitted by us
            }
            out.add(new Completion(jobId, wckey.substring(WCKEY_PREFIX.length()), elapsed(f[col.get("elapsed")], n + 1),
                    f[col.get("state")].split(" ")[0]));
        }
        return out;
    }

    /** {@code [D-]HH:MM:SS}, {@code MM:SS} or {@code MM:SS.mmm}, as sacct prints elapsed times. */
    static long elapsed(String s, int line) throws AdmissionJson.BadRequest {
        try {
            long days = 0;
            int dash = s.indexOf('-');
            if (dash >= 0) {
                days = Long.parseLong(s.substring(0, dash));
                s = s.substring(dash + 1);
            }
            String[] p = s.split(":");
            long secs = 0;
            for (String part : p) {
                secs = secs * 60 + (long) Math.ceil(Double.parseDouble(part));
            }
            if (p.length < 2 || p.length > 3) {
                throw new NumberFormatException();
            }
            return days * 86_400 + secs;
        } catch (NumberFormatException e) {
            throw new AdmissionJson.BadRequest("sacct line " + line + ": elapsed time '" + s + "' is not [D-]HH:MM:SS");
        }
    }
}
