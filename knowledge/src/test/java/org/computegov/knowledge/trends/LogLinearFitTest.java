package org.computegov.knowledge.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

class LogLinearFitTest {
    /**
     * Five points worked by hand: x̄ = 2, ȳ = 3, Sxx = 10, Sxy = 8, so b = 0.8, a = 1.4; residuals −0.4, 0.8, −1.0,
     * 1.2, −0.6 give SSE = 3.6, s² = 1.2, SE(b) = √0.12, Syy = 10, R² = 0.64. t(0.95; 3) = 2.353363 (tables).
     */
    @Test
    void matchesOrdinaryLeastSquaresWorkedByHand() {
        LogLinearFit fit = LogLinearFit.of(new double[] {0, 1, 2, 3, 4}, new double[] {1, 3, 2, 5, 4});
        assertThat(fit.slope()).isCloseTo(0.8, within(1e-12));
        assertThat(fit.intercept()).isCloseTo(1.4, within(1e-12));
        assertThat(fit.residualStdError()).isCloseTo(Math.sqrt(1.2), within(1e-12));
        assertThat(fit.slopeStdError()).isCloseTo(Math.sqrt(0.12), within(1e-12));
        assertThat(fit.rSquared()).isCloseTo(0.64, within(1e-12));
        assertThat(fit.tQuantile(0.90)).isCloseTo(2.353363, within(1e-6));
        LogLinearFit.Interval ci = fit.slopeInterval(0.90);
        assertThat(ci.low()).isCloseTo(0.8 - 2.353363 * Math.sqrt(0.12), within(1e-6));
        assertThat(ci.high()).isCloseTo(0.8 + 2.353363 * Math.sqrt(0.12), within(1e-6));
    }

    @Test
    void tQuantilesMatchPublishedTables() {
        // Two-sided critical values: df 1 at 95% = 12.706, df 2 at 90% = 2.920, df 10 at 95% = 2.228.
        assertThat(fitWithDf(1).tQuantile(0.95)).isCloseTo(12.7062, within(1e-4));
        assertThat(fitWithDf(2).tQuantile(0.90)).isCloseTo(2.9200, within(1e-4));
        assertThat(fitWithDf(10).tQuantile(0.95)).isCloseTo(2.2281, within(1e-4));
    }

    private static LogLinearFit fitWithDf(int df) {
        int n = df + 2;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 2;
        }
        return LogLinearFit.of(x, y);
    }

    @Test
    void refusesTooFewPointsAndOneX() {
        assertThatThrownBy(() -> LogLinearFit.of(new double[] {1, 2}, new double[] {1, 2}))
                .hasMessageContaining("at least 3");
        assertThatThrownBy(() -> LogLinearFit.of(new double[] {1, 1, 1}, new double[] {1, 2, 3}))
                .hasMessageContaining("one x");
    }

    /** Against commons-math3's SimpleRegression (an independent implementation), with x near 2020 as in trends. */
    @Property(tries = 200)
    void agreesWithSimpleRegression(@ForAll @IntRange(min = 3, max = 40) int n, @ForAll long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        SimpleRegression reference = new SimpleRegression();
        for (int i = 0; i < n; i++) {
            x[i] = 2010 + 15 * r.nextDouble();
            y[i] = 18 + 0.6 * (x[i] - 2010) + r.nextGaussian();
            reference.addData(x[i], y[i]);
        }
        LogLinearFit fit = LogLinearFit.of(x, y);
        assertThat(fit.slope()).isCloseTo(reference.getSlope(), within(1e-8));
        assertThat(fit.intercept()).isCloseTo(reference.getIntercept(), within(1e-5));
        assertThat(fit.slopeStdError()).isCloseTo(reference.getSlopeStdErr(), within(1e-8));
        assertThat(fit.rSquared()).isCloseTo(reference.getRSquare(), within(1e-8));
        assertThat(fit.slopeInterval(0.95).high() - fit.slope())
                .isCloseTo(reference.getSlopeConfidenceInterval(0.05), within(1e-8));
    }

    /**
     * Fieller's interval: at each bound the target lies exactly on the edge of the line's confidence band, and the
     * point estimate lies between the bounds.
     */
    @Property(tries = 200)
    void crossingIntervalBoundsLieOnTheConfidenceBand(@ForAll @IntRange(min = 4, max = 30) int n, @ForAll long seed,
            @ForAll @DoubleRange(min = 15, max = 30) double target) {
        java.util.Random r = new java.util.Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2010 + i * 12.0 / n;
            y[i] = 18 + 0.6 * (x[i] - 2010) + 0.3 * r.nextGaussian();
        }
        LogLinearFit fit = LogLinearFit.of(x, y);
        LogLinearFit.Interval ci = fit.crossingInterval(target, 0.9);
        if (ci.low() == null) {
            assertThat(fit.slope() * fit.slope()).isLessThanOrEqualTo(
                    Math.pow(fit.tQuantile(0.9) * fit.slopeStdError(), 2));
            return;
        }
        double x0 = fit.crossing(target);
        assertThat(fit.meanAt(x0)).isCloseTo(target, within(1e-9));
        assertThat(ci.low()).isLessThanOrEqualTo(x0);
        assertThat(ci.high()).isGreaterThanOrEqualTo(x0);
        for (double edge : new double[] {ci.low(), ci.high()}) {
            assertThat(Math.abs(target - fit.meanAt(edge))).isCloseTo(fit.meanBandHalfWidth(edge, 0.9), within(1e-7));
        }
    }
}
