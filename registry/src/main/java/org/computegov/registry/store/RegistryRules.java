package org.computegov.registry.store;

import java.time.Duration;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.registry.monitoring.AlertPolicy;
import org.computegov.registry.screening.ScreeningOptions;

/**
 * What the registry's checks and projections depend on besides the log. Replay must use the same rules as the live
 * registry, or it would rightly report a difference.
 *
 * @param root the bootstrap regulator's key: its name is {@code <actor>/<key>}, and that actor is a regulator
 *     before (and whether or not) it registers itself
 * @param clockSkew how far a statement's issuedAt may be from the server's clock when it is submitted
 */
public record RegistryRules(VerifierKey root, HardwareCatalog catalog, RegimeCatalog regimes, AlertPolicy alerts,
        ScreeningOptions screening, Duration clockSkew) {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    /** The root key's actor id: its name up to the first slash. */
    public String rootActor() {
        int slash = root.name().indexOf('/');
        return slash < 0 ? root.name() : root.name().substring(0, slash);
    }

    public String rootKeyId() {
        return root.name() + "+" + org.computegov.ledger.keys.KeyIds.hex(root.keyId());
    }
}
