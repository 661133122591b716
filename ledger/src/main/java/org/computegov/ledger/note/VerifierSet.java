package org.computegov.ledger.note;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trusted keys a note is opened against, looked up by (key name, key ID).
 *
 * <p>Two different keys with the same name and ID are a configuration mistake and rejected here,
 * rather than making every note they sign ambiguous later.
 */
public final class VerifierSet {
    private record Id(String name, int keyId) {}

    private final Map<Id, NoteVerifier> byId;

    private VerifierSet(Map<Id, NoteVerifier> byId) {
        this.byId = Map.copyOf(byId);
    }

    /** Returns a set of the given verifiers. */
    public static VerifierSet of(NoteVerifier... verifiers) {
        return of(List.of(verifiers));
    }

    /** Returns a set of the given verifiers; the same verifier may appear twice, colliding ones may not. */
    public static VerifierSet of(Collection<? extends NoteVerifier> verifiers) {
        Map<Id, NoteVerifier> map = new HashMap<>();
        for (NoteVerifier v : verifiers) {
            NoteVerifier old = map.putIfAbsent(new Id(v.name(), v.keyId()), v);
            if (old != null && !old.equals(v)) {
                throw new IllegalArgumentException("two different keys share name and key ID: " + v.name() + "+"
                        + String.format("%08x", v.keyId()));
            }
        }
        return new VerifierSet(map);
    }

    /** Returns the verifier for a signature line's name and key ID, if trusted. */
    public Optional<NoteVerifier> find(String name, int keyId) {
        return Optional.ofNullable(byId.get(new Id(name, keyId)));
    }

    /** Returns the number of distinct trusted keys. */
    public int size() {
        return byId.size();
    }

    /** Returns this set plus more verifiers. */
    public VerifierSet plus(Collection<? extends NoteVerifier> more) {
        List<NoteVerifier> all = new java.util.ArrayList<>(byId.values());
        all.addAll(more);
        return of(all);
    }
}
