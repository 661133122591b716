package org.computegov.console;

import java.util.ArrayList;
import java.util.List;
import org.computegov.accounting.Accounting;
import org.computegov.console.pages.CapabilityPagesSection;
import org.computegov.console.pages.ComputeSection;
import org.computegov.console.pages.CustomersSection;
import org.computegov.customers.Customers;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.kernel.ConsolePages;
import org.computegov.registry.kernel.Registry;

/**
 * The console pages each running capability contributes. A capability describes its pages as data
 * ({@link Capability#consolePages}: tables, figures, meters, charts built by its own reads for the signed-in user's
 * viewer) and the console draws them, so a new capability needs no change here. Compute and customers predate that
 * and keep their own templates, built here from their published reads.
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
            for (ConsolePages pages : c.consolePages(registry.store(), registry.clock())) {
                out.add(new CapabilityPagesSection(pages, registry));
            }
        }
        return out;
    }
}
