package org.computegov.console.pages;

import java.time.LocalDate;
import org.computegov.registry.kernel.Shown;

/** Numbers as the console's pages write them: the kernel's {@link Shown}, which capabilities' pages use too. */
public final class Numbers {
    private Numbers() {}

    public static String flop(double flop) {
        return Shown.flop(flop);
    }

    /** 3.15e23 → "3.15 × 10²³". */
    public static String sci(double v) {
        return Shown.sci(v);
    }

    public static String count(double v) {
        return Shown.count(v);
    }

    public static String percent(double fraction) {
        return Shown.percent(fraction);
    }

    public static String date(LocalDate d) {
        return d == null ? "—" : d.toString();
    }
}
