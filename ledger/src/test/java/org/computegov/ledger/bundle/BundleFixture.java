package org.computegov.ledger.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.intoto.Subject;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.merkle.CompactRange;
import org.computegov.ledger.merkle.InMemoryHashStore;
import org.computegov.ledger.merkle.ProofBuilder;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.ledger.note.VerifierSet;

/** An issuer, a log of n entries (other entries around the issuer's), and bundles built from them. */
final class BundleFixture {
    static final String ORIGIN = "log.example/test";
    static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

    final Ed25519DsseSigner issuer = new Ed25519DsseSigner("regulator", Ed25519PrivateKey.generate());
    final Ed25519NoteSigner logKey = new Ed25519NoteSigner(ORIGIN, Ed25519PrivateKey.generate());
    final List<byte[]> entries = new ArrayList<>();
    private final CompactRange range = new CompactRange();
    private final InMemoryHashStore store = new InMemoryHashStore();

    /** Appends {@code n} entries; those at indices divisible by 3 are issuer-signed statements. */
    BundleFixture(int n) {
        for (int i = 0; i < n; i++) {
            byte[] entry = i % 3 == 0 ? statement("licence-" + i) : ("other entry " + i).getBytes(UTF_8);
            entries.add(entry);
            store.putAll(range.appendEntry(entry));
        }
    }

    byte[] statement(String name) {
        Statement s = new Statement(List.of(Subject.sha256(name, "ab".repeat(32))),
                "https://computegov.org/attestation/licence/v1", null);
        return Dsse.sign(Statement.PAYLOAD_TYPE, s.toJson(), List.of(issuer)).toJson();
    }

    long size() {
        return range.size();
    }

    byte[] checkpoint() {
        return SignedCheckpoint.sign(new Checkpoint(ORIGIN, range.size(), range.root()), logKey);
    }

    Bundle bundle(int index) throws IOException {
        List<byte[]> proof = new ProofBuilder(store).inclusionProof(index, range.size());
        return new Bundle(entries.get(index), checkpoint(), index, range.size(), proof, Optional.empty());
    }

    byte[] status(int index, StatusStatement.State state, Instant issuedAt) {
        return StatusStatement.of("licence-" + index, entries.get(index), state, size(), issuedAt, "test")
                .sign(List.of(issuer));
    }

    BundleVerifier verifier(BundleVerifier.Freshness freshness) {
        return new BundleVerifier(new Dsse(List.of(issuer.verifier()), 1), VerifierSet.of(logKey.verifier()), ORIGIN,
                Statement.PAYLOAD_TYPE, freshness, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static BundleVerifier.Freshness hour() {
        return new BundleVerifier.Freshness(Duration.ofHours(1), Duration.ofMinutes(1));
    }
}
