package org.computegov.api;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.Inputs;
import org.computegov.knowledge.estimate.ArchitectureEstimator;
import org.computegov.knowledge.estimate.HardwareEstimator;
import org.computegov.knowledge.estimate.HardwareEstimator.Utilization;
import org.computegov.knowledge.estimate.ModelKind;
import org.computegov.knowledge.export.ExportClassification;
import org.computegov.knowledge.export.ExportClassifier;
import org.computegov.knowledge.export.ExportRules;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.hardware.Precision;
import org.computegov.knowledge.thresholds.Cluster;
import org.computegov.knowledge.thresholds.Regime;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.knowledge.thresholds.ThresholdEvaluator;
import org.computegov.knowledge.thresholds.ThresholdReport;
import org.computegov.knowledge.thresholds.TrainingRun;

/**
 * The knowledge core's queries as the CLI and the HTTP API both ask them: inputs arrive as text (option values,
 * query parameters), are checked here once, and answers come back as wire records. One place, so both interfaces
 * accept the same inputs and say the same thing about bad ones.
 */
public final class KnowledgeApi {
    private final Lazy<HardwareCatalog> catalog;
    private final Lazy<ExportClassifier> classifier;
    private final Lazy<RegimeCatalog> regimes;
    private final Clock clock;

    /** Each part is loaded when a query first needs it. */
    public KnowledgeApi(Lazy<HardwareCatalog> catalog, Lazy<ExportRules> rules, Lazy<RegimeCatalog> regimes, Clock clock) {
        this.catalog = catalog;
        this.classifier = Lazy.of(() -> new ExportClassifier(rules.get()));
        this.regimes = regimes;
        this.clock = clock;
    }

    public KnowledgeApi(HardwareCatalog catalog, ExportRules rules, RegimeCatalog regimes, Clock clock) {
        this(Lazy.loaded(catalog), Lazy.loaded(rules), Lazy.loaded(regimes), clock);
    }

    public static KnowledgeApi builtIn(Clock clock) {
        return new KnowledgeApi(Lazy.of(HardwareCatalog::builtIn), Lazy.of(ExportRules::builtIn),
                Lazy.of(RegimeCatalog::builtIn), clock);
    }

    public List<ChipView> chips() throws InvalidInputException {
        return catalog.get().all().stream().map(ChipView::of).toList();
    }

    public ChipView chip(String name) throws InvalidInputException {
        return ChipView.of(catalog.get().find(name));
    }

    public ExportClassification classify(String name, String asOf) throws InvalidInputException {
        Accelerator chip = catalog.get().find(name);
        return classifier.get().classify(chip, dateOrToday("--as-of", asOf));
    }

    public EstimateView estimateFromArchitecture(String params, String tokens, String activeParams, boolean recompute)
            throws InvalidInputException {
        return EstimateView.of(ArchitectureEstimator.estimate(Inputs.positive("--params", params), activeParams == null
                ? null : Inputs.positive("--active-params", activeParams), Inputs.positive("--tokens", tokens), recompute));
    }

    /**
     * @param hours wall-clock hours (with {@code count}), or null
     * @param gpuHours accelerator-hours, or null; exactly one of hours and gpuHours
     * @param utilizationRange "LOW-HIGH" for an uncertain utilization, or null
     */
    public EstimateView estimateFromHardware(String chipName, String count, String hours, String gpuHours,
            String precision, String utilization, String utilizationRange, String modelKind)
            throws InvalidInputException {
        Accelerator chip = catalog.get().find(chipName);
        Precision p = precision == null ? Precision.FP16 : Precision.parse(precision).orElseThrow(() ->
                new InvalidInputException("--precision", "Unknown precision '" + precision + "'.",
                        "Use one of FP64, TF32, FP16 (or BF16), FP8, INT8, FP4."));
        ModelKind kind = modelKind == null ? ModelKind.LANGUAGE : ModelKind.parse(modelKind).orElseThrow(() ->
                new InvalidInputException("--model-kind", "Unknown model kind '" + modelKind + "'.",
                        "Use 'language' (30% default utilization) or 'other' (40%)."));
        Utilization u = utilization(utilization, utilizationRange, kind);
        if ((hours == null) == (gpuHours == null)) {
            throw new InvalidInputException("--hours", "Give either --hours (with --count) or --gpu-hours, not "
                    + (hours == null ? "neither" : "both") + ".", "E.g. --count 1024 --hours 720, or --gpu-hours 737280.");
        }
        if (hours != null) {
            if (count == null) {
                throw new InvalidInputException("--count", "--hours needs --count, the number of chips.",
                        "E.g. --count 1024 --hours 720.");
            }
            return EstimateView.of(HardwareEstimator.fromWallClock(chip, Inputs.positive("--count", count),
                    Inputs.positive("--hours", hours), p, u));
        }
        if (count != null) {
            throw new InvalidInputException("--count", "--gpu-hours already counts every chip; drop --count.",
                    "E.g. --gpu-hours 737280.");
        }
        return EstimateView.of(HardwareEstimator.fromAcceleratorHours(chip, Inputs.positive("--gpu-hours", gpuHours), p, u));
    }

