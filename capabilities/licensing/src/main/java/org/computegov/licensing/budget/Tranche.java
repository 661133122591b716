package org.computegov.licensing.budget;

import java.math.BigInteger;

/**
 * A part of a licence's compute budget, released in order: the first on grant, each later one when the regulator
 * accepts an interim evaluation report ({@code condition} says which).
 */
@org.computegov.registry.kernel.Published
public record Tranche(int number, BigInteger flop, String condition) {
    public Tranche {
        if (number < 1) {
            throw new IllegalArgumentException("tranche numbers start at 1: " + number);
        }
        if (flop == null || flop.signum() <= 0) {
            throw new IllegalArgumentException("tranche " + number + " must have a positive FLOP budget");
        }
        condition = condition == null ? "" : condition;
    }
}
