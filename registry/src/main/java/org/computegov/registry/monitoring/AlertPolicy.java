package org.computegov.registry.monitoring;

import java.util.ArrayList;
import java.util.List;

/**
 * The fractions of a threshold at which the monitor raises an early warning, ascending. A warning at half and at
 * four fifths gives a regulator (and the developer) time before a crossing: the EU AI Act asks for notification
 * within two weeks of when it "becomes known" that the threshold will be met, not only once it is.
 *
 * @param fractions each in (0, 1), no two equal; stored ascending
 */
public record AlertPolicy(List<Double> fractions) {
    public static final AlertPolicy DEFAULT = new AlertPolicy(List.of(0.5, 0.8));

    public AlertPolicy {
        List<Double> sorted = new ArrayList<>(fractions);
        for (Double f : sorted) {
            if (f == null || !(f > 0 && f < 1)) {
                throw new IllegalArgumentException("an alert fraction must be in (0, 1), got " + f);
            }
        }
        sorted.sort(null);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).equals(sorted.get(i - 1))) {
                throw new IllegalArgumentException("alert fraction " + sorted.get(i) + " is given twice");
            }
        }
        fractions = List.copyOf(sorted);
    }

    public static AlertPolicy of(double... fractions) {
        List<Double> list = new ArrayList<>();
        for (double f : fractions) {
            list.add(f);
        }
        return new AlertPolicy(list);
    }
}
