package org.computegov.knowledge.estimate;

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
}
