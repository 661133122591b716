package org.computegov.knowledge.export;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.computegov.knowledge.hardware.Accelerator;

/**
 * Classifies accelerators under ECCN 3A090 rule sets. Clauses are checked in their data file's order, exclusions
 * first; the first that holds decides. A clause that needs an unknown figure makes the answer indeterminate, and
 * the classifier then says which value of that figure would give which answer.
 */
public final class ExportClassifier {
    private final ExportRules rules;

    public ExportClassifier(ExportRules rules) {
        this.rules = rules;
    }

    public ExportClassification classify(Accelerator chip, LocalDate asOf) {
        ChipFigures figures = ChipFigures.of(chip);
        List<RuleSetResult> results = new ArrayList<>();
        RuleSetResult inForce = null;
        for (ExportRuleSet set : rules.all()) {
            RuleSetResult r = evaluate(set, figures, asOf);
            results.add(r);
            if (r.inForce()) {
                inForce = r;
            }
        }
        if (inForce == null) {
            String text = "no ECCN 3A090 rule was in force on " + asOf + " (the first took effect "
                    + rules.all().get(0).effectiveFrom() + ")";
            return new ExportClassification(chip.name(), asOf, figures, Outcome.NO_RULE, "not covered", text, results);
        }
        return new ExportClassification(chip.name(), asOf, figures, inForce.outcome(), inForce.classification(),
                inForce.explanation(), results);
    }

    RuleSetResult evaluate(ExportRuleSet set, ChipFigures figures, LocalDate asOf) {
        Map<Figure, Double> known = figures.known();
        Decision decision = decide(set, known, figures.dataCentre());
        List<ClauseCheck> checks = new ArrayList<>();
        for (ExportClause c : set.clauses()) {
            if (c.kind() != ClauseKind.POLICY) {
                checks.add(new ClauseCheck(c.id(), c.kind(), c.condition(), truth(c, known, figures.dataCentre()),
                        because(c, known, figures.dataCentre())));
            }
        }
        boolean inForce = set.inForceOn(asOf);
        List<String> remarks = new ArrayList<>();
        if (decision.clause != null && decision.clause.remark() != null && !decision.clause.remark().isBlank()
                && decision.clause.remarkAppliesTo().covers(figures.dataCentre())) {
            remarks.add(decision.clause.remark());
        }
        for (ExportClause policy : set.clauses()) {
            if (policy.kind() == ClauseKind.POLICY && policy.inForceOn(asOf) && inForce) {
                Truth t = truth(policy, known, figures.dataCentre());
                if (t == Truth.TRUE) {
                    remarks.add(policy.id() + ": " + policy.remark() + " (" + because(policy, known, true) + ")");
                } else if (t == Truth.UNKNOWN) {
                    remarks.add(policy.id() + ": cannot tell whether it applies (" + policy.condition() + ")");
                }
            }
        }
        List<Scenario> scenarios = List.of();
        String explanation;
        if (decision.outcome == Outcome.INDETERMINATE) {
            Set<Figure> missing = missingFigures(set, known);
            scenarios = scenarios(set, figures, missing);
            explanation = "indeterminate: " + decision.clause.id() + " needs "
                    + String.join(" and ", missing.stream().map(ExportClassifier::inputFor).toList())
                    + (scenarios.isEmpty() ? "" : "; " + String.join("; ",
                    scenarios.stream().map(s -> s.classification() + " if " + s.condition()).toList()));
        } else if (decision.outcome == Outcome.CONTROLLED) {
            explanation = decision.clause.id() + ": " + because(decision.clause, known, figures.dataCentre());
        } else if (decision.clause != null) {
            explanation = decision.clause.id() + " excludes it: " + because(decision.clause, known, figures.dataCentre());
        } else {
            List<String> fails = new ArrayList<>();
            for (ExportClause c : set.clauses()) {
                if (c.kind() == ClauseKind.CONTROL) {
                    fails.add(c.id() + " fails: " + because(c, known, figures.dataCentre()));
                }
            }
            explanation = "not covered: " + String.join("; ", fails);
        }
        return new RuleSetResult(set.id(), set.title(), set.effectiveFrom(), set.effectiveUntil(), inForce,
                decision.outcome, decision.classification(), decision.outcome == Outcome.INDETERMINATE ? null
                : decision.clause == null ? null : decision.clause.id(), explanation, checks, scenarios, remarks);
    }

    private record Decision(Outcome outcome, ExportClause clause) {
        String classification() {
            return switch (outcome) {
                case CONTROLLED -> clause.id();
                case INDETERMINATE -> "indeterminate";
                default -> "not covered";
            };
        }
    }

    private static Decision decide(ExportRuleSet set, Map<Figure, Double> known, boolean dataCentre) {
        for (ExportClause c : set.clauses()) {
            if (c.kind() == ClauseKind.POLICY) {
                continue;
            }
            Truth t = truth(c, known, dataCentre);
            if (t == Truth.UNKNOWN) {
                return new Decision(Outcome.INDETERMINATE, c);
            }
            if (t == Truth.TRUE) {
                return new Decision(c.kind() == ClauseKind.CONTROL ? Outcome.CONTROLLED : Outcome.NOT_COVERED, c);
            }
        }
        return new Decision(Outcome.NOT_COVERED, null);
    }

