package org.computegov.registry.runs;

import java.util.Locale;

/**
 * What a run's training data primarily is. Biological-sequence models have their own, lower thresholds (EO 14110
 * §4.2(b)(i): 1e23), so a declaration must say.
 */
public enum DataDomain {
    GENERAL,
    BIOLOGICAL_SEQUENCE;

    /** The name in JSON and in regimes.json's {@code domain}: {@code general}, {@code biological-sequence}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The domain with this JSON name, or null when there is none (names are exact: no case folding). */
    public static DataDomain fromJsonName(String text) {
        for (DataDomain d : values()) {
            if (d.jsonName().equals(text)) {
                return d;
            }
        }
        return null;
    }
}
