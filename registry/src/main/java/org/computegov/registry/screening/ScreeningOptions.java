package org.computegov.registry.screening;

import java.util.Objects;

/**
 * How to screen.
 *
 * @param threshold       the lowest score reported, in [0,1]
 * @param countryMode     what a query's country does
 * @param countryBoost    with {@link CountryMode#BOOST}: a country match adds this share of the distance to 1
 *                        (score + boost × (1 − score))
 * @param addressBoost    an address match adds this share of the distance to 1
 * @param maxResults      at most this many results, best first
 */
public record ScreeningOptions(double threshold, CountryMode countryMode, double countryBoost, double addressBoost,
                               int maxResults) {
    /** The threshold chosen from the evaluation in README-screening.md. */
    public static final double DEFAULT_THRESHOLD = 0.85;

    public ScreeningOptions {
        Objects.requireNonNull(countryMode, "countryMode");
        if (!(threshold >= 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in [0,1]: " + threshold);
        if (!(countryBoost >= 0 && countryBoost < 1)) throw new IllegalArgumentException("countryBoost must be in [0,1): " + countryBoost);
        if (!(addressBoost >= 0 && addressBoost < 1)) throw new IllegalArgumentException("addressBoost must be in [0,1): " + addressBoost);
        if (maxResults < 1) throw new IllegalArgumentException("maxResults must be at least 1: " + maxResults);
    }

    /** Threshold {@value #DEFAULT_THRESHOLD}, country boost 0.2, address boost 0.1, at most 20 results. */
    public static ScreeningOptions defaults() {
        return new ScreeningOptions(DEFAULT_THRESHOLD, CountryMode.BOOST, 0.2, 0.1, 20);
    }

    public ScreeningOptions withThreshold(double t) {
        return new ScreeningOptions(t, countryMode, countryBoost, addressBoost, maxResults);
    }

    public ScreeningOptions withCountryMode(CountryMode m) {
        return new ScreeningOptions(threshold, m, countryBoost, addressBoost, maxResults);
    }

    public ScreeningOptions withMaxResults(int n) {
        return new ScreeningOptions(threshold, countryMode, countryBoost, addressBoost, n);
    }
}
