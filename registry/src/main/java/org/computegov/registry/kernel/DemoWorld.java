package org.computegov.registry.kernel;

import java.time.Instant;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;

/**
 * {@code cgov serve --demo}'s world as capabilities see it: the demo actors' writers (each signs with the actor's own
 * key, written to the data directory so the CLI can act as any of them) and the front door every statement goes
 * through. The kernel's part registers the actors; each capability then adds its statements.
 */
public interface DemoWorld {
    /** The demo day (midnight UTC of the server's today): everything in the world is dated from it. */
    Instant today();

    /** A writer signing as a demo actor (regulator, cloud-a, cloud-b, frontier-lab, bio-lab, eval-inst, …). */
    StatementWriter as(String actor);

    /** Registers another demo actor (by the regulator) and returns its writer; its key is written beside the others. */
    StatementWriter actor(String id, String name, String jurisdiction, String... roles) throws Exception;

    /** Submits a statement through the registry's front door; a refusal is a bug in the demo. */
    Registry.Accepted submit(Submission submission) throws Rejection;
}
