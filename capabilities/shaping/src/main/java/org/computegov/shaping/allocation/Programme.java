package org.computegov.shaping.allocation;

import java.time.LocalDate;
import java.util.List;

/** An allocation programme (e.g. a national AI research resource) and the calls it runs. */
public record Programme(String id, String name, String operator) {

    /** A call for proposals: open between two dates, offering awards of some tiers on some resources. */
    public record Call(String id, String programme, String title, LocalDate opens, LocalDate closes, List<Tier> tiers,
            List<String> resources) {
        public Call {
            tiers = List.copyOf(tiers);
            resources = List.copyOf(resources);
            if (closes.isBefore(opens)) {
                throw new IllegalArgumentException("call " + id + " closes before it opens");
            }
        }

        public boolean openOn(LocalDate day) {
            return !day.isBefore(opens) && !day.isAfter(closes);
        }
    }
}
