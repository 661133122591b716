package org.computegov.knowledge.estimate;

import java.util.Locale;

/**
 * {@code String.format(Locale.ROOT, "%.Ng")} and {@code "%,.Nf"} without {@link java.util.Formatter}: the same text
 * (checked against the JDK's formatter in {@code FiguresTest}), at a fraction of the cost. Why: the JDK's formatter
 * builds a new {@link java.text.DecimalFormatSymbols} for every number it prints, so the three or four figures in an
 * admission decision's reason were most of what a decision allocated (docs/BENCHMARKS.md, "Licensing"), and the
 * garbage collections that allocation causes are in the admission latency's tail.
 *
 * <p>Both round half up on the double's shortest decimal digits ({@link Double#toString}), as the JDK's formatter
 * does; the rounding is done on those digits as text, so no {@code BigDecimal} is made either.
 */
public final class Figures {
    private Figures() {}

    /** A positive finite double as decimal digits {@code d₀d₁…} (no leading zero) with value d₀.d₁… × 10^exponent. */
    private static final class Digits {
        final StringBuilder d = new StringBuilder(24);
        int exponent;

        Digits(double positive) {
            String s = Double.toString(positive);
            int e = s.indexOf('E');
            String mantissa = e < 0 ? s : s.substring(0, e);
            int point = mantissa.indexOf('.');
            exponent = point - 1 + (e < 0 ? 0 : Integer.parseInt(s.substring(e + 1)));
            for (int i = 0; i < mantissa.length(); i++) {
                char c = mantissa.charAt(i);
                if (c == '.') {
                    continue;
                }
                if (c == '0' && d.length() == 0) {
                    exponent--; // a leading zero: the first significant digit is further right
                } else {
                    d.append(c);
                }
            }
        }

        /**
         * Keeps the first {@code keep} digits, rounding half up on the first digit dropped. With {@code keep} 0 only
         * that rounding is left (the value becomes 1 at the next power of ten, or 0); below 0 the first dropped digit
         * is an implicit 0, so the value becomes 0. Returns false when it became 0.
         */
        boolean round(int keep) {
            if (keep >= d.length()) {
                return true;
            }
            if (keep < 0) {
                return false;
            }
            boolean up = d.charAt(keep) >= '5';
            d.setLength(keep);
            if (up) {
                int i = keep - 1;
                while (i >= 0 && d.charAt(i) == '9') {
                    d.setCharAt(i--, '0');
                }
                if (i >= 0) {
                    d.setCharAt(i, (char) (d.charAt(i) + 1));
                } else {
                    d.insert(0, '1');
                    exponent++;
                }
            }
            return d.length() > 0;
        }

        char at(int i) {
            return i < d.length() ? d.charAt(i) : '0';
        }
    }

    /** {@code String.format(Locale.ROOT, "%.<digits>g", value)}: {@code digits} significant figures. */
    public static String significant(double value, int digits) {
        if (!Double.isFinite(value) || digits < 1) {
            return String.format(Locale.ROOT, "%." + digits + "g", value);
        }
        StringBuilder out = new StringBuilder(digits + 8);
        if (Double.doubleToRawLongBits(value) < 0) {
            out.append('-');
        }
        if (value == 0) {
            out.append('0');
            if (digits > 1) {
                out.append('.').append("0".repeat(digits - 1));
            }
            return out.toString();
        }
        Digits m = new Digits(Math.abs(value));
        m.round(digits);
        int exponent = m.exponent;
        if (exponent >= -4 && exponent < digits) {
            if (exponent >= 0) {
                for (int i = 0; i <= exponent; i++) {
                    out.append(m.at(i));
                }
                if (digits - 1 - exponent > 0) {
                    out.append('.');
                    for (int i = exponent + 1; i < digits; i++) {
                        out.append(m.at(i));
                    }
                }
            } else {
                out.append("0.");
                for (int i = 0; i < -exponent - 1; i++) {
                    out.append('0');
                }
                for (int i = 0; i < digits; i++) {
                    out.append(m.at(i));
                }
            }
            return out.toString();
        }
        out.append(m.at(0));
        if (digits > 1) {
            out.append('.');
            for (int i = 1; i < digits; i++) {
                out.append(m.at(i));
            }
        }
        int e = Math.abs(exponent);
        return out.append('e').append(exponent < 0 ? '-' : '+').append(e < 10 ? "0" : "").append(e).toString();
    }

    /** {@code String.format(Locale.ROOT, "%,.<decimals>f", value)}: thousands separated by commas. */
    public static String grouped(double value, int decimals) {
        if (!Double.isFinite(value) || decimals < 0) {
            return String.format(Locale.ROOT, "%,." + decimals + "f", value);
        }
        StringBuilder out = new StringBuilder(32);
        if (Double.doubleToRawLongBits(value) < 0) {
            out.append('-');
        }
        int whole;
        Digits m = null;
        if (value == 0) {
            whole = 1;
        } else {
            m = new Digits(Math.abs(value));
            // Keep the digits down to the last decimal place printed.
            int keep = m.exponent + 1 + decimals;
            if (!m.round(keep)) {
                m = null;
                whole = 1;
            } else {
                whole = Math.max(1, m.exponent + 1);
            }
        }
        // Digit i of the whole part is the digit at 10^(whole-1-i); digit k of m sits at 10^(exponent-k).
        for (int i = 0; i < whole; i++) {
            if (i > 0 && (whole - i) % 3 == 0) {
                out.append(',');
            }
            out.append(m == null ? '0' : digitAt(m, whole - 1 - i));
        }
        if (decimals > 0) {
            out.append('.');
            for (int p = -1; p >= -decimals; p--) {
                out.append(m == null ? '0' : digitAt(m, p));
            }
        }
        return out.toString();
    }

    private static char digitAt(Digits m, int power) {
        int k = m.exponent - power;
        return k < 0 ? '0' : m.at(k);
    }
}
