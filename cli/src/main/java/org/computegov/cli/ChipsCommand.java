package org.computegov.cli;

import java.util.concurrent.Callable;
import org.computegov.api.ChipView;
import org.computegov.knowledge.export.ClauseCheck;
import org.computegov.knowledge.export.ExportClassification;
import org.computegov.knowledge.export.RuleSetResult;
import org.computegov.knowledge.export.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgov chips}: the hardware catalog and export-control classification (subcommands registered by {@link Cgov}). */
@Command(name = "chips", mixinStandardHelpOptions = true, description = "The AI accelerator catalog and ECCN 3A090 classification.")
final class ChipsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the catalog's accelerators with their dense peaks, TPP and density.")
    static final class ListChips implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KnowledgeOptions knowledge;
        @Mixin JsonOption json;
        @Mixin ListOptions list;
        @Option(names = "--vendor", paramLabel = "VENDOR", description = "Only this vendor's chips, e.g. NVIDIA (any case).") String vendor;
        @Option(names = "--data-centre", paramLabel = "yes|no", description = "Only chips designed for data centres (yes) or not (no).") String dataCentre;

        @Override
        public Integer call() throws Exception {
            Boolean dc = dataCentre == null ? null : switch (dataCentre.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "yes", "true" -> Boolean.TRUE;
                case "no", "false" -> Boolean.FALSE;
                default -> throw new org.computegov.knowledge.InvalidInputException("--data-centre",
                        "--data-centre takes yes or no, got '" + Inputs.abbreviate(dataCentre) + "'.", "E.g. --data-centre yes.");
            };
            var chips = list.apply(knowledge.api().chips().stream()
                    .filter(c -> ListOptions.matches(vendor, c.vendor()))
                    .filter(c -> dc == null || c.dataCentre() == dc).toList());
            var out = spec.commandLine().getOut();
            if (json.printed(out, java.util.Map.of("chips", chips))) {
                return 0;
            }
            Table t = new Table("name", "vendor", "year", "FP16 TF", "FP8 TF", "INT8 TOPS", "mem GB", "TPP", "PD", "DC")
                    .alignRight(2, 3, 4, 5, 6, 7, 8);
            for (ChipView c : chips) {
                t.row(c.name(), c.vendor(), c.year(), Format.num(c.denseTeraOps().get("FP16")),
                        Format.num(c.denseTeraOps().get("FP8")), Format.num(c.denseTeraOps().get("INT8")),
                        Format.num(c.memoryGb()), Format.num(c.tpp()), Format.num(c.performanceDensity()),
                        c.dataCentre() ? "yes" : "no");
            }
            t.print(out);
            out.println(Format.count(chips.size()) + " accelerators; dense figures, TPP = highest of TOPS × bit length; "
                    + "PD = TPP / die area; DC = designed/marketed for data centres.");
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one accelerator's figures and sources.")
    static final class ShowChip implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KnowledgeOptions knowledge;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "NAME", description = "Name or alias, e.g. H100, \"TPU v5p\", MI300X.")
        String name;

        @Override
        public Integer call() throws Exception {
            ChipView c = knowledge.api().chip(name);
            var out = spec.commandLine().getOut();
            if (json.printed(out, c)) {
                return 0;
            }
            Table t = new Table("field", "value");
            t.row("name", c.name()).row("aliases", String.join(", ", c.aliases())).row("vendor", c.vendor())
                    .row("year", c.year()).row("form factor", c.formFactor())
                    .row("data centre", c.dataCentre() ? "yes (designed/marketed for data centres)" : "no");
            c.denseTeraOps().forEach((p, v) -> t.row("dense " + p, Format.num(v) + (p.equals("INT8") ? " TOPS" : " TFLOP/s")));
            t.row("TPP", c.tpp() == null ? null : Format.num(c.tpp()) + " (" + c.tppPrecision() + ")")
                    .row("performance density", Format.num(c.performanceDensity()))
                    .row("memory", c.memoryGb() == null ? null : Format.num(c.memoryGb()) + " GB")
                    .row("memory bandwidth", c.memoryBandwidthTBps() == null ? null : c.memoryBandwidthTBps() + " TB/s")
                    .row("die area (applicable)", c.dieAreaMm2() == null ? null : Format.num(c.dieAreaMm2()) + " mm²")
                    .row("TDP", c.tdpWatts() == null ? null : Format.num(c.tdpWatts()) + " W")
                    .row("interconnect", c.interconnectGBps() == null ? null : Format.num(c.interconnectGBps()) + " GB/s bidirectional")
                    .row("notes", c.notes()).row("uncertain", c.uncertainFields()).row("sources", c.sources());
            t.print(out);
            return 0;
        }
    }

    @Command(name = "classify", mixinStandardHelpOptions = true, description = "Classify an accelerator under ECCN 3A090, with the clause and numbers that decide.")
    static final class ClassifyChip implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KnowledgeOptions knowledge;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "NAME", description = "Name or alias, e.g. H20.")
        String name;
        @Option(names = "--as-of", paramLabel = "DATE", description = "Apply the rules in force on this date (YYYY-MM-DD; default today).")
        String asOf;

        @Override
        public Integer call() throws Exception {
            ExportClassification c = knowledge.api().classify(name, asOf);
            var out = spec.commandLine().getOut();
            if (json.printed(out, c)) {
                return 0;
            }
            out.println(c.chip() + " as of " + c.asOf() + ": " + c.classification());
            out.println("  " + c.explanation());
            var f = c.figures();
            out.println("  TPP " + Format.num(f.tpp()) + (f.tppPrecision() == null ? "" : " (" + f.tppPrecision().label() + ")")
                    + ", PD " + (f.performanceDensity() == null ? "unknown (die area unknown)" : Format.num(f.performanceDensity()))
                    + ", I/O " + (f.ioBandwidthGBps() == null ? "unknown" : Format.num(f.ioBandwidthGBps()) + " GB/s")
                    + ", " + (f.dataCentre() ? "data-centre chip" : "not a data-centre chip"));
            for (RuleSetResult r : c.ruleSets()) {
                out.println();
                out.println((r.inForce() ? "In force: " : "For comparison: ") + r.title() + " [" + r.effectiveFrom() + " – "
                        + (r.effectiveUntil() == null ? "" : r.effectiveUntil()) + "] → " + r.classification());
                Table t = new Table("clause", "condition", "holds", "because");
                for (ClauseCheck check : r.checks()) {
                    t.row(check.clause(), check.condition(), check.holds().name().toLowerCase(java.util.Locale.ROOT), check.because());
                }
                t.print(out);
                for (Scenario s : r.scenarios()) {
                    out.println("  " + s.classification() + " if " + s.condition());
                }
                for (String remark : r.remarks()) {
                    out.println("  note: " + remark);
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "transfer-check", mixinStandardHelpOptions = true,
            description = "Check a transfer of chips against export controls: the chip's ECCN 3A090 classification on the day "
                    + "and the destination's policy. Exit 0 allowed or flagged, 1 blocked.")
    static final class TransferCheck implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KnowledgeOptions knowledge;
        @Mixin JsonOption json;
        @Parameters(paramLabel = "NAME", description = "Chip name or alias, e.g. H100.") String name;
        @Option(names = "--count", paramLabel = "N", description = "How many chips (default 1).") String count;
        @Option(names = "--to-country", required = true, paramLabel = "CC", description = "Destination, ISO 3166-1 alpha-2, e.g. AE.") String country;
        @Option(names = "--date", paramLabel = "DATE", description = "Day of the transfer (default today).") String date;
        @Option(names = "--policy", paramLabel = "FILE", description = "Your destination policy CSV (the columns of destination_policy.csv) instead of the built-in one.") java.nio.file.Path policy;

        @Override
        public Integer call() throws Exception {
            var d = knowledge.shaping().checkTransfer(name, count, country, date, policy);
            var out = spec.commandLine().getOut();
            if (!json.printed(out, d)) {
                out.println(d.action().name().toLowerCase(java.util.Locale.ROOT) + ": " + d.count() + " × " + d.chip()
                        + " to " + d.destination() + " on " + d.date());
                out.println("  " + d.reason());
                if (d.source() != null) {
                    out.println("  source: " + d.source());
                }
                out.flush();
            }
            return d.action() == org.computegov.shaping.supplychain.TransferAction.BLOCK ? 1 : 0;
        }
    }
}
