package org.computegov.registry.kernel;

import java.util.ArrayList;
import java.util.List;
import org.computegov.registry.statement.RegistryStatement;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Sealed;
import org.computegov.registry.statement.StatementReader;
import org.jdbi.v3.core.Handle;

/**
 * Applies the registry statements among log entries [from, to) to the handle's schema: replay into a fresh schema,
 * rebuilds after a key compromise, and the live projection's catch-up. Other entries, and statements the rules
 * refuse, only move the cursor, once per run of them (22,000 raw entries are one update, not 22,000 transactions).
 */
final class Replayer {
    private final Kernel kernel;
    private final RegistryLog log;

    Replayer(Kernel kernel, RegistryLog log) {
        this.kernel = kernel;
        this.log = log;
    }

    static final class Counts {
        long applied;
        long refused;
        long other;
        final List<String> refusals = new ArrayList<>();
    }

    Counts project(Handle h, long from, long to) throws Exception {
        Counts counts = new Counts();
        long[] pendingSkip = {-1};
        log.read(from, to, (index, bytes) -> {
            RegistryStatement s = registryStatement(bytes);
            if (s == null) {
                counts.other++;
                pendingSkip[0] = index;
                return;
            }
            try {
                Kernel.Checked c = h.inTransaction(t -> kernel.check(t, s, sealed(h, s), attachment(h, s), null));
                h.useTransaction(t -> kernel.apply(t, c, index));
                counts.applied++;
            } catch (Rejection | RuntimeException r) {
                // A statement the rules refuse, or whose rows cannot be written, is passed over the same way live and
                // on replay; its transaction rolled back whole.
                counts.refused++;
                if (counts.refusals.size() < 1000) {
                    counts.refusals.add("entry " + index + ": " + r.getMessage());
                }
                h.useTransaction(t -> Kernel.skip(t, index));
            }
            pendingSkip[0] = -1;
        });
        if (pendingSkip[0] >= 0) {
            h.useTransaction(t -> Kernel.skip(t, pendingSkip[0]));
        }
        return counts;
    }

    private static RegistryStatement registryStatement(byte[] entry) {
        try {
            return StatementReader.read(entry);
        } catch (Rejection e) {
            return null; // not a registry statement: some other signed fact in the log
        }
    }

    private static Sealed sealed(Handle h, RegistryStatement s) {
        if (s.sealedSha256() == null) {
            return null;
        }
        return h.createQuery("SELECT salt, payload FROM " + Schemas.VAULT + ".sealed_payload WHERE commitment = :c")
                .bind("c", s.sealedSha256())
                .map((rs, ctx) -> Sealed.of(rs.getBytes(1), rs.getBytes(2)))
                .findFirst().orElse(null);
    }

    private byte[] attachment(Handle h, RegistryStatement s) {
        StatementKind<?> kind;
        try {
            kind = kernel.kindOf(s);
        } catch (Rejection e) {
            return null; // check() refuses it with the reason
        }
        if (!kind.takesAttachment()) {
            return null;
        }
        return h.createQuery("SELECT content FROM " + Schemas.VAULT + ".attachment WHERE sha256 = :h").bind("h", s.subjectDigest())
                .mapTo(byte[].class).findFirst().orElse(null);
    }
}
