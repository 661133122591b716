package org.computegov.knowledge.trends;

import java.time.LocalDate;

/** A model that was the largest training run to date when it was published. */
public record FrontierPoint(LocalDate date, String model, String organization, double flop) {}
