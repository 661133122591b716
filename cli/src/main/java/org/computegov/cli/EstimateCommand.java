package org.computegov.cli;

import java.util.concurrent.Callable;
import org.computegov.api.EstimateView;
import org.computegov.knowledge.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgov estimate}: training compute from the architecture or from the hardware, with its assumptions. */
@Command(name = "estimate", mixinStandardHelpOptions = true, description = {"Estimate training compute (FLOP), stating the method and assumptions.",
        "  From the architecture: --params N --tokens D [--active-params A] [--recompute]",
        "  From the hardware:     --chip NAME (--count C --hours H | --gpu-hours G) [--precision P] [--utilization U]"})
final class EstimateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KnowledgeOptions knowledge;
    @Mixin JsonOption json;

    @Option(names = "--params", paramLabel = "N", description = "Total parameters, e.g. 175e9.") String params;
    @Option(names = "--tokens", paramLabel = "D", description = "Training tokens, e.g. 300e9.") String tokens;
    @Option(names = "--active-params", paramLabel = "A", description = "Parameters active per token (mixture of experts).") String activeParams;
    @Option(names = "--recompute", description = "Activation recomputation: 8·N·D instead of 6·N·D.") boolean recompute;

    @Option(names = "--chip", paramLabel = "NAME", description = "Accelerator name or alias, e.g. H100.") String chip;
    @Option(names = "--count", paramLabel = "C", description = "Number of chips (with --hours).") String count;
    @Option(names = "--hours", paramLabel = "H", description = "Wall-clock training hours (with --count).") String hours;
    @Option(names = "--gpu-hours", paramLabel = "G", description = "Accelerator-hours, instead of --count and --hours.") String gpuHours;
    @Option(names = "--precision", paramLabel = "P", description = "FP64, TF32, FP16 (BF16), FP8, INT8 or FP4 (default FP16).") String precision;
    @Option(names = "--utilization", paramLabel = "U", description = "Measured utilization as a fraction, e.g. 0.4.") String utilization;
    @Option(names = "--utilization-range", paramLabel = "LOW-HIGH", description = "Uncertain utilization, e.g. 0.2-0.5 (the default range when --utilization is absent).") String utilizationRange;
    @Option(names = "--model-kind", paramLabel = "KIND", description = "language (default utilization 30%%) or other (40%%).") String modelKind;

    @Override
    public Integer call() throws Exception {
        boolean architecture = params != null || tokens != null || activeParams != null || recompute;
        boolean hardware = chip != null || count != null || hours != null || gpuHours != null || precision != null
                || utilization != null || utilizationRange != null || modelKind != null;
        if (architecture == hardware) {
            throw new InvalidInputException("--params", architecture
                    ? "Give either the architecture (--params, --tokens) or the hardware (--chip …), not both."
                    : "Nothing to estimate from.",
                    "E.g. 'cgov estimate --params 175e9 --tokens 300e9' or 'cgov estimate --chip H100 --count 1024 --hours 720'.");
        }
        EstimateView e;
        if (architecture) {
            if (params == null || tokens == null) {
                throw new InvalidInputException(params == null ? "--params" : "--tokens",
                        "The architecture method needs both --params and --tokens.", "E.g. --params 175e9 --tokens 300e9.");
            }
            e = knowledge.api().estimateFromArchitecture(params, tokens, activeParams, recompute);
        } else {
            if (chip == null) {
                throw new InvalidInputException("--chip", "The hardware method needs --chip.", "E.g. --chip H100 --count 1024 --hours 720.");
            }
            e = knowledge.api().estimateFromHardware(chip, count, hours, gpuHours, precision, utilization, utilizationRange, modelKind);
        }
        var out = spec.commandLine().getOut();
        if (json.printed(out, e)) {
            return 0;
        }
        Table t = new Table("", "").withoutHeader();
        t.row("training compute", Format.sci(e.flop()) + " FLOP"
                + (e.flopLow() == null ? "" : " (range " + Format.sci(e.flopLow()) + " – " + Format.sci(e.flopHigh()) + ")"));
        t.row("petaflop/s-days", Format.num(e.petaflopSDays()));
        t.row("method", e.method().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        t.row("formula", e.formula());
        for (int i = 0; i < e.assumptions().size(); i++) {
            t.row(i == 0 ? "assumptions" : "", e.assumptions().get(i));
        }
        t.print(out);
        return 0;
    }
}
