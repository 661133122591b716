package org.computegov.deployment.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.computegov.deployment.oms.Manifest;
import org.computegov.deployment.oms.ModelHasher;
import org.computegov.deployment.oms.Progress;
import org.computegov.deployment.oms.Serialization;
import org.computegov.ledger.bundle.Bundle;
import org.computegov.ledger.bundle.BundleVerifier;
import org.computegov.ledger.bundle.StatusStatement;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.merkle.CompactRange;
import org.computegov.ledger.merkle.InMemoryHashStore;
import org.computegov.ledger.merkle.ProofBuilder;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.ledger.note.VerifierSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline serving check against a real (in-memory) Merkle log, the regulator's key and status statements. */
class ServingCheckTest {
    private static final String ORIGIN = "registry.example/log";
    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");
    private static final ModelHasher HASHER = new ModelHasher(2);

    private final Ed25519DsseSigner regulator = new Ed25519DsseSigner("regulator/main", Ed25519PrivateKey.generate());
    private final Ed25519NoteSigner logKey = new Ed25519NoteSigner(ORIGIN, Ed25519PrivateKey.generate());
    private final CompactRange range = new CompactRange();
    private final InMemoryHashStore store = new InMemoryHashStore();
    @TempDir Path tmp;
    private Path model;
    private Manifest manifest;

    @AfterAll
    static void close() {
        HASHER.close();
    }

    @BeforeEach
    void model() throws Exception {
        model = Files.createDirectory(tmp.resolve("frontier-7b"));
        Files.writeString(model.resolve("config.json"), "{\"layers\": 32}");
        Files.createDirectory(model.resolve("weights"));
        for (int i = 0; i < 3; i++) {
            Files.write(model.resolve("weights/shard-" + i + ".safetensors"), ("weights " + i).repeat(1000).getBytes(StandardCharsets.UTF_8));
        }
        manifest = HASHER.hash(model, new Serialization.Files(false, List.of()), Progress.NONE).manifest();
        for (int i = 0; i < 5; i++) {
            store.putAll(range.appendEntry(("someone else's entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private Bundle issue(Authorization a, Ed25519DsseSigner signer) throws Exception {
        byte[] entry = Dsse.sign(Statement.PAYLOAD_TYPE, a.statement().toJson(), List.of(signer)).toJson();
        long index = range.size();
        store.putAll(range.appendEntry(entry));
        store.putAll(range.appendEntry("a later entry".getBytes(StandardCharsets.UTF_8)));
        byte[] cp = SignedCheckpoint.sign(new Checkpoint(ORIGIN, range.size(), range.root()), logKey);
        return new Bundle(entry, cp, index, range.size(), new ProofBuilder(store).inclusionProof(index, range.size()),
                Optional.empty());
    }

    private Bundle withStatus(Bundle b, StatusStatement.State state, Instant at) {
        return b.withStatus(StatusStatement.of("auth", b.envelope(), state, b.treeSize(), at, "").sign(List.of(regulator)));
    }

    private ServingCheck.Decision check(Bundle b, ServingCheck.Site site) throws Exception {
        BundleVerifier v = new BundleVerifier(new Dsse(List.of(regulator.verifier()), 1), VerifierSet.of(logKey.verifier()),
                ORIGIN, Statement.PAYLOAD_TYPE, new BundleVerifier.Freshness(Duration.ofHours(24), Duration.ofMinutes(5)),
                Clock.fixed(NOW, ZoneOffset.UTC));
        return ServingCheck.check(model, b, v, site, NOW, HASHER, Progress.NONE);
    }

    private Authorization authorization(boolean withResources, Optional<Instant> until) {
        return Authorization.of("auth-1", manifest, withResources, List.of("EU", "US"), List.of("cloud-a"),
                Map.of("requestsPerDay", 1e6), NOW.minus(Duration.ofDays(1)), until);
    }

    @Test
    void authorizedWeightsWithAFreshStatusAreAllowed() throws Exception {
        Bundle b = withStatus(issue(authorization(true, Optional.empty()), regulator), StatusStatement.State.VALID, NOW.minusSeconds(3600));
        ServingCheck.Decision d = check(b, new ServingCheck.Site(Optional.of("EU"), Optional.of("cloud-a")));
        assertThat(d.reasons()).isEmpty();
        assertThat(d.allowed()).isTrue();
        assertThat(d.root()).contains(manifest.rootHex());
        assertThat(d.freshUntil()).contains(NOW.minusSeconds(3600).plus(Duration.ofHours(24)));
        // The bundle survives its JSON form.
        assertThat(check(Bundle.parse(b.toJson()), ServingCheck.Site.ANY).allowed()).isTrue();
    }

    @Test
    void aSwappedWeightFileIsDeniedByName() throws Exception {
        Bundle b = withStatus(issue(authorization(true, Optional.empty()), regulator), StatusStatement.State.VALID, NOW);
        Files.writeString(model.resolve("weights/shard-1.safetensors"), "backdoored weights");
        ServingCheck.Decision d = check(b, ServingCheck.Site.ANY);
        assertThat(d.allowed()).isFalse();
        assertThat(d.diff().changed()).containsExactly("weights/shard-1.safetensors");
        assertThat(d.reasons()).singleElement().asString().contains("changed: weights/shard-1.safetensors");
    }

    @Test
    void withoutListedFilesTheDenialNamesTheRoots() throws Exception {
        Bundle b = withStatus(issue(authorization(false, Optional.empty()), regulator), StatusStatement.State.VALID, NOW);
        Files.writeString(model.resolve("extra.bin"), "x");
        ServingCheck.Decision d = check(b, ServingCheck.Site.ANY);
        assertThat(d.allowed()).isFalse();
        assertThat(d.reasons()).singleElement().asString().contains("not the authorized " + manifest.rootHex());
    }

    @Test
    void revokedStaleMissingOrForeignAuthorizationsAreDenied() throws Exception {
        Bundle b = issue(authorization(true, Optional.empty()), regulator);
        assertThat(check(withStatus(b, StatusStatement.State.REVOKED, NOW.minusSeconds(60)), ServingCheck.Site.ANY).reasons())
                .singleElement().asString().contains("revoked");
        assertThat(check(withStatus(b, StatusStatement.State.VALID, NOW.minus(Duration.ofHours(25))), ServingCheck.Site.ANY)
                .allowed()).isFalse();
        assertThat(check(b, ServingCheck.Site.ANY).reasons()).singleElement().asString().contains("no status");
        Ed25519DsseSigner impostor = new Ed25519DsseSigner("regulator/main", Ed25519PrivateKey.generate());
        Bundle forged = issue(authorization(true, Optional.empty()), impostor);
        assertThat(check(withStatus(forged, StatusStatement.State.VALID, NOW), ServingCheck.Site.ANY).reasons())
                .singleElement().asString().startsWith("authorization not valid");
    }

    @Test
    void conditionsAndValidityAreChecked() throws Exception {
        Bundle b = withStatus(issue(authorization(true, Optional.of(NOW.minusSeconds(1))), regulator), StatusStatement.State.VALID, NOW);
        ServingCheck.Decision d = check(b, new ServingCheck.Site(Optional.of("CN"), Optional.of("cloud-z")));
        assertThat(d.allowed()).isFalse();
        assertThat(d.reasons()).hasSize(3).anySatisfy(r -> assertThat(r).contains("expired"))
                .anySatisfy(r -> assertThat(r).contains("region CN")).anySatisfy(r -> assertThat(r).contains("provider cloud-z"));
    }
}
