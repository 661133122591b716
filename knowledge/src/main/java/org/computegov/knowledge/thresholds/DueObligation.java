package org.computegov.knowledge.thresholds;

import java.time.LocalDate;

/** An obligation as it applies to one run: with its due date when it is triggered by crossing and has a deadline. */
public record DueObligation(String what, Trigger trigger, LocalDate dueBy, Integer dueDays, String citation) {}
