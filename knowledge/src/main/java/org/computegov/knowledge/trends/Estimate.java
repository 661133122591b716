package org.computegov.knowledge.trends;

/**
 * A fitted quantity with its confidence interval; a bound is null where the data leave it open (a doubling time
 * when the slope's interval reaches zero).
 */
public record Estimate(double value, Double low, Double high) {}
