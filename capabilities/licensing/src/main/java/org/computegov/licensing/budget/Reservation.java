package org.computegov.licensing.budget;

import java.math.BigInteger;

/** The outcome of pre-charging a job's maximum compute against a licence's released budget. */
public sealed interface Reservation {
    BigInteger requested();

    /** The hold is placed; {@code availableAfter} is what remains for other jobs. */
    record Held(String holdId, BigInteger requested, BigInteger availableAfter) implements Reservation {}

    /** Not enough released budget: nothing was held. */
    record Refused(BigInteger requested, BigInteger available) implements Reservation {}
}
