package org.computegov.shaping.allocation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.computegov.knowledge.InvalidInputException;

/**
 * An award drawn down by usage: each record is charged in credits at the exchange rate in force on the day it ran,
 * against the credits released so far (half on award, the rest after the progress report). Usage outside the
 * award's period or on a resource it does not cover is refused with the reason; a record counts once.
 *
 * @param lines per resource of the award
 * @param refused usage records not charged, with why
 */
public record DrawDown(String award, String account, LocalDate asOf, AwardStatus status, List<Line> lines,
        List<Refused> refused) {

    /**
     * @param remainingGpuHours remaining credits at the rate in force on {@code asOf} (0 when overdrawn)
     * @param overdrawn more credits used than released
     */
    public record Line(String resource, double awarded, double released, double usedCredits, double usedGpuHours,
            double remainingCredits, double remainingGpuHours, boolean overdrawn) {}

    public record Refused(String recordId, String reason) {}

    public DrawDown {
        lines = List.copyOf(lines);
        refused = List.copyOf(refused);
    }

    public static DrawDown of(Award award, RateSchedule rates, List<UsageCharge> usage, LocalDate asOf)
            throws InvalidInputException {
        Map<String, double[]> used = new TreeMap<>(); // resource → {credits, gpuHours}
        award.amounts().keySet().forEach(r -> used.put(r, new double[2]));
        List<Refused> refused = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (UsageCharge u : usage) {
            if (!u.account().equals(award.account()) || u.day().isAfter(asOf)) {
                continue;
            }
            if (!seen.add(u.recordId())) {
                refused.add(new Refused(u.recordId(), "counted already (same record id)"));
            } else if (u.day().isBefore(award.start()) || u.day().isAfter(award.end())) {
                refused.add(new Refused(u.recordId(), "ran on " + u.day() + ", outside the award's period "
                        + award.start() + " to " + award.end()));
            } else if (!used.containsKey(u.resource())) {
                refused.add(new Refused(u.recordId(), "resource '" + u.resource() + "' is not in the award"));
            } else {
                double credits;
                try {
                    credits = rates.creditsFor(u.resource(), u.gpuHours(), u.day());
                } catch (InvalidInputException e) {
                    refused.add(new Refused(u.recordId(), "no exchange rate for " + u.resource() + " in force on " + u.day()));
                    continue;
                }
                double[] acc = used.get(u.resource());
                acc[0] += credits;
                acc[1] += u.gpuHours();
            }
        }
        Map<String, Line> lines = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : used.entrySet()) {
            String r = e.getKey();
            double released = award.released(r);
            double remaining = released - e.getValue()[0];
            double remainingHours = remaining > 0 ? rates.gpuHoursFor(r, remaining, asOf) : 0;
            lines.put(r, new Line(r, award.amounts().get(r).awarded(), released, e.getValue()[0], e.getValue()[1],
                    remaining, remainingHours, remaining < 0));
        }
        return new DrawDown(award.id(), award.account(), asOf, award.statusOn(asOf), List.copyOf(lines.values()), refused);
    }
}
