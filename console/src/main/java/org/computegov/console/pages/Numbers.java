package org.computegov.console.pages;

import java.time.LocalDate;
import java.util.Locale;

/** Numbers as the console's pages write them: FLOP in scientific notation, counts with thousands separators. */
public final class Numbers {
    private Numbers() {}

    public static String flop(double flop) {
        return flop == 0 ? "0 FLOP" : sci(flop) + " FLOP";
    }

    /** 3.15e23 → "3.15 × 10²³". */
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
            // Plain notation with at least four significant digits: 2,368 and 2.909, not 2.37e+03.
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

    public static String date(LocalDate d) {
        return d == null ? "—" : d.toString();
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
