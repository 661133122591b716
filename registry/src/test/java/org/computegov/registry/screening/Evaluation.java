package org.computegov.registry.screening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs an {@link EvaluationSet} against an index and computes precision and recall over thresholds. */
final class Evaluation {
    /** Scores seen for one case at the lowest threshold evaluated. */
    record Outcome(EvaluationSet.Case c, double expectedScore, double bestWrongScore, double bestScore) {
    }

    record Metrics(double threshold, int tp, int fn, int fpQueries, int negatives, double recall, double precision,
                   double falsePositiveRate, double alertPrecision) {
    }

    final List<Outcome> outcomes = new ArrayList<>();
    final double floorThreshold;

    Evaluation(ScreeningIndex index, List<EvaluationSet.Case> cases, double floorThreshold) {
        this.floorThreshold = floorThreshold;
        ScreeningOptions o = ScreeningOptions.defaults().withThreshold(floorThreshold).withMaxResults(100);
        for (EvaluationSet.Case c : cases) {
            double expected = 0;
            double wrong = 0;
            double best = 0;
            for (ScreeningResult r : index.screen(ScreeningQuery.of(c.query()), o)) {
                best = Math.max(best, r.score());
                if (c.positive() && r.entry().key().equals(c.expectedKey())) expected = Math.max(expected, r.score());
                else wrong = Math.max(wrong, r.score());
            }
            outcomes.add(new Outcome(c, expected, wrong, best));
        }
    }

    /**
     * At threshold t: recall = positives whose entry scored ≥ t; precision = those / (those + negatives with any
     * result ≥ t) (query level); alert precision counts every result ≥ t for positive queries that is not the
     * expected entry as a false alert too, at the query level (a positive query with only wrong alerts).
     */
    Metrics at(double t) {
        return at(t, null);
    }

    Metrics at(double t, String kind) {
        int tp = 0, fn = 0, fp = 0, neg = 0, wrongOnPositive = 0;
        for (Outcome o : outcomes) {
            if (kind != null && !o.c().kind().equals(kind)) continue;
            if (o.c().positive()) {
                if (o.expectedScore() >= t) tp++;
                else {
                    fn++;
                    if (o.bestWrongScore() >= t) wrongOnPositive++;
                }
            } else {
                neg++;
                if (o.bestScore() >= t) fp++;
            }
        }
        double recall = tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
        double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        double fpr = neg == 0 ? Double.NaN : (double) fp / neg;
        double alertPrecision = tp + fp + wrongOnPositive == 0 ? Double.NaN : (double) tp / (tp + fp + wrongOnPositive);
        return new Metrics(t, tp, fn, fp, neg, recall, precision, fpr, alertPrecision);
    }

    String report(double chosen, double[] sweep) {
        StringBuilder sb = new StringBuilder();
        long pos = outcomes.stream().filter(o -> o.c().positive()).count();
        sb.append(String.format(Locale.ROOT, "cases: %d positive, %d negative%n", pos, outcomes.size() - pos));
        sb.append(String.format(Locale.ROOT, "%-9s %7s %9s %7s %9s  %s%n", "threshold", "recall", "precision", "FPR", "alert-P", "(tp/fn/fp)"));
        for (double t : sweep) {
            Metrics m = at(t);
            sb.append(String.format(Locale.ROOT, "%-9.2f %7.4f %9.4f %7.4f %9.4f  (%d/%d/%d)%s%n", t, m.recall(), m.precision(),
                    m.falsePositiveRate(), m.alertPrecision(), m.tp(), m.fn(), m.fpQueries(), t == chosen ? "  <- default" : ""));
        }
        sb.append(String.format(Locale.ROOT, "by kind at %.2f:%n", chosen));
        Map<String, String> rows = new LinkedHashMap<>();
        for (Outcome o : outcomes) rows.putIfAbsent(o.c().kind(), o.c().kind());
        for (String k : rows.keySet()) {
            Metrics m = at(chosen, k);
            if (k.startsWith("neg")) {
                sb.append(String.format(Locale.ROOT, "  %-14s false-positive rate %.4f (%d of %d)%n", k, m.falsePositiveRate(), m.fpQueries(), m.negatives()));
            } else {
                sb.append(String.format(Locale.ROOT, "  %-14s recall %.4f (%d of %d)%n", k, m.recall(), m.tp(), m.tp() + m.fn()));
            }
        }
        return sb.toString();
    }

    List<Outcome> misses(double t) {
        List<Outcome> out = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.c().positive() ? o.expectedScore() < t : o.bestScore() >= t) out.add(o);
        }
        return out;
    }
}
