package org.computegov.registry.usage;

import java.util.ArrayList;
import java.util.List;

/** Builds one sacct line in {@link SacctParser#FIELDS} order from a realistic GPU job, with fields replaced. */
final class SacctLine {
    private final String[] values = {"9001", "9001", "sol", "gpu", "normal", "lab-a", "lab", "20000", "erin",
            "102300", "2025-03-03T09:58:00", "2025-03-03T09:58:00", "2025-03-03T10:00:00", "2025-03-03T12:00:00",
            "02:00:00", "0:0", "COMPLETED", "1", "64", "64", "500G", "billing=64,cpu=64,gres/gpu=8,mem=500G,node=1",
            "billing=64,cpu=64,gres/gpu:h100=8,gres/gpu=8,mem=500G,node=1", "04:00:00", "sol-gpu001", "train"};

    static SacctLine job() {
        return new SacctLine();
    }

    SacctLine with(String field, String value) {
        int i = SacctParser.FIELDS.indexOf(field);
        if (i < 0) {
            throw new IllegalArgumentException("no sacct field " + field);
        }
        values[i] = value;
        return this;
    }

    SacctLine id(String jobId) {
        return with("jobid", jobId).with("jobidraw", jobId.replaceAll("[^0-9].*", ""));
    }

    SacctLine gpus(String allocTres) {
        return with("alloctres", allocTres);
    }

    /** The value of a field of {@link SacctParser#FIELDS} (any case). */
    String value(String field) {
        int i = SacctParser.FIELDS.indexOf(field.toLowerCase(java.util.Locale.ROOT));
        if (i < 0) {
            throw new IllegalArgumentException("no sacct field " + field);
        }
        return values[i];
    }

    @Override
    public String toString() {
        return String.join("|", values);
    }

    static String lines(SacctLine... lines) {
        List<String> out = new ArrayList<>();
        for (SacctLine l : lines) {
            out.add(l.toString());
        }
        return String.join("\n", out) + "\n";
    }
}
