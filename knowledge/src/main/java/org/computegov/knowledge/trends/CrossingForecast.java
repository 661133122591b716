package org.computegov.knowledge.trends;

import java.time.LocalDate;

/**
 * When the frontier trend reaches a level of training compute.
 *
 * @param trendDate where the fitted frontier line reaches {@code flop}
 * @param low earliest date consistent with the fit (Fieller's interval for the line), or null when unbounded
 * @param high latest such date, or null when unbounded
 * @param firstReachedBy the first model in the data at or above {@code flop}, or null when none is yet
 * @param trend the frontier fit the forecast comes from
 */
public record CrossingForecast(double flop, LocalDate trendDate, LocalDate low, LocalDate high,
        FrontierPoint firstReachedBy, TrendFit trend) {}
