package org.computegov.customers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.computegov.registry.kernel.DemoWorld;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.screening.ScreeningLists;
import org.computegov.registry.statement.StatementWriter;

/**
 * The demo world's customers: two providers in two jurisdictions, customers with beneficial owners (Orion Capital
 * Partners owns accounts at both providers), one that matches the synthetic denied-party list, and access events
 * of the foreign customers.
 */
final class CustomersDemo {
    private final DemoWorld world;

    CustomersDemo(DemoWorld world) {
        this.world = world;
    }

    void load() throws Exception {
        StatementWriter regulator = world.as("regulator");
        byte[] list;
        try (InputStream in = ScreeningLists.class.getResourceAsStream(ScreeningLists.SYNTHETIC_RESOURCE)) {
            list = in.readAllBytes();
        }
        world.submit(CustomerStatements.screeningList(regulator, "synthetic", list,
                ScreeningLists.loadCsl(list, "synthetic").size()));

        StatementWriter cloudA = world.as("cloud-a");
        StatementWriter cloudB = world.as("cloud-b");
        customer(cloudA, "acct-frontier", "Frontier Lab Inc.", "US", "US", List.of(owner("Frontier Holdings LLC", "US",
                "LEI:FRONTIERHOLDING00085")), "LOW");
        customer(cloudA, "acct-northwind", "Northwind Compute Pte. Ltd.", "SG", "SG", List.of(owner("Orion Capital Partners",
                "KY", "LEI:ORION0CAPITAL0PART83")), "MEDIUM");
        customer(cloudB, "kunde-0042", "Southwind Analytics FZE", "AE", "AE", List.of(owner("Orion Capital Partners",
                "KY", "LEI:ORION0CAPITAL0PART83")), "MEDIUM");
        customer(cloudB, "kunde-0077", "Zorblat Quantum Dynamics", "CN", "CN", List.of(owner("Zorblat Holdings", "CN", null)), "HIGH");
        customer(cloudA, "acct-biolab", "Bio Models Ltd", "GB", "GB", List.of(owner("Bio Models Group plc", "GB", null)), "LOW");
        access(cloudA, "acct-northwind", "203.0.113.7");
        access(cloudB, "kunde-0042", "198.51.100.23");
        access(cloudB, "kunde-0077", "192.0.2.200");
    }

    private static ObjectNode owner(String name, String country, String identifier) {
        ObjectNode o = Json.object().put("name", name).put("country", country);
        if (identifier != null) {
            o.put("identifier", identifier);
        }
        return o;
    }

    private void customer(StatementWriter provider, String id, String legalName, String country, String addressCountry,
            List<ObjectNode> owners, String risk) throws Exception {
        ObjectNode r = Json.object();
        r.put("customerId", id).put("customerType", "ORGANIZATION").put("legalName", legalName);
        r.putArray("aliases");
        ObjectNode address = r.putObject("address");
        address.putArray("lines").add("1 Example Street");
        address.put("city", "Example City").put("country", addressCountry);
        r.put("country", country);
        ArrayNode o = r.putArray("beneficialOwners");
        owners.forEach(o::add);
        r.putArray("paymentMeans").addObject().put("kind", "WIRE").put("reference", "****" + (1000 + Math.abs(id.hashCode()) % 9000));
        r.put("email", "compliance@" + id + ".example").put("phone", "+15555550100");
        r.putObject("verification").put("method", "DOCUMENTARY").put("evidence", "registry extract on file")
                .put("date", world.today().minus(Duration.ofDays(120)).toString().substring(0, 10)).put("state", "VERIFIED");
        r.put("riskRating", risk);
        world.submit(CustomerStatements.customerRecord(provider, Json.MAPPER.writeValueAsBytes(r)));
    }

    private void access(StatementWriter provider, String customer, String ip) throws Exception {
        ArrayNode events = Json.array();
        for (int d = 3; d >= 1; d--) {
            events.addObject().put("customerId", customer).put("ipAddress", ip).put("time",
                    world.today().minus(Duration.ofDays(d)).plus(Duration.ofHours(9)).toString()).put("action", "console-login");
        }
        world.submit(CustomerStatements.accessEvents(provider, Json.MAPPER.writeValueAsBytes(events), events.size()));
    }
}
