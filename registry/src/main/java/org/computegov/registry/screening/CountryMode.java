package org.computegov.registry.screening;

/** How a query's country affects screening. */
public enum CountryMode {
    /** the country is only reported when it matches */
    IGNORE,
    /** an entry in the query's country scores higher ({@link ScreeningOptions#countryBoost()}) */
    BOOST,
    /** entries whose known countries do not include the query's country are dropped; entries without any country stay */
    FILTER
}
