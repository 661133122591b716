package org.computegov.knowledge.estimate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * {@code String.format(Locale.ROOT, "%.Ng")} and {@code "%,.Nf"} without {@link java.util.Formatter}: the same text
 * (checked against the JDK's formatter in {@code FiguresTest}), at a fraction of the cost. Why: the JDK's formatter
 * builds a new {@link java.text.DecimalFormatSymbols} for every number it prints, so the three or four figures in an
 * admission decision's reason were most of what a decision allocated (docs/BENCHMARKS.md, "Licensing"), and the
 * garbage collections that allocation causes are in the admission latency's tail.
 *
 * <p>Both round half up on the double's shortest decimal representation, as the JDK's formatter does.
 */
public final class Figures {
    private Figures() {}

    /** {@code String.format(Locale.ROOT, "%.<digits>g", value)}: {@code digits} significant figures. */
    public static String significant(double value, int digits) {
        if (!Double.isFinite(value) || digits < 1) {
            return String.format(Locale.ROOT, "%." + digits + "g", value);
        }
        String sign = Double.doubleToRawLongBits(value) < 0 ? "-" : "";
        if (value == 0) {
            return sign + BigDecimal.ZERO.setScale(digits - 1).toPlainString();
        }
        BigDecimal m = BigDecimal.valueOf(Math.abs(value)).round(new MathContext(digits, RoundingMode.HALF_UP));
        int exponent = m.precision() - m.scale() - 1;
        if (exponent >= -4 && exponent < digits) {
            return sign + m.setScale(Math.max(0, digits - 1 - exponent), RoundingMode.UNNECESSARY).toPlainString();
        }
        StringBuilder mantissa = new StringBuilder(m.unscaledValue().toString());
        while (mantissa.length() < digits) {
            mantissa.append('0');
        }
        mantissa.setLength(digits);
        StringBuilder out = new StringBuilder(sign.length() + digits + 6).append(sign).append(mantissa.charAt(0));
        if (digits > 1) {
            out.append('.').append(mantissa, 1, digits);
        }
        int e = Math.abs(exponent);
        return out.append('e').append(exponent < 0 ? '-' : '+').append(e < 10 ? "0" : "").append(e).toString();
    }

    /** {@code String.format(Locale.ROOT, "%,.<decimals>f", value)}: thousands separated by commas. */
    public static String grouped(double value, int decimals) {
        if (!Double.isFinite(value) || decimals < 0) {
            return String.format(Locale.ROOT, "%,." + decimals + "f", value);
        }
        String plain = BigDecimal.valueOf(Math.abs(value)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        int point = plain.indexOf('.');
        int whole = point < 0 ? plain.length() : point;
        StringBuilder out = new StringBuilder(plain.length() + whole / 3 + 1);
        if (Double.doubleToRawLongBits(value) < 0) {
            out.append('-');
        }
        for (int i = 0; i < whole; i++) {
            if (i > 0 && (whole - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        return out.append(plain, whole, plain.length()).toString();
    }
}
