package org.computegov.server.registry;

import java.util.ArrayList;
import org.computegov.licensing.Licensing;
import org.computegov.licensing.admission.AdmissionPolicy;
import org.computegov.licensing.admission.ComputeRate;
import org.computegov.registry.usage.UsageCompute;
import java.util.List;
import org.computegov.accounting.Accounting;
import org.computegov.customers.Customers;
import org.computegov.customers.Ownership;
import org.computegov.knowledge.export.ExportRules;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.monitoring.AlertPolicy;
import org.computegov.registry.screening.ScreeningOptions;
import org.computegov.shaping.allocation.Allocation;
import org.computegov.shaping.supplychain.ChipRegistry;
import org.computegov.shaping.supplychain.DestinationPolicy;

/**
 * The composition root: the capabilities this server runs, in the order their demo parts load (a capability comes
 * after those it reads). Adding a capability means adding it here; nothing in the kernel changes.
 */
public final class Composition {
    private Composition() {}

    public static List<Capability> capabilities(HardwareCatalog catalog, RegimeCatalog regimes, AlertPolicy alerts,
            List<Capability> extra) {
        return capabilities(catalog, regimes, alerts, org.computegov.licensing.application.LicensingRegimes.builtIn(), extra);
    }

    public static List<Capability> capabilities(HardwareCatalog catalog, RegimeCatalog regimes, AlertPolicy alerts,
            org.computegov.licensing.application.LicensingRegimes licensingRegimes, List<Capability> extra) {
        return capabilities(catalog, regimes, alerts, licensingRegimes, java.time.Clock.systemUTC(),
                Licensing.DEFAULT_HOLD_GRACE, RegistryOptions.DEFAULT_DECISION_RETENTION, extra);
    }

    /**
     * With the server's clock (licensing's admission windows, hold times and their expiry follow it, so a test that
     * moves the server's clock moves them), the grace after which an unreported job's hold expires, and how long the
     * licensing capability keeps admission decisions ({@code cgov serve --hold-grace}, {@code --decision-retention}).
     */
    public static List<Capability> capabilities(HardwareCatalog catalog, RegimeCatalog regimes, AlertPolicy alerts,
            org.computegov.licensing.application.LicensingRegimes licensingRegimes, java.time.Clock clock,
            java.time.Duration holdGrace, java.time.Duration decisionRetention, List<Capability> extra) {
        Customers customers = new Customers(ScreeningOptions.defaults());
        Accounting accounting = new Accounting(catalog, regimes, alerts, Ownership.INSTANCE);
        customers.usage(accounting.customerUsage());
        Licensing licensing = new Licensing(ComputeRate.of(new UsageCompute(catalog)), AdmissionPolicy.defaults(),
                clock, licensingRegimes, holdGrace, decisionRetention);
        ChipRegistry chips = new ChipRegistry(catalog, regimes, ExportRules.builtIn(), DestinationPolicy.builtIn());
        Allocation allocation = new Allocation(catalog, accounting.accountUsage());
        List<Capability> all = new ArrayList<>(List.of(customers, accounting, licensing, chips, allocation,
                new org.computegov.deployment.registry.Deployments(org.computegov.deployment.registry.NotificationRegimes.builtIn())));
        all.addAll(extra);
        return all;
    }
}
