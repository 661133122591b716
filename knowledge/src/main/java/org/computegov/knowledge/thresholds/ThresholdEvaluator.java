package org.computegov.knowledge.thresholds;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.computegov.knowledge.estimate.Flop;

/**
 * Checks training runs and clusters against every regime in a catalog, saying for each whether it is crossed, why,
 * and what is due by when.
 */
public final class ThresholdEvaluator {
    private final RegimeCatalog catalog;

    public ThresholdEvaluator(RegimeCatalog catalog) {
        this.catalog = catalog;
    }

    public ThresholdReport evaluate(TrainingRun run) {
        List<RegimeFinding> findings = new ArrayList<>();
        for (Regime r : catalog.all()) {
            if (r.metric() != Metric.CLUSTER_CAPACITY) {
                findings.add(evaluate(r, run));
            }
        }
        String subject = "training run of " + Flop.format(run.flop()) + " FLOP"
                + (run.isModification() ? " modifying a base model of " + Flop.format(run.baseFlop()) + " FLOP" : "");
        return new ThresholdReport(run.date(), subject, findings);
    }

    public ThresholdReport evaluate(Cluster cluster, LocalDate date) {
        List<RegimeFinding> findings = new ArrayList<>();
        for (Regime r : catalog.all()) {
            if (r.metric() == Metric.CLUSTER_CAPACITY) {
                findings.add(evaluate(r, cluster, date));
            }
        }
        return new ThresholdReport(date, cluster.description(), findings);
    }

    private RegimeFinding evaluate(Regime r, TrainingRun run) {
        LocalDate date = run.date();
        if ("biological-sequence".equals(r.domain()) && !run.biologicalSequenceData()) {
            return finding(r, date, Verdict.NOT_APPLICABLE, null,
                    "applies only to models trained primarily on biological sequence data");
        }
        return switch (r.metric()) {
            case TRAINING_COMPUTE -> trainingCompute(r, run);
            case MODIFICATION_SHARE -> {
                if (!run.isModification()) {
                    yield finding(r, date, Verdict.NOT_APPLICABLE, null, "applies only to modifications of a base model");
                }
                double share = run.flop() / run.baseFlop();
                boolean crossed = r.comparison().crosses(share, r.threshold());
                yield finding(r, date, crossed ? Verdict.CROSSED : Verdict.NOT_CROSSED, share, String.format(Locale.ROOT,
                        "modification is %.3f of the base model's compute (%s / %s), %s %s", share, Flop.format(run.flop()),
                        Flop.format(run.baseFlop()), crossed ? r.comparison().symbol() : "not " + r.comparison().symbol(),
                        String.format(Locale.ROOT, "%.3f", r.threshold())));
            }
            case DEVELOPER_REVENUE -> {
                if (run.developerRevenueUsd() == null) {
                    yield finding(r, date, Verdict.INDETERMINATE, null, "needs the developer's annual revenue (--revenue-usd)");
                }
                boolean crossed = r.comparison().crosses(run.developerRevenueUsd(), r.threshold());
                yield finding(r, date, crossed ? Verdict.CROSSED : Verdict.NOT_CROSSED, run.developerRevenueUsd(),
                        "revenue $" + Flop.format(run.developerRevenueUsd()) + (crossed ? " " : " not ")
                                + r.comparison().symbol() + " $" + Flop.format(r.threshold()));
            }
            case CLUSTER_CAPACITY -> throw new IllegalStateException("cluster regimes are not evaluated for runs");
        };
    }

