package org.computegov.cli;

import java.util.Locale;

/** Number formatting for tables: FLOP in scientific notation, figures without noise. */
final class Format {
    private Format() {}

    static String sci(Double v) {
        return v == null ? null : String.format(Locale.ROOT, "%.3g", v).replace("e+", "e");
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
