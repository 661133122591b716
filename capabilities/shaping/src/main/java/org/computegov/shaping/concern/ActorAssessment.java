package org.computegov.shaping.concern;

import java.util.List;
import org.computegov.knowledge.thresholds.RegimeFinding;

/**
 * What one actor could do with its compute: the FLOP it could apply to one run within the window if it pooled all
 * its chips, the same for its largest site alone, the training-compute regimes the pooled figure would cross, and
 * its sites that meet cluster thresholds.
 *
 * @param crossable findings with verdict CROSSED for a run of {@code achievableFlop} (in force or not: see each)
 * @param clusters each site's cluster findings that are CROSSED
 */
@org.computegov.registry.kernel.Published
public record ActorAssessment(String owner, Aggregate holdings, double days, double utilization,
        double achievableFlop, String largestSite, double largestSiteFlop, List<RegimeFinding> crossable,
        List<SiteCluster> clusters) {

    /** A site as a cluster, with the cluster regimes it meets. */
    public record SiteCluster(String site, String country, double peakMaxOps, Double networkGbps,
            List<RegimeFinding> crossed) {
        public SiteCluster {
            crossed = List.copyOf(crossed);
        }
    }

    public ActorAssessment {
        crossable = List.copyOf(crossable);
        clusters = List.copyOf(clusters);
    }
}
