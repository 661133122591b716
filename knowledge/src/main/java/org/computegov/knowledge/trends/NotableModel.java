package org.computegov.knowledge.trends;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * One model in Epoch AI's "Data on Notable AI Models" (CC-BY 4.0, credit Epoch AI), or one training run of the
 * registry's own, with what a trend needs.
 *
 * @param domains e.g. Language, Vision (a model may have several)
 * @param trainingFlop training compute in FLOP, or null where the source gives no estimate
 */
public record NotableModel(String name, List<String> domains, String organization, String country,
        LocalDate published, Double trainingFlop) {

    public NotableModel {
        domains = List.copyOf(domains);
    }

    /** Whether one of this model's domains is {@code domain}, ignoring case; a null domain matches every model. */
    public boolean inDomain(String domain) {
        if (domain == null) {
            return true;
        }
        String d = domain.strip().toLowerCase(Locale.ROOT);
        return domains.stream().anyMatch(x -> x.toLowerCase(Locale.ROOT).equals(d));
    }
}
