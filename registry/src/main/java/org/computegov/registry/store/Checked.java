package org.computegov.registry.store;

import org.computegov.registry.statement.RegistryStatement;
import org.computegov.registry.statement.Sealed;

/**
 * A statement that passed every check against the registry's state, with what its kind parsed from it: applying
 * it cannot fail for a reason the submitter could fix.
 *
 * @param keyId the registered key whose signature verified
 * @param sealed the confidential payload, or null
 * @param attachment public bytes named by the subject digest, or null
 * @param plan the kind's parsed content (see {@link Projector})
 */
public record Checked(RegistryStatement statement, String keyId, Sealed sealed, byte[] attachment, Object plan) {}
