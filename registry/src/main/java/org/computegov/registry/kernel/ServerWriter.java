package org.computegov.registry.kernel;

import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;

/**
 * Statements the server signs itself: with the regulator's key it holds (the bootstrap regulator's signer key in its
 * data directory, as the design brief's "regulator actions … signed with the regulator's key held by the server"), and
 * submitted through the same front door as every other statement, so they are checked, logged and replayed like any.
 * A capability records here what the server observes and must not forget across a restart (licensing: burn-down
 * alerts and overrun notices). A server that holds only the regulator's verifier key has none.
 */
public interface ServerWriter {
    /** The writer signing as the regulator. */
    StatementWriter writer();

    /** Checks, logs and applies one statement, as {@link Registry#submit}. */
    Registry.Accepted submit(Submission submission) throws Rejection;
}
