package org.computegov.knowledge.trends;

import java.time.LocalDate;

/** Dates as fractional years (2020-07-02 ≈ 2020.5), the x axis of a trend in orders of magnitude per year. */
public final class DecimalYear {
    private DecimalYear() {}

    public static double of(LocalDate date) {
        return date.getYear() + (date.getDayOfYear() - 1) / (double) date.lengthOfYear();
    }

    /** The day a fractional year falls on (to the nearest day); years far outside the calendar are clamped. */
    public static LocalDate toDate(double year) {
        double clamped = Math.max(-9999, Math.min(9999, year));
        int y = (int) Math.floor(clamped);
        LocalDate start = LocalDate.of(y, 1, 1);
        long day = Math.round((clamped - y) * start.lengthOfYear());
        return start.plusDays(day);
    }
}
