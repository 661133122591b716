package org.computegov.licensing.admission;

import java.util.Optional;

/** Where admission reads licences: the registry, or a provider's store of verified bundles. */
public interface LicenceSource {
    /**
     * @throws Unreachable when licence state cannot be read now (the admission policy decides what that means)
     */
    Optional<LicenceState> find(String licenceId) throws Unreachable;

    /** Licence state could not be read. */
    final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