    private RegimeFinding trainingCompute(Regime r, TrainingRun run) {
        LocalDate date = run.date();
        double measured;
        String what;
        switch (r.counts()) {
            case CUMULATIVE -> {
                measured = run.cumulativeFlop();
                what = run.isModification() ? "cumulative compute " + Flop.format(measured) + " (base "
                        + Flop.format(run.baseFlop()) + " + this run " + Flop.format(run.flop()) + ")"
                        : "training compute " + Flop.format(measured);
            }
            case RUN -> {
                measured = run.flop();
                what = "this run's compute " + Flop.format(measured);
            }
            case MODIFICATION -> {
                if (!run.isModification()) {
                    return finding(r, date, Verdict.NOT_APPLICABLE, null, "applies only to modifications of a base model");
                }
                measured = run.flop();
                what = "the modification's compute " + Flop.format(measured);
            }
            default -> throw new IllegalStateException();
        }
        boolean crossed = r.comparison().crosses(measured, r.threshold());
        String compare = what + (crossed ? " " : " is not ") + r.comparison().symbol() + " " + Flop.format(r.threshold());
        if (crossed && measured == r.threshold()) {
            compare += " (exactly at the threshold, which '>=' includes)";
        } else if (!crossed && measured == r.threshold()) {
            compare += " (exactly at the threshold, which '>' excludes)";
        }
        if (!crossed) {
            return finding(r, date, Verdict.NOT_CROSSED, measured, compare);
        }
        if (r.costOverUsd() != null) {
            if (run.costUsd() == null) {
                return finding(r, date, Verdict.INDETERMINATE, measured, compare + "; also requires a cost over $"
                        + Flop.format(r.costOverUsd()) + ", which is unknown (give --cost-usd)");
            }
            if (!(run.costUsd() > r.costOverUsd())) {
                return finding(r, date, Verdict.NOT_CROSSED, measured, compare + ", but the cost $"
                        + Flop.format(run.costUsd()) + " is not over $" + Flop.format(r.costOverUsd()));
            }
            compare += " and the cost $" + Flop.format(run.costUsd()) + " > $" + Flop.format(r.costOverUsd());
        }
        return finding(r, date, Verdict.CROSSED, measured, compare);
    }

    private RegimeFinding evaluate(Regime r, Cluster c, LocalDate date) {
        boolean crossed = r.comparison().crosses(c.peakOpsPerSecond(), r.threshold());
        String compare = "peak " + Flop.format(c.peakOpsPerSecond()) + " op/s" + (crossed ? " " : " is not ")
                + r.comparison().symbol() + " " + Flop.format(r.threshold()) + " op/s";
        if (!crossed) {
            return finding(r, date, Verdict.NOT_CROSSED, c.peakOpsPerSecond(), compare);
        }
        if (r.networkOverGbps() != null) {
            if (c.networkGbps() == null) {
                return finding(r, date, Verdict.INDETERMINATE, c.peakOpsPerSecond(), compare
                        + "; also requires networking over " + Flop.format(r.networkOverGbps())
                        + " Gbit/s, which is unknown (give --network-gbps)");
            }
            if (!(c.networkGbps() > r.networkOverGbps())) {
                return finding(r, date, Verdict.NOT_CROSSED, c.peakOpsPerSecond(), compare + ", but networking "
                        + Flop.format(c.networkGbps()) + " Gbit/s is not over " + Flop.format(r.networkOverGbps()));
            }
            compare += " with networking " + Flop.format(c.networkGbps()) + " > " + Flop.format(r.networkOverGbps())
                    + " Gbit/s";
        }
        return finding(r, date, Verdict.CROSSED, c.peakOpsPerSecond(), compare);
    }

    private static RegimeFinding finding(Regime r, LocalDate date, Verdict verdict, Double measured, String reason) {
        List<DueObligation> due = new ArrayList<>();
        if (verdict == Verdict.CROSSED) {
            for (Obligation o : r.obligations()) {
                LocalDate by = o.trigger() == Trigger.CROSSING && o.dueDays() != null && r.inForceOn(date)
                        ? date.plusDays(o.dueDays()) : null;
                due.add(new DueObligation(o.what(), o.trigger(), by, o.dueDays(), o.citation()));
            }
        }
        return new RegimeFinding(r.id(), r.name(), r.jurisdiction(), r.stateOn(date), r.inForceOn(date), verdict,
                measured, r.threshold(), r.comparison().symbol(), r.unit(), reason, due, r.source());
    }
}
