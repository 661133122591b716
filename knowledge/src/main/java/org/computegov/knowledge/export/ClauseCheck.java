package org.computegov.knowledge.export;

/** How one clause fared for a chip: its condition as the rule reads, whether it held, and the numbers that decided. */
public record ClauseCheck(String clause, ClauseKind kind, String condition, Truth holds, String because) {}
