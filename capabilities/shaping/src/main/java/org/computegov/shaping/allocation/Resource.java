package org.computegov.shaping.allocation;

/**
 * A resource a provider offers in a programme: GPU-hours of one chip type on one Slurm cluster.
 *
 * @param chip the accelerator as the knowledge core's catalog names it (for FLOP)
 * @param cluster the Slurm cluster name the provider loads awards into
 * @param gresType the GRES type of the GPUs in Slurm (e.g. {@code a100} for {@code gres/gpu:a100}), or null for
 *     plain {@code gres/gpu}
 */
public record Resource(String id, String provider, String chip, String cluster, String gresType) {
    /** The TRES name Slurm limits for this resource. */
    public String tres() {
        return gresType == null || gresType.isBlank() ? "gres/gpu" : "gres/gpu:" + gresType;
    }
}
