package org.computegov.knowledge.trends;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Ordinary least squares of y on x with the classical normal-theory intervals (Student's t with n − 2 degrees of
 * freedom). For compute trends x is the decimal year and y is log10 FLOP, so the slope is orders of magnitude per
 * year. Sums are taken about the means (two passes) because x is near 2020: raw sums of x² lose the digits that
 * the slope lives in.
 *
 * @param n number of points
 * @param xMean mean of x
 * @param yMean mean of y
 * @param sxx Σ (x − x̄)²
 * @param slope b = Sxy / Sxx
 * @param intercept a = ȳ − b·x̄
 * @param residualStdError s = √(Σ residual² / (n − 2))
 * @param rSquared 1 − SSE / Syy
 */
public record LogLinearFit(int n, double xMean, double yMean, double sxx, double slope, double intercept,
        double residualStdError, double rSquared) {

    /** An interval; a bound is null where the data do not bound it (a slope not distinguishable from zero). */
    public record Interval(Double low, Double high) {}

    /** Fits y = a + b·x; needs at least three points and two distinct x. */
    public static LogLinearFit of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        int n = x.length;
        if (n < 3) {
            throw new IllegalArgumentException("a fit with intervals needs at least 3 points, got " + n);
        }
        double xm = 0;
        double ym = 0;
        for (int i = 0; i < n; i++) {
            xm += x[i];
            ym += y[i];
        }
        xm /= n;
        ym /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - xm;
            double dy = y[i] - ym;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("all points share one x: no slope can be fitted");
        }
        double b = sxy / sxx;
        double a = ym - b * xm;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (a + b * x[i]);
            sse += r * r;
        }
        double s = Math.sqrt(sse / (n - 2));
        double r2 = syy > 0 ? 1 - sse / syy : 1;
        return new LogLinearFit(n, xm, ym, sxx, b, a, s, r2);
    }

    public double slopeStdError() {
        return residualStdError / Math.sqrt(sxx);
    }

    /** The two-sided Student's t quantile for this fit's n − 2 degrees of freedom. */
    public double tQuantile(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        // No random generator: only the quantile function is used.
        return new TDistribution(null, n - 2).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    public Interval slopeInterval(double confidence) {
        double h = tQuantile(confidence) * slopeStdError();
        return new Interval(slope - h, slope + h);
    }

    /** The fitted line at x. */
    public double meanAt(double x) {
        return yMean + slope * (x - xMean);
    }

    /** Half-width of the confidence band for the line (the mean of y) at x. */
    public double meanBandHalfWidth(double x, double confidence) {
        double d = x - xMean;
        return tQuantile(confidence) * residualStdError * Math.sqrt(1.0 / n + d * d / sxx);
    }

    /** Where the fitted line reaches y0: x0 = x̄ + (y0 − ȳ) / b; NaN for a flat line. */
    public double crossing(double y0) {
        return slope == 0 ? Double.NaN : xMean + (y0 - yMean) / slope;
    }

    /**
     * Fieller's interval for where the line reaches y0: the x at which y0 lies inside the line's confidence band,
     * i.e. (y0 − ȳ − b·d)² ≤ t²s²(1/n + d²/Sxx) with d = x − x̄. A quadratic in d; it bounds an interval only when
     * the slope is significantly different from zero (b² > t²s²/Sxx); otherwise both bounds are null.
     */
    public Interval crossingInterval(double y0, double confidence) {
        double t = tQuantile(confidence);
        double k = t * t * residualStdError * residualStdError;
        double e = y0 - yMean;
        double qa = slope * slope - k / sxx;
        if (!(qa > 0)) {
            return new Interval(null, null);
        }
        double qb = -2 * slope * e;
        double qc = e * e - k / n;
        double disc = qb * qb - 4 * qa * qc;
        double root = Math.sqrt(Math.max(0, disc));
        double d1 = (-qb - root) / (2 * qa);
        double d2 = (-qb + root) / (2 * qa);
        return new Interval(xMean + Math.min(d1, d2), xMean + Math.max(d1, d2));
    }
}
