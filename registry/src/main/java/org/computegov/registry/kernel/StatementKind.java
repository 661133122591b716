package org.computegov.registry.kernel;

import java.util.Set;
import org.computegov.registry.statement.Kinds;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * One kind of registry statement, as a capability defines it. The kernel has already read the envelope, authenticated
 * the signer against its registered keys, checked the statement id and the clock, and matched any sealed payload to
 * its commitment; a kind decides what its content means.
 *
 * <p>The contract every kind keeps: {@link #check} refuses with a {@link Rejection} everything that would make
 * {@link #apply} fail (apply runs after the statement is in the log, so a failure there would leave a refused fact in
 * the public log); both are deterministic functions of the statement and the projection (replay runs them again and
 * must get the same rows); neither reads the wall clock.
 *
 * @param <P> what {@link #check} parses out of the statement for {@link #apply} (its plan)
 */
public interface StatementKind<P> {
    /** The wire name: the predicate type is {@code https://computegov.org/attestation/registry-<wire>/v1}. */
    String wire();

    /** The roles any one of which lets an actor sign statements of this kind. */
    Set<Role> signers();

    /** Whether the statement commits to a confidential payload sent beside it (and kept in the vault). */
    boolean sealed();

    /** Whether the statement carries public bytes named by its subject digest (kept in the vault). */
    default boolean takesAttachment() {
        return false;
    }

    /** Whether this issuer may sign the statement without one of {@link #signers()} (an actor managing its own keys). */
    default boolean signableWithoutRole(Input in) {
        return false;
    }

    /**
     * The part of checking that needs no state (parsing a large payload, say), run before the writer's lock so that one
     * submitter's parsing overlaps another's database work. Its result reaches {@link #check}; null when nothing to do.
     */
    default Object prepare(Input in) throws Rejection {
        return null;
    }

    /** Checks the statement against the state; returns the plan {@link #apply} carries out. */
    P check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection;

    /** Writes the statement's effects into the capability's tables; says what it did in {@code effects}. */
    void apply(Handle h, Input in, P plan, long logIndex, Effects effects);

    default String predicateType() {
        return Kinds.predicateType(wire());
    }
}
