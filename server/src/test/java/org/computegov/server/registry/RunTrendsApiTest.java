package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.computegov.server.registry.RegistryHarness.JSON;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.assertProblem;
import static org.computegov.server.registry.RegistryHarness.customer;
import static org.computegov.server.registry.RegistryHarness.customerRecord;
import static org.computegov.server.registry.RegistryHarness.owner;
import static org.computegov.server.registry.RegistryHarness.run;
import static org.computegov.server.registry.RegistryHarness.runDeclaration;
import static org.computegov.server.registry.RegistryHarness.trainsOn;
import static org.computegov.server.registry.RegistryHarness.usage;
import static org.computegov.server.registry.RegistryHarness.usageRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.computegov.server.registry.RegistryHarness.TestActor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compute trend of the registry's own runs through the API (/api/v1/registry/trends/…): runs declared and run with
 * real usage records, the fit checked against ordinary least squares worked out here by hand on the same four points
 * (slope, intercept, and the 90% interval with Student's t for 2 degrees of freedom), and the reads per role.
 */
class RunTrendsApiTest {
    @TempDir static Path data;
    static RegistryHarness registry;
    static TestActor provider;
    static TestActor labA;
    static TestActor labB;
    static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    /** Student's t, 0.95 quantile, 2 degrees of freedom (any table): the 90% two-sided interval for n = 4. */
    static final double T_95_2 = 2.919985580;
    static double[] x = new double[4];
    static double[] y = new double[4];

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryHarness.start(data);
        provider = registry.register("prov-t", "US", "compute-provider");
        labA = registry.register("lab-a", "US", "developer");
        labB = registry.register("lab-b", "US", "developer");
        assertAccepted(provider.submit(customer(provider, customerRecord("acct-t", "Trend Labs", "US", owner("Trend Labs", "US", null)))));
        // lab-a: a run with usage 300 days ago (8 H100s, 100 h) and a declared run without usage (1e22 planned, today);
        // lab-b: runs with usage 200 and 100 days ago (64 H100s, 100 h; 512 H100s, 100 h).
        assertAccepted(labA.submit(run(labA, trainsOn(runDeclaration("a-1", 1e24, null), "prov-t"))));
        assertAccepted(labA.submit(run(labA, runDeclaration("a-2", 1e22, null))));
        assertAccepted(labB.submit(run(labB, trainsOn(runDeclaration("b-1", 1e24, null), "prov-t"))));
        assertAccepted(labB.submit(run(labB, trainsOn(runDeclaration("b-2", 1e24, null), "prov-t"))));
        ArrayNode records = JSON.createArrayNode();
        int[][] runs = {{300, 8}, {200, 64}, {100, 512}};
        String[] ids = {"lab-a/a-1", "lab-b/b-1", "lab-b/b-2"};
        for (int i = 0; i < 3; i++) {
            Instant start = DAY.minus(Duration.ofDays(runs[i][0]));
            records.add(usageRecord("prov-t", "acct-t", runs[i][1], start, start.plus(Duration.ofHours(100)), ids[i], "j" + i));
            x[i] = year(LocalDate.ofInstant(start, ZoneOffset.UTC));
            ArrayNode one = JSON.createArrayNode().add(records.get(i).deepCopy());
            y[i] = Math.log10(RegistryHarness.flop(one));
        }
        assertAccepted(provider.submit(usage(provider, records)));
        x[3] = year(LocalDate.ofInstant(DAY, ZoneOffset.UTC));
        y[3] = 22;
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    /** The decimal year as the fit's x axis defines it, written out: year + (day of year − 1) / days in the year. */
    static double year(LocalDate d) {
        return d.getYear() + (d.getDayOfYear() - 1) / (double) (d.isLeapYear() ? 366 : 365);
    }

    @Test
    void theFitOverTheRegistrysRunsIsOrdinaryLeastSquares() throws Exception {
        double mx = (x[0] + x[1] + x[2] + x[3]) / 4;
        double my = (y[0] + y[1] + y[2] + y[3]) / 4;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < 4; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double ssr = 0;
        for (int i = 0; i < 4; i++) {
            double r = y[i] - (intercept + slope * x[i]);
            ssr += r * r;
        }
        double se = Math.sqrt(ssr / 2 / sxx);

        JsonNode fit = registry.regulator.get("/api/v1/registry/trends/fit").body();
        assertThat(fit.get("models").asInt()).isEqualTo(4);
        assertThat(fit.get("oomPerYear").get("value").asDouble()).isCloseTo(slope, within(1e-9));
        assertThat(fit.get("intercept").asDouble()).isCloseTo(intercept, within(1e-6));
        assertThat(fit.get("oomPerYear").get("low").asDouble()).isCloseTo(slope - T_95_2 * se, within(1e-6));
        assertThat(fit.get("oomPerYear").get("high").asDouble()).isCloseTo(slope + T_95_2 * se, within(1e-6));
        assertThat(fit.get("doublingMonths").get("value").asDouble()).isCloseTo(12 * Math.log10(2) / slope, within(1e-9));
        assertThat(fit.get("source").asText()).startsWith("computegov registry: 4 runs");

        // The frontier: each run that was the largest to date (lab-a/a-2's planned 1e22 is not).
        JsonNode frontier = registry.regulator.get("/api/v1/registry/trends/frontier").body().get("frontier");
        assertThat(frontier).hasSize(3);
        assertThat(frontier.get(2).get("model").asText()).isEqualTo("lab-b/b-2");
        assertThat(frontier.get(2).get("flop").asDouble()).isCloseTo(Math.pow(10, y[2]), within(1e9));

        // The forecast fits the frontier (the three runs with usage): when it reaches 1e24, from the same line by hand.
        double fx = (x[0] + x[1] + x[2]) / 3;
        double fy = (y[0] + y[1] + y[2]) / 3;
        double fsxx = 0;
        double fsxy = 0;
        for (int i = 0; i < 3; i++) {
            fsxx += (x[i] - fx) * (x[i] - fx);
            fsxy += (x[i] - fx) * (y[i] - fy);
        }
        double crossing = fx + (24 - fy) / (fsxy / fsxx);
        JsonNode forecast = registry.regulator.get("/api/v1/registry/trends/forecast?flop=1e24").body();
        LocalDate trendDate = LocalDate.parse(forecast.get("trendDate").asText());
        assertThat(Math.abs(year(trendDate) - crossing)).isLessThan(1.5 / 365);
    }

    @Test
    void eachReaderFitsOnlyTheRunsItMayReadAndBadInputIsA400() throws Exception {
        // lab-b reads its own two runs: too few for a trend with an interval, said as a 400 naming the period.
        JsonNode few = assertProblem(labB.get("/api/v1/registry/trends/fit"), 400, "invalid-statement");
        assertThat(few.get("detail").asText()).contains("Only 2");
        JsonNode own = labB.get("/api/v1/registry/trends/frontier").body();
        assertThat(own.get("frontier")).hasSize(2);
        assertThat(own.toString()).doesNotContain("lab-a");
        assertProblem(provider.get("/api/v1/registry/trends/fit"), 403, "forbidden");
        assertProblem(registry.publicClient().get("/api/v1/registry/trends/fit"), 401, "signature-required");
        assertProblem(registry.regulator.get("/api/v1/registry/trends/forecast"), 400, "invalid-statement");
        JsonNode badDate = assertProblem(registry.regulator.get("/api/v1/registry/trends/fit?from=yesterday"), 400,
                "invalid-statement");
        assertThat(badDate.get("field").asText()).isEqualTo("from");
    }
}
