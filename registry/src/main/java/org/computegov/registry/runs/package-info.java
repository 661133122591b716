/**
 * Training runs as developers declare them, and their lineage.
 *
 * <ul>
 *   <li>{@link org.computegov.registry.runs.RunDeclaration}: the sealed payload of a {@code registry-run/v1}
 *       statement: the run's id, planned compute and size, its base model (a declared run or an external model's
 *       compute), data domain and cost.</li>
 *   <li>{@link org.computegov.registry.runs.RunJson}: strict JSON for it; every problem names its JSON path.</li>
 *   <li>{@link org.computegov.registry.runs.RunLineage}: cumulative compute over base runs and modifications, as
 *       SB 53 and the EU AI Act count it; cycles and undeclared base runs are refused.</li>
 * </ul>
 *
 * <p>Pure functions: no clock, no database, no network.
 */
package org.computegov.registry.runs;
