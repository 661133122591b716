package org.computegov.registry.screening;

/** What of a list entry matched a query. */
public enum MatchField {
    /** the entry's primary name (or that name without a parenthesised part) */
    NAME,
    /** one of the entry's aliases, or an abbreviation given in parentheses after its name */
    ALIAS,
    /** the query's country is among the entry's countries */
    COUNTRY,
    /** the query's address shares most of its words with one of the entry's addresses */
    ADDRESS
}
