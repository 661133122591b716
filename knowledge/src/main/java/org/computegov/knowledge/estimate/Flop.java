package org.computegov.knowledge.estimate;

import org.computegov.knowledge.InvalidInputException;


/** Units and conventions of compute counting: a multiply-add is 2 FLOP; 1 PF/s-day = 10^15 × 86,400 FLOP. */
public final class Flop {
    public static final double PER_PETAFLOP_S_DAY = 8.64e19;
    public static final double SECONDS_PER_HOUR = 3600.0;

    private Flop() {}

    public static double toPetaflopSDays(double flop) {
        return flop / PER_PETAFLOP_S_DAY;
    }

    /**
     * The project's one way of printing a quantity (docs/CLI.md): from a million up, scientific notation with three
     * significant figures and no '+' (3.15e23, as regulation and papers write it); below, plain figures with thousands
     * separators (16,384; 2,142.5; 0.433), since 1.64e04 chips reads worse than 16,384.
     */
    public static String format(double flop) {
        double a = Math.abs(flop);
        if (a >= 1e6 || (a > 0 && a < 1e-3) || Double.isNaN(flop) || Double.isInfinite(flop)) {
            return Figures.significant(flop, 3).replace("e+", "e").replace("e-0", "e-");
        }
        if (flop == Math.rint(flop)) {
            return Figures.grouped(flop, 0);
        }
        return a >= 100 ? Figures.grouped(flop, 1) : Figures.significant(flop, 3);
    }

    /**
     * Inputs that are each finite can still multiply past the largest double (1e308 × 1e308): that is the caller's
     * input being out of range, so it is refused as such rather than failing later as an internal error.
     */
    static void requireFinite(String field, double product, String what) throws InvalidInputException {
        if (!Double.isFinite(product)) {
            throw new InvalidInputException(field, "The estimate (" + what + ") exceeds the largest number the"
                    + " calculator holds (about 1.8e308 FLOP).", "Check the magnitudes: e.g. 175e9 parameters and"
                    + " 300e9 tokens, or 1024 chips for 720 hours.");
        }
    }
}
