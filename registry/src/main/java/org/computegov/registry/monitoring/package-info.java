/**
 * Threshold monitoring: subjects' compute over time against the regimes' training-compute thresholds.
 *
 * <ul>
 *   <li>{@link org.computegov.registry.monitoring.ComputeHistory}: dated compute increments and their running
 *       total; merged, one beneficial owner's accounts are one history (splitting does not hide compute).</li>
 *   <li>{@link org.computegov.registry.monitoring.MonitoredSubject}: a run, customer account or beneficial owner,
 *       with its history and, for a modification, its base model's cumulative compute.</li>
 *   <li>{@link org.computegov.registry.monitoring.ThresholdMonitor}: when each threshold was crossed and what follows
 *       (the knowledge core's findings, dated from the crossing), early-warning
 *       {@link org.computegov.registry.monitoring.Alert}s at the {@link org.computegov.registry.monitoring.AlertPolicy}'s
 *       fractions, and a {@link org.computegov.registry.monitoring.Forecast} of the next crossing at the recent rate.</li>
 * </ul>
 *
 * <p>Pure functions: no clock (every instant comes from a history or the caller), no database, no network.
 */
package org.computegov.registry.monitoring;
