package org.computegov.shaping.allocation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.shaping.concern.Capacity;

/**
 * Dated exchange rates per resource: a rate applies from its date until the next one, never backwards, so usage is
 * charged at the rate in force on the day it happened and a rate change does not re-price the past.
 */
public final class RateSchedule {
    private final Map<String, List<ExchangeRate>> byResource = new HashMap<>();

    public RateSchedule(List<ExchangeRate> rates) {
        for (ExchangeRate r : rates) {
            List<ExchangeRate> list = byResource.computeIfAbsent(r.resource(), k -> new ArrayList<>());
            if (list.stream().anyMatch(x -> x.effectiveFrom().equals(r.effectiveFrom()))) {
                throw new IllegalArgumentException("two rates for " + r.resource() + " from " + r.effectiveFrom());
            }
            list.add(r);
        }
        byResource.values().forEach(l -> l.sort(Comparator.comparing(ExchangeRate::effectiveFrom)));
    }

    /** The rate in force on {@code day}: the latest that took effect on or before it. */
    public ExchangeRate rateOn(String resource, LocalDate day) throws InvalidInputException {
        ExchangeRate found = null;
        for (ExchangeRate r : byResource.getOrDefault(resource, List.of())) {
            if (r.effectiveFrom().isAfter(day)) {
                break;
            }
            found = r;
        }
        if (found == null) {
            throw new InvalidInputException("resource", "No exchange rate for resource '" + resource + "' is in force on "
                    + day + ".", "Publish a rate effective on or before that day.");
        }
        return found;
    }

    public double creditsFor(String resource, double gpuHours, LocalDate day) throws InvalidInputException {
        return gpuHours * rateOn(resource, day).creditsPerGpuHour();
    }

    public double gpuHoursFor(String resource, double credits, LocalDate day) throws InvalidInputException {
        return credits / rateOn(resource, day).creditsPerGpuHour();
    }

    /** FLOP that GPU-hours of a chip deliver at a utilization of its dense FP16 peak. */
    public static double flopFor(double gpuHours, Accelerator chip, double utilization) throws InvalidInputException {
        return Capacity.peakTrainingFlops(chip, 1) * 3600 * gpuHours * utilization;
    }
}
