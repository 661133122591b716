package org.computegov.shaping.supplychain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.computegov.registry.kernel.DemoWorld;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.StatementWriter;

/**
 * The demo world's chips: the two clouds register batches with their provenance, and cloud-b
 * transfers some H200s to a buyer in the United Arab Emirates, which export control flags (licence required).
 */
final class ChipsDemo {
    private final DemoWorld world;

    ChipsDemo(DemoWorld world) {
        this.world = world;
    }

    void load() throws Exception {
        register(world.as("cloud-a"), "CA-H100-2024-03", "H100", 24_576, "us-east-1", "US", 400, "Supermicro");
        register(world.as("cloud-a"), "CA-A100-2021-09", "A100", 8_192, "us-west-2", "US", 200, "Dell");
        register(world.as("cloud-b"), "CB-H200-2025-07", "H200", 8_192, "fra-1", "DE", 400, "Hewlett Packard Enterprise");
        register(world.as("cloud-b"), "CB-B200-2026-01", "B200", 32_768, "texas-1", "US", 800, "Foxconn");
        ObjectNode t = Json.object().put("batch", "CB-H200-2025-07").put("count", 1_024).put("to", "southwind-analytics")
                .put("toSite", "abu-dhabi-1").put("toCountry", "AE");
        world.submit(ChipStatements.transfer(world.as("cloud-b"), bytes(t)));
    }

    private void register(StatementWriter owner, String batch, String chip, long count, String site, String country,
            double gbps, String integrator) throws Exception {
        ObjectNode b = Json.object().put("batch", batch).put("chip", chip).put("count", count).put("site", site)
                .put("country", country).put("networkGbps", gbps);
        var p = b.putArray("provenance");
        p.addObject().put("role", "vendor").put("name", "NVIDIA");
        p.addObject().put("role", "distributor").put("name", integrator);
        p.addObject().put("role", "data-centre").put("name", owner.issuer() + " " + site);
        world.submit(ChipStatements.register(owner, bytes(b)));
    }

    private static byte[] bytes(ObjectNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }
}