    static Truth truth(ExportClause c, Map<Figure, Double> known, boolean dataCentre) {
        if (!c.appliesTo().covers(dataCentre)) {
            return Truth.FALSE;
        }
        Truth t = Truth.TRUE;
        for (Bound b : c.bounds()) {
            Double v = known.get(b.figure());
            t = t.and(v == null ? Truth.UNKNOWN : b.holdsFor(v) ? Truth.TRUE : Truth.FALSE);
        }
        return t;
    }

    /** The numbers behind a clause's verdict: every bound with the chip's figure, or the first that failed. */
    private static String because(ExportClause c, Map<Figure, Double> known, boolean dataCentre) {
        if (!c.appliesTo().covers(dataCentre)) {
            return dataCentre ? "the chip is designed/marketed for data centres"
                    : "the chip is not designed/marketed for data centres";
        }
        List<String> parts = new ArrayList<>();
        for (Bound b : c.bounds()) {
            Double v = known.get(b.figure());
            if (v == null) {
                parts.add(b.figure().label() + " unknown (" + b.describe() + ")");
                continue;
            }
            String shown = b.figure().label() + " " + Numbers.measured(v) + b.figure().unit();
            if (b.holdsFor(v)) {
                parts.add(b.describe().replace(b.figure().label(), shown));
            } else {
                String failed = b.min() != null && v < b.min() ? shown + " < " + Numbers.plain(b.min())
                        : shown + " >= " + Numbers.plain(b.below());
                return failed + b.figure().unit();
            }
        }
        return String.join(" AND ", parts);
    }

    private static Set<Figure> missingFigures(ExportRuleSet set, Map<Figure, Double> known) {
        Set<Figure> missing = EnumSet.noneOf(Figure.class);
        for (ExportClause c : set.clauses()) {
            if (c.kind() != ClauseKind.POLICY) {
                c.bounds().stream().map(Bound::figure).filter(f -> !known.containsKey(f)).forEach(missing::add);
            }
        }
        return missing;
    }

    private static String inputFor(Figure f) {
        return switch (f) {
            case TPP -> "dense throughput figures";
            case PERFORMANCE_DENSITY -> "the applicable die area";
            case IO_BANDWIDTH -> "the I/O (interconnect) bandwidth";
            case MEMORY_BANDWIDTH -> "the DRAM bandwidth";
        };
    }

    /**
     * With one figure unknown, walks its ranges between the rule's thresholds and classifies each. Every condition
     * is "x >= b" or "x < b", so each range [b_i, b_i+1) behaves like its lower end.
     */
    private static List<Scenario> scenarios(ExportRuleSet set, ChipFigures figures, Set<Figure> missing) {
        if (missing.size() != 1 || missing.contains(Figure.TPP)) {
            return List.of();
        }
        Figure f = missing.iterator().next();
        TreeSet<Double> cuts = new TreeSet<>();
        for (ExportClause c : set.clauses()) {
            if (c.kind() == ClauseKind.POLICY) {
                continue;
            }
            for (Bound b : c.bounds()) {
                if (b.figure() == f) {
                    if (b.min() != null) {
                        cuts.add(b.min());
                    }
                    if (b.below() != null) {
                        cuts.add(b.below());
                    }
                }
            }
        }
        List<Double> lows = new ArrayList<>();
        lows.add(0.0);
        lows.addAll(cuts);
        List<Scenario> out = new ArrayList<>();
        Map<Figure, Double> trial = new EnumMap<>(figures.known());
        int start = 0;
        String current = null;
        for (int i = 0; i < lows.size(); i++) {
            double representative = i == 0 ? lows.get(1) / 2 : lows.get(i);
            trial.put(f, representative);
            String cls = decide(set, trial, figures.dataCentre()).classification();
            if (current != null && !cls.equals(current)) {
                out.add(new Scenario(range(f, figures, lows.get(start), lows.get(i)), current));
                start = i;
            }
            current = cls;
        }
        out.add(new Scenario(range(f, figures, lows.get(start), null), current));
        return out;
    }

    /** The range [lo, hi) of a figure, phrased in the input a user would supply (die area for PD). */
    private static String range(Figure f, ChipFigures figures, double lo, Double hi) {
        if (f == Figure.PERFORMANCE_DENSITY) {
            double tpp = figures.tpp();
            // PD in [lo, hi) <=> die area in (tpp/hi, tpp/lo].
            String upper = lo == 0 ? null : Numbers.measured(tpp / lo);
            String lower = hi == null ? null : Numbers.measured(tpp / hi);
            String pd = lo == 0 ? "PD < " + Numbers.plain(hi) : hi == null ? "PD >= " + Numbers.plain(lo)
                    : Numbers.plain(lo) + " <= PD < " + Numbers.plain(hi);
            String area = upper == null ? "die area > " + lower + " mm²" : lower == null ? "die area <= " + upper + " mm²"
                    : lower + " < die area <= " + upper + " mm²";
            return area + " (" + pd + ")";
        }
        String label = f.label();
        if (lo == 0) {
            return label + " < " + Numbers.plain(hi) + f.unit();
        }
        return hi == null ? label + " >= " + Numbers.plain(lo) + f.unit()
                : Numbers.plain(lo) + " <= " + label + " < " + Numbers.plain(hi) + f.unit();
    }
}
