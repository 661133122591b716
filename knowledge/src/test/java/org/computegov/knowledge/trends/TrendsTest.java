package org.computegov.knowledge.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.computegov.knowledge.InvalidInputException;
import org.junit.jupiter.api.Test;

class TrendsTest {
    private static NotableModel model(String name, String date, Double flop, String... domains) {
        return new NotableModel(name, List.of(domains), "Org " + name, "Nowhere", LocalDate.parse(date), flop);
    }

    /**
     * Four models on 1 January (decimal years 2018..2021) at 1e20, 1e21, 1e21, 1e23 FLOP, worked by hand:
     * x̄ = 2019.5, ȳ = 21.25, Sxx = 5, Sxy = 4.5, so b = 0.9 OOM/yr, growth 10^0.9 = 7.943×/yr, doubling
     * 12·log10(2)/0.9 = 4.0137 months; residuals 0.1, 0.2, −0.7, 0.4 give SSE = 0.7, SE(b) = √(0.35/5);
     * Syy = 4.75, R² = 0.852632.
     */
    private static final NotableModels HAND = new NotableModels(List.of(
            model("A", "2018-01-01", 1e20, "Language"), model("B", "2019-01-01", 1e21, "Vision"),
            model("C", "2020-01-01", 1e21, "Language", "Vision"), model("D", "2021-01-01", 1e23, "Language"),
            model("no compute", "2020-06-01", null, "Language"), model("before", "2009-06-01", 1e25, "Games")), "test");

    @Test
    void fitAgreesWithLeastSquaresByHand() throws Exception {
        TrendFit fit = new Trends(HAND).fit(Basis.ALL, new Trends.Selection(LocalDate.of(2010, 1, 1), null, null), 0.90);
        assertThat(fit.models()).isEqualTo(4);
        assertThat(fit.first()).isEqualTo(LocalDate.of(2018, 1, 1));
        assertThat(fit.last()).isEqualTo(LocalDate.of(2021, 1, 1));
        assertThat(fit.oomPerYear().value()).isCloseTo(0.9, within(1e-9));
        assertThat(fit.intercept()).isCloseTo(21.25 - 0.9 * 2019.5, within(1e-6));
        assertThat(fit.growthPerYear().value()).isCloseTo(7.943282, within(1e-6));
        assertThat(fit.doublingMonths().value()).isCloseTo(4.013733, within(1e-6));
        assertThat(fit.rSquared()).isCloseTo(0.852632, within(1e-6));
        // df = 2 has a closed form: t = (2p − 1) / √(2p(1 − p)) at p = 0.95.
        double half = 0.9 / Math.sqrt(0.095) * Math.sqrt(0.35 / 5);
        assertThat(fit.oomPerYear().low()).isCloseTo(0.9 - half, within(1e-6));
        assertThat(fit.oomPerYear().high()).isCloseTo(0.9 + half, within(1e-6));
        assertThat(fit.growthPerYear().low()).isCloseTo(Math.pow(10, 0.9 - half), within(1e-4));
        // The shortest doubling time comes from the steepest slope.
        assertThat(fit.doublingMonths().low()).isCloseTo(12 * Math.log10(2) / (0.9 + half), within(1e-6));
        assertThat(fit.doublingMonths().high()).isCloseTo(12 * Math.log10(2) / (0.9 - half), within(1e-6));
    }

    @Test
    void periodAndDomainSelectModels() throws Exception {
        Trends trends = new Trends(HAND);
        TrendFit language = trends.fit(Basis.ALL, new Trends.Selection(LocalDate.of(2010, 1, 1), null, "language"), 0.9);
        assertThat(language.models()).isEqualTo(3);
        // A, C, D: x = 2018, 2020, 2021; y = 20, 21, 23 → x̄ = 2019.667, Sxx = 14/3, Sxy = 13/3, b = 13/14.
        assertThat(language.oomPerYear().value()).isCloseTo(13.0 / 14, within(1e-9));
        assertThatThrownBy(() -> trends.fit(Basis.ALL,
                new Trends.Selection(LocalDate.of(2018, 1, 1), LocalDate.of(2019, 12, 31), null), 0.9))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Only 2");
        assertThatThrownBy(() -> trends.fit(Basis.ALL, new Trends.Selection(LocalDate.of(2010, 1, 1), null, "Chess"), 0.9))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Chess")
                .extracting(e -> ((InvalidInputException) e).hint()).asString().contains("Language", "Vision");
        assertThatThrownBy(() -> trends.fit(Basis.ALL,
                new Trends.Selection(LocalDate.of(2020, 1, 1), LocalDate.of(2019, 1, 1), null), 0.9))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("--to");
    }

