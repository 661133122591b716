package org.computegov.console;

import java.util.ArrayList;
import java.util.List;
import org.computegov.accounting.Accounting;
import org.computegov.console.pages.ComputeSection;
import org.computegov.console.pages.CustomersSection;
import org.computegov.customers.Customers;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.kernel.Registry;

/**
 * The console pages each running capability contributes, built from the capability's published reads. A new
 * capability (licences, deployment, allocation, …) adds its section class and one line here; its pages then call
 * its reads with the signed-in user's viewer, so they show exactly what the API would answer that user.
 */
public final class CapabilitySections {
    private CapabilitySections() {}

    public static List<ConsoleSection> of(Registry registry) {
        List<ConsoleSection> out = new ArrayList<>();
        for (Capability c : registry.catalogue().capabilities()) {
            if (c instanceof Accounting a) {
                out.add(new ComputeSection(a.reads(registry.store()), registry.clock()));
            } else if (c instanceof Customers cu) {
                out.add(new CustomersSection(cu.reads(registry.store())));
            }
        }
        return out;
    }
}
