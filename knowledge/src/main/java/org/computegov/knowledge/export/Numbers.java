package org.computegov.knowledge.export;

import java.math.BigDecimal;

/** Number formatting for explanations: thresholds as the rule writes them, measurements to useful precision. */
final class Numbers {
    private Numbers() {}

    /** 4800.0 → "4800", 5.92 → "5.92". */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A measured figure: one decimal for large values, more for small ones (PD 2.909). */
    static String measured(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(java.util.Locale.ROOT, "%.1f", v);
        }
        return String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}