    @Test
    void frontierIsTheLargestRunToDate() throws Exception {
        Trends trends = new Trends(HAND);
        // "before" (2009, 1e25) holds the record over the whole history, so nothing after it is on the frontier.
        assertThat(trends.frontier(new Trends.Selection(LocalDate.MIN, null, null)))
                .extracting(FrontierPoint::model).containsExactly("before");
        assertThat(trends.frontier(new Trends.Selection(LocalDate.MIN, null, "language")))
                .extracting(FrontierPoint::model).containsExactly("A", "C", "D");
    }

    @Test
    void forecastSolvesTheFrontierLineWithAnInterval() throws Exception {
        CrossingForecast f = new Trends(HAND).forecast(1e24, new Trends.Selection(LocalDate.of(2010, 1, 1), null, "Language"), 0.9);
        // Frontier A, C, D: log10 1e24 = 24 = ȳ + b (x − x̄) with ȳ = 64/3, x̄ = 2019 + 2/3, b = 13/14.
        double x0 = 2019.0 + 2.0 / 3 + (24 - 64.0 / 3) / (13.0 / 14);
        assertThat(f.trendDate()).isEqualTo(DecimalYear.toDate(x0));
        assertThat(f.firstReachedBy()).isNull();
        if (f.low() != null) {
            assertThat(f.low()).isBeforeOrEqualTo(f.trendDate());
            assertThat(f.high()).isAfterOrEqualTo(f.trendDate());
        }
        CrossingForecast reached = new Trends(HAND).forecast(5e20, new Trends.Selection(LocalDate.of(2010, 1, 1), null, "Language"), 0.9);
        assertThat(reached.firstReachedBy().model()).isEqualTo("C");
        assertThatThrownBy(() -> new Trends(HAND).forecast(0, Trends.Selection.since2010(), 0.9))
                .isInstanceOf(InvalidInputException.class);
    }

    /**
     * The shipped Epoch data, fitted by this code, against an independent computation: the points are read from
     * the CSV here with commons-csv and regressed with commons-math3's SimpleRegression.
     */
    @Test
    void builtInFitMatchesAnIndependentRegressionAndThePublishedRange() throws Exception {
        Trends trends = Trends.builtIn();
        for (LocalDate to : new LocalDate[] {LocalDate.of(2021, 12, 31), null}) {
            SimpleRegression reference = new SimpleRegression();
            try (var reader = new InputStreamReader(getClass().getResourceAsStream(NotableModels.BUILT_IN), StandardCharsets.UTF_8)) {
                for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    String flop = r.get("Training compute (FLOP)");
                    String date = r.get("Publication date");
                    if (flop.isEmpty() || date.isEmpty()) {
                        continue;
                    }
                    LocalDate d = LocalDate.parse(date);
                    if (d.getYear() >= 2010 && (to == null || !d.isAfter(to))) {
                        reference.addData(d.getYear() + (d.getDayOfYear() - 1) / (double) d.lengthOfYear(),
                                Math.log10(Double.parseDouble(flop)));
                    }
                }
            }
            TrendFit fit = trends.fit(Basis.ALL, new Trends.Selection(Trends.DEFAULT_FROM, to, null), 0.90);
            assertThat(fit.models()).isEqualTo((int) reference.getN());
            assertThat(fit.oomPerYear().value()).isCloseTo(reference.getSlope(), within(1e-9));
            assertThat(fit.rSquared()).isCloseTo(reference.getRSquare(), within(1e-9));
            assertThat(fit.oomPerYear().high() - fit.oomPerYear().value())
                    .isCloseTo(reference.getSlopeConfidenceInterval(0.10), within(1e-9));
        }
        // And in the published neighbourhood: ~6-month doubling for 2010-2022 (Sevilla et al. 5.7 months, x4.3/yr),
        // 4-5x/yr since 2010 (Epoch AI 4.7x, 90% CI 4.3-5.2x).
        TrendFit dl = trends.fit(Basis.ALL, new Trends.Selection(Trends.DEFAULT_FROM, LocalDate.of(2021, 12, 31), null), 0.9);
        assertThat(dl.doublingMonths().value()).isBetween(5.0, 7.0);
        TrendFit since2010 = trends.fit(Basis.ALL, Trends.Selection.since2010(), 0.9);
        assertThat(since2010.growthPerYear().value()).isBetween(4.0, 5.2);
    }

    @Test
    void decimalYearsRoundTrip() {
        for (LocalDate d = LocalDate.of(2019, 12, 25); d.isBefore(LocalDate.of(2021, 1, 10)); d = d.plusDays(1)) {
            assertThat(DecimalYear.toDate(DecimalYear.of(d))).isEqualTo(d);
        }
        assertThat(DecimalYear.of(LocalDate.of(2020, 1, 1))).isEqualTo(2020.0);
    }
}
