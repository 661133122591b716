package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.computegov.ledger.bundle.Bundle;
import org.computegov.ledger.bundle.StatusStatement;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.intoto.Subject;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.ledger.merkle.CompactRange;
import org.computegov.ledger.merkle.InMemoryHashStore;
import org.computegov.ledger.merkle.ProofBuilder;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.licensing.admission.Admission;
import org.computegov.licensing.admission.ComputeRate;
import org.computegov.licensing.admission.Licence;
import org.computegov.licensing.admission.LicenceJson;
import org.computegov.licensing.budget.Tranche;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline admission from a licence bundle through the command line. */
class AdmitCommandTest {
    @TempDir Path dir;
    private final Ed25519PrivateKey regulator = Ed25519PrivateKey.generate();
    private final Ed25519DsseSigner issuer = new Ed25519DsseSigner("regulator", regulator);
    private final Ed25519NoteSigner log = new Ed25519NoteSigner("test.log/1", Ed25519PrivateKey.generate());
    private final String issuerVkey = VerifierKey.ed25519("regulator", regulator.publicKey()).encode();
    private final String logVkey = log.verifier().verifierKey().encode();

    /** A bundle of a licence of 100 H100 chip-hours, entry 2 of a log of 5, with a status of the given state. */
    private Path bundle(StatusStatement.State state, boolean tamper) throws Exception {
        double h100 = ComputeRate.builtIn().flopPerChipHour("H100");
        Licence l = new Licence("L-OFF", "frontier-lab", "run-1", List.of(new Tranche(1, Admission.flop(100 * h100), "")),
                Set.of("cloud-a/sol"), Set.of(), Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30)), List.of());
        ObjectNode predicate = JsonNodeFactory.instance.objectNode();
        predicate.set("licence", LicenceJson.toJson(l, 1));
        byte[] licence = Dsse.sign(Statement.PAYLOAD_TYPE, new Statement(List.of(Subject.sha256("licence:L-OFF", "ab".repeat(32))),
                "https://computegov.org/attestation/registry-licence/v1", predicate).toJson(), List.of(issuer)).toJson();
        CompactRange range = new CompactRange();
        InMemoryHashStore store = new InMemoryHashStore();
        for (int i = 0; i < 5; i++) {
            store.putAll(range.appendEntry(i == 2 ? licence : ("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        byte[] cp = SignedCheckpoint.sign(new Checkpoint("test.log/1", 5, range.root()), log);
        byte[] status = StatusStatement.of("licence:L-OFF", licence, state, 5, Instant.now(), "interim evaluation overdue")
                .sign(List.of(issuer));
        List<byte[]> proof = new ProofBuilder(store).inclusionProof(2, 5);
        if (tamper) {
            proof.get(0)[0] ^= 1;
        }
        Path p = dir.resolve("bundle-" + state + tamper + ".json");
        Files.write(p, new Bundle(licence, cp, 2, 5, proof, Optional.of(status)).toJson());
        return p;
    }

    private CliRun admit(Path bundle, String chips, String hours, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("admit", "--bundle", bundle.toString(), "--issuer-key", issuerVkey,
                "--log-key", logVkey, "--provider", "cloud-a", "--cluster", "sol", "--chip", "H100", "--chips", chips,
                "--time-limit", hours, "--json"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aJobWithinTheLicenceIsAllowedAndOneBeyondItDeniedWithRequestedAndAvailable() throws Exception {
        Path b = bundle(StatusStatement.State.VALID, false);
        CliRun ok = admit(b, "8", "10h");
        assertThat(ok.exit()).as(ok.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(ok.out());
        assertThat(d.path("decision").asText()).isEqualTo("allow");
        assertThat(d.path("bundle").path("leafIndex").asInt()).isEqualTo(2);

        CliRun over = admit(b, "8", "10h", "--used", "3e19"); // ~ 28 of 100 chip-hours counted here already
        JsonNode denied = new ObjectMapper().readTree(over.out());
        assertThat(over.exit()).isEqualTo(1);
        assertThat(denied.path("decision").asText()).isEqualTo("deny");
        assertThat(denied.path("code").asText()).isEqualTo("budget-exceeded");
        assertThat(new BigInteger(denied.path("requested").path("flop").asText()))
                .isGreaterThan(new BigInteger(denied.path("available").path("flop").asText()));
        assertThat(denied.path("available").path("chipHours").asDouble()).isBetween(71.0, 73.0);
    }

    @Test
    void aRevokedOrTamperedBundleIsDeniedAndBadInputIsExitTwo() throws Exception {
        CliRun revoked = admit(bundle(StatusStatement.State.REVOKED, false), "1", "1h");
        assertThat(revoked.exit()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(revoked.out()).path("code").asText()).isEqualTo("licence-revoked");
        CliRun tampered = admit(bundle(StatusStatement.State.VALID, true), "1", "1h");
        assertThat(tampered.exit()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(tampered.out()).path("code").asText()).isEqualTo("bundle-invalid");
        CliRun bad = admit(bundle(StatusStatement.State.VALID, false), "1", "soon");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--time-limit");
    }
}
