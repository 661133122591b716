package org.computegov.cli;

import java.util.Locale;

/**
 * The one way numbers are printed for people (docs/CLI.md): FLOP and other quantities that span many orders of
 * magnitude in scientific notation with three significant figures and no '+' ({@code 3.15e23}); counts and other
 * figures with thousands separators ({@code 12,345}), fractions to three significant figures ({@code 0.433}).
 * JSON output carries the exact numbers.
 */
final class Format {
    private Format() {}

    static String sci(Double v) {
        return v == null ? null : org.computegov.knowledge.estimate.Flop.format(v);
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A number from JSON, in the form its magnitude calls for: {@link #sci} from 1e15 up, else {@link #num}. */
    static String auto(Double v) {
        return v == null ? null : Math.abs(v) >= 1e15 ? sci(v) : num(v);
    }

    static String num(Double v) {
        if (v == null) {
            return null;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.1f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
