/**
 * Usage accounting: what compute providers' schedulers report, parsed into {@link
 * org.computegov.registry.usage.UsageRecord}s and converted to FLOP.
 *
 * <ul>
 *   <li>{@link org.computegov.registry.usage.SacctParser}: Slurm {@code sacct --parsable2} output in Open XDMoD's
 *       field order ({@link org.computegov.registry.usage.SacctParser#FIELDS}).</li>
 *   <li>{@link org.computegov.registry.usage.UsageJson}: a JSON array of usage records, for any scheduler.</li>
 *   <li>{@link org.computegov.registry.usage.UsageCompute}: chip-hours × dense peak × utilization, through the
 *       knowledge core's {@code HardwareEstimator}.</li>
 * </ul>
 *
 * <p>Both readers are all or nothing: every problem in the input is collected with its line or element number,
 * and an input with any problem yields no records ({@link org.computegov.registry.usage.ParsedUsage}). Pure
 * functions: no I/O beyond reading the given input, no clock, no database.
 */
package org.computegov.registry.usage;
