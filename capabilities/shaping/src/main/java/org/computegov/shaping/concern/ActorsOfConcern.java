package org.computegov.shaping.concern;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.Inputs;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.thresholds.Cluster;
import org.computegov.knowledge.thresholds.Metric;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.knowledge.thresholds.RegimeFinding;
import org.computegov.knowledge.thresholds.ThresholdEvaluator;
import org.computegov.knowledge.thresholds.TrainingRun;
import org.computegov.knowledge.thresholds.Verdict;

/**
 * "Only those with ~10,000 A100s matter", made precise and kept current: from holdings, the compute each actor could
 * apply to one run within a window at a utilization, which regimes that would cross, and which of its sites are
 * clusters that meet cluster thresholds.
 */
@org.computegov.registry.kernel.Published
public final class ActorsOfConcern {
    private final HardwareCatalog catalog;
    private final ThresholdEvaluator evaluator;

    public ActorsOfConcern(HardwareCatalog catalog, RegimeCatalog regimes) {
        this.catalog = catalog;
        this.evaluator = new ThresholdEvaluator(regimes);
    }

    /** Holdings summed per owner, site or country, largest training peak first. */
    public List<Aggregate> aggregate(List<Holding> holdings, Function<Holding, String> key) throws InvalidInputException {
        Map<String, List<Holding>> groups = new TreeMap<>();
        for (Holding h : holdings) {
            groups.computeIfAbsent(key.apply(h), k -> new ArrayList<>()).add(h);
        }
        List<Aggregate> out = new ArrayList<>();
        for (Map.Entry<String, List<Holding>> g : groups.entrySet()) {
            out.add(sum(g.getKey(), g.getValue()));
        }
        out.sort(Comparator.comparingDouble(Aggregate::peakTrainingFlops).reversed().thenComparing(Aggregate::key));
        return out;
    }

    /** Every owner's assessment, most capable first; only owners that could cross something when {@code onlyConcern}. */
    public List<ActorAssessment> assess(List<Holding> holdings, double days, double utilization, LocalDate date,
            boolean onlyConcern) throws InvalidInputException {
        Inputs.requirePositive("--within", days);
        Inputs.requireFraction("--utilization", utilization);
        Map<String, List<Holding>> byOwner = new TreeMap<>();
        for (Holding h : holdings) {
            byOwner.computeIfAbsent(h.owner(), k -> new ArrayList<>()).add(h);
        }
        List<ActorAssessment> out = new ArrayList<>();
        for (Map.Entry<String, List<Holding>> e : byOwner.entrySet()) {
            ActorAssessment a = assessOwner(e.getKey(), e.getValue(), days, utilization, date);
            if (!onlyConcern || !a.crossable().isEmpty() || !a.clusters().isEmpty()) {
                out.add(a);
            }
        }
        out.sort(Comparator.comparingDouble(ActorAssessment::achievableFlop).reversed()
                .thenComparing(ActorAssessment::owner));
        return out;
    }

    private ActorAssessment assessOwner(String owner, List<Holding> holdings, double days, double utilization,
            LocalDate date) throws InvalidInputException {
        Aggregate all = sum(owner, holdings);
        double achievable = Capacity.flopWithin(all.peakTrainingFlops(), days, utilization);
        Map<String, List<Holding>> bySite = new LinkedHashMap<>();
        for (Holding h : holdings) {
            bySite.computeIfAbsent(h.site(), k -> new ArrayList<>()).add(h);
        }
        String largestSite = null;
        double largestFlop = 0;
        List<ActorAssessment.SiteCluster> clusters = new ArrayList<>();
        for (Map.Entry<String, List<Holding>> s : bySite.entrySet()) {
            Aggregate site = sum(s.getKey(), s.getValue());
            double flop = Capacity.flopWithin(site.peakTrainingFlops(), days, utilization);
            if (largestSite == null || flop > largestFlop) {
                largestSite = s.getKey();
                largestFlop = flop;
            }
            Double network = s.getValue().stream().map(Holding::networkGbps).filter(n -> n != null)
                    .max(Double::compare).orElse(null);
            if (site.peakMaxOps() > 0) {
                List<RegimeFinding> crossed = evaluator.evaluate(Cluster.of(owner + " at " + s.getKey(),
                        site.peakMaxOps(), network), date).findings().stream()
                        .filter(f -> f.verdict() == Verdict.CROSSED).toList();
                if (!crossed.isEmpty()) {
                    clusters.add(new ActorAssessment.SiteCluster(s.getKey(), s.getValue().get(0).country(),
                            site.peakMaxOps(), network, crossed));
                }
            }
        }
        List<RegimeFinding> crossable = achievable <= 0 ? List.of() : evaluator.evaluate(
                TrainingRun.of(achievable, null, false, null, null, date)).findings().stream()
                .filter(f -> f.verdict() == Verdict.CROSSED).toList();
        return new ActorAssessment(owner, all, days, utilization, achievable, largestSite, largestFlop, crossable,
                clusters);
    }

    /** How many of a chip reach each in-force training-compute threshold within the window: the regimes' reach. */
    public Map<String, Double> chipsToCross(String chipName, double days, double utilization, LocalDate date,
            RegimeCatalog regimes) throws InvalidInputException {
        Accelerator chip = catalog.find(chipName);
        Map<String, Double> out = new LinkedHashMap<>();
        for (var r : regimes.all()) {
            if (r.metric() == Metric.TRAINING_COMPUTE && r.inForceOn(date)) {
                out.put(r.id(), Capacity.chipsNeeded(r.threshold(), chip, days, utilization));
            }
        }
        return out;
    }

    /**
     * The catalog's chip for a name, remembered: a name's look-up normalizes and matches aliases, and over many
     * holdings of a few chip types it was most of an assessment's time (docs/BENCHMARKS.md, shaping).
     */
    private Accelerator find(String name) throws InvalidInputException {
        Accelerator a = found.get(name);
        if (a == null) {
            a = catalog.find(name);
            found.put(name, a);
        }
        return a;
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Accelerator> found = new java.util.concurrent.ConcurrentHashMap<>();

    private Aggregate sum(String key, List<Holding> holdings) throws InvalidInputException {
        Map<String, Long> chips = new TreeMap<>();
        long count = 0;
        double training = 0;
        double max = 0;
        for (Holding h : holdings) {
            Accelerator chip = find(h.chip());
            chips.merge(chip.name(), h.count(), Long::sum);
            count += h.count();
            training += Capacity.peakTrainingFlops(chip, h.count());
            max += Capacity.peakMaxOps(chip, h.count());
        }
        return new Aggregate(key, chips, count, training, max);
    }
}
