package org.computegov.registry.kernel;

import java.util.Locale;

/**
 * Numbers as people read them on console pages ({@link View}): FLOP in scientific notation with superscript
 * exponents, counts with thousands separators. The console's own pages use the same, so every page reads alike.
 */
public final class Shown {
    private Shown() {}

    public static String flop(double flop) {
        return flop == 0 ? "0 FLOP" : sci(flop) + " FLOP";
    }

    /** 3.15e23 → "3.15 × 10²³"; between 0.01 and 999,999 plain, with at least four significant digits. */
    public static String sci(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return String.valueOf(v);
        }
        int exp = (int) Math.floor(Math.log10(Math.abs(v)));
        double mantissa = v / Math.pow(10, exp);
        if (Math.abs(mantissa) >= 9.995) {
            mantissa /= 10;
            exp++;
        }
        if (exp >= -2 && exp <= 5) {
            String plain = String.format(Locale.ROOT, "%,." + Math.max(0, 3 - exp) + "f", v);
            return plain.contains(".") ? plain.replaceAll("\\.?0+$", "") : plain;
        }
        return String.format(Locale.ROOT, "%.3g", mantissa).replaceAll("\\.?0+$", "") + " × 10" + superscript(exp);
    }

    public static String count(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static String superscript(int n) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            sb.append(c == '-' ? '⁻' : digits.charAt(c - '0'));
        }
        return sb.toString();
    }
}