    private static Utilization utilization(String utilization, String range, ModelKind kind)
            throws InvalidInputException {
        if (utilization != null && range != null) {
            throw new InvalidInputException("--utilization", "Give --utilization or --utilization-range, not both.", "");
        }
        if (utilization != null) {
            return Utilization.measured(Inputs.number("--utilization", utilization));
        }
        if (range != null) {
            String[] parts = range.split("-");
            if (parts.length != 2) {
                throw new InvalidInputException("--utilization-range", "Range must be LOW-HIGH, got '" + range + "'.",
                        "E.g. 0.2-0.5.");
            }
            return Utilization.range(Inputs.number("--utilization-range", parts[0]),
                    Inputs.number("--utilization-range", parts[1]), kind);
        }
        return Utilization.defaultFor(kind);
    }

    public List<Regime> regimes() throws InvalidInputException {
        return regimes.get().all();
    }

    public ThresholdReport checkRun(String flop, String baseFlop, boolean bio, String costUsd, String revenueUsd,
            String date) throws InvalidInputException {
        return new ThresholdEvaluator(regimes.get()).evaluate(TrainingRun.of(Inputs.nonNegative("--flop", flop),
                baseFlop == null ? null : Inputs.positive("--base-flop", baseFlop), bio,
                costUsd == null ? null : Inputs.nonNegative("--cost-usd", costUsd),
                revenueUsd == null ? null : Inputs.nonNegative("--revenue-usd", revenueUsd), dateOrToday("--date", date)));
    }

    /** A cluster given by its peak op/s, or by chip and count (summing dense peak over the chips). */
    public ThresholdReport checkCluster(String opsPerSecond, String chipName, String count, String networkGbps,
            String date) throws InvalidInputException {
        Double network = networkGbps == null ? null : Inputs.positive("--network-gbps", networkGbps);
        Cluster cluster;
        if (opsPerSecond != null) {
            if (chipName != null) {
                throw new InvalidInputException("--ops-per-second", "Give --ops-per-second or --chip with --count, not both.", "");
            }
            double ops = Inputs.positive("--ops-per-second", opsPerSecond);
            cluster = Cluster.of("cluster of " + org.computegov.knowledge.estimate.Flop.format(ops) + " op/s", ops, network);
        } else if (chipName != null && count != null) {
            Accelerator chip = catalog.get().find(chipName);
            double n = Inputs.positive("--count", count);
            double peak = chip.maxPeakOpsPerSecond().orElseThrow(() -> new InvalidInputException("--chip",
                    chip.name() + " has no throughput figures.", ""));
            cluster = Cluster.of(String.format(Locale.ROOT, "%s × %s (%s op/s each, dense peak)",
                    org.computegov.knowledge.estimate.Flop.format(n), chip.name(), org.computegov.knowledge.estimate.Flop.format(peak)),
                    n * peak, network);
        } else {
            throw new InvalidInputException("--ops-per-second", "Say how big the cluster is.",
                    "Give --ops-per-second, or --chip NAME with --count N.");
        }
        return new ThresholdEvaluator(regimes.get()).evaluate(cluster, dateOrToday("--date", date));
    }

    private LocalDate dateOrToday(String field, String text) throws InvalidInputException {
        return text == null ? LocalDate.now(clock) : Inputs.date(field, text);
    }
}
