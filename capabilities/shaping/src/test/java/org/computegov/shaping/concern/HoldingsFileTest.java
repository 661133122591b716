package org.computegov.shaping.concern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.computegov.knowledge.InvalidInputException;
import org.junit.jupiter.api.Test;

class HoldingsFileTest {
    @Test
    void readsDeclaredHoldings() throws Exception {
        var h = HoldingsFile.read(new StringReader("owner,site,country,chip,count,network_gbps\nlab, dc-1 ,us,H100,8,400\nlab,dc-2,US,A100,4,\n"), "t");
        assertThat(h).containsExactly(new Holding("lab", "dc-1", "US", "H100", 8, 400.0, "declared"),
                new Holding("lab", "dc-2", "US", "A100", 4, null, "declared"));
    }

    @Test
    void allOrNothingWithLineNumbers() {
        assertThatThrownBy(() -> HoldingsFile.read(new StringReader("owner,site,country,chip,count\nlab,dc,US,H100,8\n,dc,US,H100,1\nlab,dc,US,H100,0\n"), "t"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("line 3: owner, site and chip are required")
                .hasMessageContaining("line 4: count must be at least 1");
        assertThatThrownBy(() -> HoldingsFile.read(new StringReader("owner,site,chip,count\n"), "t"))
                .hasMessageContaining("no 'country' column");
    }
}
