package org.computegov.ledger.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.merkle.CompactRange;
import org.computegov.ledger.merkle.InMemoryHashStore;
import org.computegov.ledger.merkle.ProofBuilder;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.ledger.note.VerifierSet;

/** A small in-memory log for witness tests. */
final class TestLog {
    final String origin;
    final Ed25519NoteSigner key;
    private final CompactRange range = new CompactRange();
    private final InMemoryHashStore store = new InMemoryHashStore();
    private final List<byte[]> roots = new ArrayList<>();

    TestLog(String origin) {
        this.origin = origin;
        this.key = new Ed25519NoteSigner(origin, Ed25519PrivateKey.generate());
        roots.add(range.root());
    }

    void grow(int n) {
        for (int i = 0; i < n; i++) {
            store.putAll(range.appendEntry(("entry " + range.size()).getBytes(StandardCharsets.UTF_8)));
            roots.add(range.root());
        }
    }

    byte[] root(long size) {
        return roots.get((int) size);
    }

    Checkpoint checkpoint(long size) {
        return new Checkpoint(origin, size, root(size));
    }

    byte[] signed(long size) {
        return SignedCheckpoint.sign(checkpoint(size), key);
    }

    List<byte[]> proof(long from, long to) throws IOException {
        return from == 0 ? List.of() : new ProofBuilder(store).consistencyProof(from, to);
    }

    VerifierSet verifiers() {
        return VerifierSet.of(key.verifier());
    }
}
