package org.computegov.knowledge.trends;

import java.time.LocalDate;
import java.util.List;

/**
 * A log-linear trend of training compute over time: log10 FLOP = intercept + oomPerYear × (decimal year).
 *
 * @param from first day of the period asked for (inclusive)
 * @param to last day of the period asked for (inclusive), or null for "to the end of the data"
 * @param models how many models the fit used; {@code first} and {@code last} are their earliest and latest dates
 * @param oomPerYear the slope: orders of magnitude per year
 * @param growthPerYear 10^slope: the factor by which compute grows in a year
 * @param doublingMonths 12·log10(2)/slope
 * @param residualStdErrorOom scatter about the line, in orders of magnitude
 * @param source the data's origin and licence (credit Epoch AI for the built-in data)
 */
public record TrendFit(Basis basis, String domain, LocalDate from, LocalDate to, int models, LocalDate first,
        LocalDate last, double confidence, Estimate oomPerYear, Estimate growthPerYear, Estimate doublingMonths,
        double intercept, double rSquared, double residualStdErrorOom, String source) {

    /** The published estimates this fit is compared with (compute_trends.csv). */
    public static final List<String> PUBLISHED = List.of(
            "Sevilla et al. 2022 (arXiv:2202.05924): 2010-2022 doubling 5.7 months (~6), x4.3/yr",
            "Epoch AI 2024: notable models since 2010 grow 4-5x/yr (data insight: 4.7x/yr, 90% CI 4.3-5.2x, n=428)");

    static TrendFit of(Basis basis, String domain, LocalDate from, LocalDate to, List<LocalDate> dates,
            LogLinearFit fit, double confidence, String source) {
        LogLinearFit.Interval slope = fit.slopeInterval(confidence);
        double b = fit.slope();
        Estimate oom = new Estimate(b, slope.low(), slope.high());
        Estimate growth = new Estimate(Math.pow(10, b), Math.pow(10, slope.low()), Math.pow(10, slope.high()));
        // Doubling time falls as the slope rises: the slope's upper bound gives the shortest doubling time.
        Estimate doubling = new Estimate(doublingMonths(b), positiveOrNull(doublingMonths(slope.high())),
                positiveOrNull(doublingMonths(slope.low())));
        return new TrendFit(basis, domain, from, to, fit.n(), dates.get(0), dates.get(dates.size() - 1), confidence,
                oom, growth, doubling, fit.intercept(), fit.rSquared(), fit.residualStdError(), source);
    }

    static double doublingMonths(double oomPerYear) {
        return 12 * Math.log10(2) / oomPerYear;
    }

    private static Double positiveOrNull(double months) {
        return months > 0 && Double.isFinite(months) ? months : null;
    }
}
