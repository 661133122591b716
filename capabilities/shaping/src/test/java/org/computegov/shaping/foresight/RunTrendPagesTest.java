package org.computegov.shaping.foresight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTrendPagesTest {
    private static List<double[]> points(int n) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new double[] {i, i * 10.0});
        }
        return out;
    }

    @Test
    void theChartDrawsAtMostItsBoundEvenlyInOrderWithTheLastKept() {
        assertThat(RunTrendPages.thin(points(500), 500)).hasSize(500);
        List<double[]> thinned = RunTrendPages.thin(points(12_345), 500);
        assertThat(thinned).hasSize(500);
        assertThat(thinned.get(0)[0]).isEqualTo(0);
        assertThat(thinned.get(499)[0]).isEqualTo(12_344);
        for (int i = 1; i < thinned.size(); i++) {
            assertThat(thinned.get(i)[0]).isGreaterThan(thinned.get(i - 1)[0]);
        }
    }
}
