package org.computegov.registry.kernel;

import org.jdbi.v3.core.Handle;

/**
 * A capability's reaction to another capability's statements, applied in the same transaction: how one capability
 * keeps its projection current with another's without either importing the other (accounting re-evaluates a
 * beneficial owner's compute when a KYC record changes who owns an account).
 *
 * @param <B> what the follower notes before the statement is applied
 */
public interface Follower<B> {
    /** The kind followed, by wire name. */
    String kind();

    /** Runs before the followed kind's apply. */
    B before(Handle h, Input in);

    /** Runs after it, in the same transaction. */
    void after(Handle h, Input in, B before, long logIndex, Effects effects);
}
