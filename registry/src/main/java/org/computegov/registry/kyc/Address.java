package org.computegov.registry.kyc;

import java.util.List;

/**
 * A postal address: a street address for an individual, the principal place of business for an organization.
 *
 * @param lines the lines before the city (street, number, building), at least one, each a text of the usual rules
 * @param city the city or locality
 * @param postalCode the postal code; null where the country has none
 * @param country ISO 3166-1 alpha-2 code, upper case
 */
public record Address(List<String> lines, String city, String postalCode, String country) {
    public Address {
        lines = Rules.list("lines", lines);
        if (lines.isEmpty()) {
            throw new InvalidFieldException("lines", "is empty", "Give at least one address line, e.g. the street"
                    + " and number.");
        }
        for (int i = 0; i < lines.size(); i++) {
            Rules.text(Paths.element("lines", i), lines.get(i));
        }
        Rules.text("city", city);
        Rules.optionalText("postalCode", postalCode);
        Rules.country("country", country);
    }
}
