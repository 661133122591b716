package org.computegov.registry.usage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.estimate.ComputeEstimate;
import org.computegov.knowledge.estimate.HardwareEstimator;
import org.computegov.knowledge.estimate.HardwareEstimator.Utilization;
import org.computegov.knowledge.estimate.ModelKind;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.hardware.Precision;

/**
 * Compute from usage: chip-hours × the chip's dense peak at a precision × utilization, by the knowledge core's
 * {@link HardwareEstimator#fromAcceleratorHours} (the formula and its assumptions are the estimator's; this class
 * adds only that scheduler allocation time is what was counted). A record's figure is its chip-hours × the
 * estimator's figure for one chip-hour of its chip, asked once per chip: the estimator is linear in chip-hours, and
 * asking it per record (it formats its formula) would cost more than parsing the record. By default FP16/BF16, the precision frontier
 * training runs in, and utilization not measured: Epoch AI's 30% for language models as the central figure, with
 * the range 20–50% ({@link Utilization#defaultFor}). Safe to share between threads.
 */
public final class UsageCompute {
    public static final Precision DEFAULT_PRECISION = Precision.FP16;
    public static final ModelKind DEFAULT_MODEL_KIND = ModelKind.LANGUAGE;
    /** The assumption usage adds to the estimator's: what a scheduler's chip-hours are. */
    public static final String ALLOCATION_ASSUMPTION = "chip-hours are the scheduler's allocation (chips held from"
            + " start to end), whether or not the chips were busy";

    private final ChipResolver chips;
    private final Precision precision;
    private final Utilization utilization;
    private final Map<String, Object> byChip = new ConcurrentHashMap<>();

    /** FP16/BF16 and the default utilization for language models (30%, range 20–50%). */
    public UsageCompute(HardwareCatalog catalog) {
        this(catalog, DEFAULT_PRECISION, Utilization.defaultFor(DEFAULT_MODEL_KIND));
    }

    public UsageCompute(HardwareCatalog catalog, Precision precision, Utilization utilization) {
        try {
            this.chips = new ChipResolver(catalog, Map.of(), "chip");
        } catch (InvalidInputException e) {
            throw new IllegalStateException("no own names, nothing to resolve", e);
        }
        this.precision = Objects.requireNonNull(precision, "precision");
        this.utilization = Objects.requireNonNull(utilization, "utilization");
    }

    public Precision precision() {
        return precision;
    }

    public Utilization utilization() {
        return utilization;
    }

    /**
     * The compute one record stands for: its chip-hours × the estimator's FLOP per chip-hour for its chip (asked
     * once per chip and remembered; the estimator is linear in chip-hours).
     *
     * @throws InvalidInputException when the chip is not in the catalog or has no dense figure at the precision
     */
    public AttributedUsage attribute(UsageRecord record) throws InvalidInputException {
        ComputeEstimate unit = perChipHour(record.chip());
        double hours = record.chipHours();
        return new AttributedUsage(record, unit.flop() * hours, unit.flopLow() == null ? null : unit.flopLow() * hours,
                unit.flopHigh() == null ? null : unit.flopHigh() * hours, unit);
    }

    /** The estimator's estimate for one chip-hour of {@code chip} at this precision and utilization. */
    public ComputeEstimate perChipHour(String chip) throws InvalidInputException {
        Object known = byChip.get(chip);
        if (known == null) {
            try {
                known = withAllocationAssumption(HardwareEstimator.fromAcceleratorHours(chips.resolve(chip), 1.0,
                        precision, utilization));
            } catch (InvalidInputException e) {
                known = e;
            }
            byChip.putIfAbsent(chip, known);
        }
        if (known instanceof InvalidInputException e) {
            throw e;
        }
        return (ComputeEstimate) known;
    }

    public List<AttributedUsage> attributeAll(List<UsageRecord> records) throws InvalidInputException {
        List<AttributedUsage> out = new ArrayList<>(records.size());
        for (UsageRecord r : records) {
            out.add(attribute(r));
        }
        return out;
    }

    /** The compute of many records: chip-hours summed per chip, one estimate per chip, the estimates summed. */
    public UsageTotal total(Collection<UsageRecord> records) throws InvalidInputException {
        Map<String, Double> hoursByChip = new LinkedHashMap<>();
        double chipHours = 0;
        for (UsageRecord r : records) {
            double h = r.chipHours();
            hoursByChip.merge(chips.resolve(r.chip()).name(), h, Double::sum);
            chipHours += h;
        }
        Map<String, ComputeEstimate> byChip = new LinkedHashMap<>();
        Set<String> assumptions = new LinkedHashSet<>();
        double flop = 0;
        double low = 0;
        double high = 0;
        boolean ranged = utilization.low() != null;
        List<Map.Entry<String, Double>> ordered = new ArrayList<>(hoursByChip.entrySet());
        ordered.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        for (Map.Entry<String, Double> e : ordered) {
            ComputeEstimate estimate = withAllocationAssumption(HardwareEstimator.fromAcceleratorHours(
                    chips.resolve(e.getKey()), e.getValue(), precision, utilization));
            byChip.put(e.getKey(), estimate);
            assumptions.addAll(estimate.assumptions());
            flop += estimate.flop();
            if (ranged) {
                low += estimate.flopLow();
                high += estimate.flopHigh();
            }
        }
        if (byChip.isEmpty()) {
            assumptions.add(utilization.basis());
        }
        return new UsageTotal(records.size(), chipHours, flop, ranged ? low : null, ranged ? high : null, byChip,
                new ArrayList<>(assumptions));
    }

    private static ComputeEstimate withAllocationAssumption(ComputeEstimate e) {
        List<String> assumptions = new ArrayList<>(e.assumptions());
        assumptions.add(ALLOCATION_ASSUMPTION);
        return new ComputeEstimate(e.method(), e.flop(), e.flopLow(), e.flopHigh(), e.formula(), assumptions);
    }
}
