package org.computegov.registry.kernel;

import org.computegov.registry.statement.Rejection;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads of the live projection: a transaction whose unqualified table names are the live schema's (as the projector's
 * are), on the server's pool, never on the writer's connection.
 */
public final class ReadStore {
    private final Jdbi jdbi;

    public ReadStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public interface Read<T> {
        T read(Handle h) throws Rejection;
    }

    public <T> T read(Read<T> work) throws Rejection {
        try {
            return jdbi.inTransaction(h -> {
                h.execute("SET LOCAL search_path TO " + Schemas.LIVE);
                try {
                    return work.read(h);
                } catch (Rejection r) {
                    throw new Refused(r);
                }
            });
        } catch (Refused r) {
            throw r.rejection;
        }
    }

    /** For reads that cannot refuse. */
    public <T> T get(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        return jdbi.inTransaction(h -> {
            h.execute("SET LOCAL search_path TO " + Schemas.LIVE);
            return work.withHandle(h);
        });
    }

    private static final class Refused extends RuntimeException {
        private final transient Rejection rejection;

        Refused(Rejection rejection) {
            super(rejection.getMessage(), null, false, false);
            this.rejection = rejection;
        }
    }
}
