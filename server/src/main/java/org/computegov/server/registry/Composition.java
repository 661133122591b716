package org.computegov.server.registry;

import java.util.ArrayList;
import java.util.List;
import org.computegov.accounting.Accounting;
import org.computegov.customers.Customers;
import org.computegov.customers.Ownership;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.monitoring.AlertPolicy;
import org.computegov.registry.screening.ScreeningOptions;

/**
 * The composition root: the capabilities this server runs, in the order their demo parts load (a capability comes
 * after those it reads). Adding a capability means adding it here; nothing in the kernel changes.
 */
public final class Composition {
    private Composition() {}

    public static List<Capability> capabilities(HardwareCatalog catalog, RegimeCatalog regimes, AlertPolicy alerts,
            List<Capability> extra) {
        Customers customers = new Customers(ScreeningOptions.defaults());
        Accounting accounting = new Accounting(catalog, regimes, alerts, Ownership.INSTANCE);
        customers.usage(accounting.customerUsage());
        List<Capability> all = new ArrayList<>(List.of(customers, accounting));
        all.addAll(extra);
        return all;
    }
}
