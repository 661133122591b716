package org.computegov.shaping.concern;

import java.util.Objects;

/**
 * Chips an actor holds at a site: from the chip registry or declared by the actor.
 *
 * @param chip accelerator name or alias as the knowledge core's catalog knows it
 * @param count how many
 * @param networkGbps the site's data-centre networking between machines (Gbit/s), or null when unknown
 * @param source where the figure comes from: "registry" or "declared"
 */
@org.computegov.registry.kernel.Published
public record Holding(String owner, String site, String country, String chip, long count, Double networkGbps,
        String source) {
    public Holding {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(chip, "chip");
        if (count <= 0) {
            throw new IllegalArgumentException("a holding counts at least one chip, got " + count);
        }
    }
}
