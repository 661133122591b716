package org.computegov.licensing.budget;

import java.math.BigInteger;

/**
 * A finished job's hold turned into a charge: {@code used} is charged, {@code releasedBack} (held − used, or 0)
 * returns to the budget, and {@code overrun} (used − held, or 0) is compute used beyond what was pre-charged.
 */
public record Settlement(String holdId, BigInteger held, BigInteger used, BigInteger releasedBack, BigInteger overrun) {
    public static Settlement of(String holdId, BigInteger held, BigInteger used) {
        BigInteger diff = held.subtract(used);
        return new Settlement(holdId, held, used, diff.max(BigInteger.ZERO), diff.negate().max(BigInteger.ZERO));
    }
}
