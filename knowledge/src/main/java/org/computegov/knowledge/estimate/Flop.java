package org.computegov.knowledge.estimate;

import org.computegov.knowledge.InvalidInputException;

import java.util.Locale;

/** Units and conventions of compute counting: a multiply-add is 2 FLOP; 1 PF/s-day = 10^15 × 86,400 FLOP. */
public final class Flop {
    public static final double PER_PETAFLOP_S_DAY = 8.64e19;
    public static final double SECONDS_PER_HOUR = 3600.0;

    private Flop() {}

    public static double toPetaflopSDays(double flop) {
        return flop / PER_PETAFLOP_S_DAY;
    }

    /** Scientific notation with three significant figures, e.g. 3.15e+23, as used in regulation and papers. */
    public static String format(double flop) {
        return String.format(Locale.ROOT, "%.3g", flop).replace("e+", "e");
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
