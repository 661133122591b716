package org.computegov.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.computegov.ledger.VerificationException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every transparency-dev/merkle inclusion and consistency probe (see vectors/merkle/README.md). */
class MerkleVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Upstream passes these only because it does not check root lengths; we do (README). */
    private static final Set<String> STRICTER_HERE = Set.of(
            "consistency/additional/sizes-are-equal-one-and-proof-is-empty.json");

    @TestFactory
    Stream<DynamicTest> inclusionProbes() throws Exception {
        return probes("inclusion").map(p -> DynamicTest.dynamicTest(p.name, () -> {
            JsonNode j = p.json;
            ThrowingRunnable run = () -> ProofVerifier.verifyInclusion(j.get("leafIdx").asLong(), j.get("treeSize").asLong(),
                    b64(j.get("leafHash")), hashes(j.get("proof")), b64(j.get("root")));
            check(p, run);
        }));
    }

    @TestFactory
    Stream<DynamicTest> consistencyProbes() throws Exception {
        return probes("consistency").map(p -> DynamicTest.dynamicTest(p.name, () -> {
            JsonNode j = p.json;
            check(p, () -> ProofVerifier.verifyConsistency(j.get("size1").asLong(), j.get("size2").asLong(),
                    b64(j.get("root1")), b64(j.get("root2")), hashes(j.get("proof"))));
        }));
    }

    private static void check(Probe p, ThrowingRunnable run) {
        boolean wantErr = p.json.get("wantErr").asBoolean() || STRICTER_HERE.contains(p.name);
        if (wantErr) {
            assertThatThrownBy(run::run).as(p.json.get("desc").asText()).isInstanceOf(VerificationException.class);
        } else {
            assertThatCode(run::run).as(p.json.get("desc").asText()).doesNotThrowAnyException();
        }
    }

    @TestFactory
    Stream<DynamicTest> probeSetIsComplete() {
        return Stream.of(DynamicTest.dynamicTest("probe counts", () -> {
            assertThat(probes("inclusion").count()).isGreaterThan(80);
            assertThat(probes("consistency").count()).isGreaterThan(90);
        }));
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private record Probe(String name, JsonNode json) {}

    private static Stream<Probe> probes(String kind) throws Exception {
        Path root = Path.of(MerkleVectorsTest.class.getResource("/vectors/merkle/").toURI());
        List<Probe> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve(kind))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                out.add(new Probe(root.relativize(f).toString(), read(f)));
            }
        }
        return out.stream();
    }

    private static JsonNode read(Path f) {
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] b64(JsonNode n) {
        return n == null || n.isNull() ? null : Base64.getDecoder().decode(n.asText());
    }

    private static List<byte[]> hashes(JsonNode arr) {
        List<byte[]> out = new ArrayList<>();
        if (arr != null && !arr.isNull()) {
            arr.forEach(h -> out.add(b64(h)));
        }
        return out;
    }
}
