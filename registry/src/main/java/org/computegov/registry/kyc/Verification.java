package org.computegov.registry.kyc;

import java.time.LocalDate;

/**
 * How and when the provider verified the customer's identity, and where that stands.
 *
 * @param method how the identity was verified
 * @param evidence what was seen, e.g. "passport DE C01X00T47, expires 2031-05-01" or "Handelsregister HRB 12345 B
 *     extract of 2026-11-02": a text of the usual rules
 * @param date the day of the verification (or of the attempt, while pending or failed)
 * @param state where the verification stands
 */
public record Verification(Method method, String evidence, LocalDate date, State state) {
    /** The verification methods of a customer identification programme. */
    public enum Method {
        /** Identity documents: passport, national id card, certificate of incorporation, register extract. */
        DOCUMENTARY,
        /** Independent sources without documents: credit bureaus, public databases, references. */
        NON_DOCUMENTARY,
        /** The customer or its representative appeared in person. */
        IN_PERSON
    }

    /** Where a verification stands. */
    public enum State {
        PENDING,
        VERIFIED,
        FAILED,
        /** Was verified, but the evidence has lapsed and must be renewed. */
        EXPIRED
    }

    public Verification {
        Rules.present("method", method);
        Rules.text("evidence", evidence);
        Rules.present("date", date);
        Rules.present("state", state);
    }
}
