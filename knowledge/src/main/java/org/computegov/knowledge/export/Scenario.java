package org.computegov.knowledge.export;

/** For an indeterminate answer: the classification that a range of the missing figure would give. */
public record Scenario(String condition, String classification) {}
