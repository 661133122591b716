package org.computegov.licensing.budget;

import java.math.BigInteger;

/**
 * A licence's budget at one moment. {@code available = released − used − held}, negative only after an overrun
 * (usage reported beyond its hold, or without one).
 */
public record BudgetSnapshot(BigInteger total, BigInteger released, int tranchesReleased, int tranches,
        BigInteger used, BigInteger held, int openHolds) {
    public BigInteger available() {
        return released.subtract(used).subtract(held);
    }

    /** Share of the released budget used so far, for burn-down alerts (0 when nothing is released). */
    public double usedShareOfReleased() {
        return released.signum() == 0 ? 0 : new java.math.BigDecimal(used)
                .divide(new java.math.BigDecimal(released), java.math.MathContext.DECIMAL64).doubleValue();
    }
}
