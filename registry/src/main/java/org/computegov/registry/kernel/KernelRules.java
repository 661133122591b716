package org.computegov.registry.kernel;

import java.time.Duration;
import org.computegov.ledger.keys.VerifierKey;

/**
 * What the kernel's checks depend on besides the log. Replay must use the same rules as the live registry, or it would
 * rightly report a difference.
 *
 * @param root the genesis (bootstrap) regulator key: its name is {@code <actor>/<key>}, and that actor is a regulator
 *     before (and whether or not) it registers itself; a root-key statement may rotate it later
 * @param clockSkew how far a statement's issuedAt may be from the server's clock when it is submitted
 */
public record KernelRules(VerifierKey root, Duration clockSkew) {
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    /** The root key's actor id: its name up to the first slash. */
    public String rootActor() {
        int slash = root.name().indexOf('/');
        return slash < 0 ? root.name() : root.name().substring(0, slash);
    }

    public String rootKeyId() {
        return Keys.keyId(root);
    }
}
