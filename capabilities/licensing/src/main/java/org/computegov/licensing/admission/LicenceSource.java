package org.computegov.licensing.admission;

import java.util.Optional;

/** Where admission reads licences: the registry, or a provider's store of verified bundles. */
public interface LicenceSource {
    /**
     * @throws Unreachable when licence state cannot be read now (the admission policy decides what that means)
     */
    Optional<LicenceState> find(String licenceId) throws Unreachable;

    /**
     * Records a hold admission has just placed on {@code state}'s budget, before the job is told it may start. A
     * source that keeps budgets only in memory (a provider's book of bundles, a test's) records nothing; the registry
     * writes it durably, so that a restart still counts it.
     *
     * @return false when the hold id is already another licence's job's (the hold is then not recorded)
     * @throws Unreachable when it cannot be recorded now
     */
    default boolean held(LicenceState state, JobRequest job, String holdId, java.math.BigInteger flop) throws Unreachable {
        return true;
    }

    /**
     * Whether finding and holding only read and write memory (a book of verified bundles, a test's), so an admission
     * server may decide on the thread that read the request instead of handing it to a pool. False by default.
     */
    default boolean inMemory() {
        return false;
    }

    /** Licence state could not be read. */
    final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
