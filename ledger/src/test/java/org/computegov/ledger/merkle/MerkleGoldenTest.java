package org.computegov.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.computegov.ledger.VerificationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks hashing, CompactRange and proofs against the RFC 6962 eight-leaf tree. */
class MerkleGoldenTest {
    private static final HexFormat HEX = HexFormat.of();
    private static List<byte[]> leaves;
    private static List<String> roots;
    private static JsonNode nodes;
    private static JsonNode tree;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = MerkleGoldenTest.class.getResourceAsStream("/vectors/merkle/rfc6962-tree.json")) {
            tree = new ObjectMapper().readTree(in);
            leaves = new ArrayList<>();
            tree.get("leaves").forEach(l -> leaves.add(HEX.parseHex(l.asText())));
            roots = new ArrayList<>();
            tree.get("roots").forEach(r -> roots.add(r.asText()));
            nodes = tree.get("nodes");
        }
    }

    @Test
    void emptyRootIsSha256OfNothing() {
        assertThat(HEX.formatHex(Rfc6962.emptyRoot())).isEqualTo(roots.get(0));
    }

    @Test
    void compactRangeReproducesEveryPrefixRootAndReportsEveryNode() {
        CompactRange range = new CompactRange();
        InMemoryHashStore store = new InMemoryHashStore();
        assertThat(HEX.formatHex(range.root())).isEqualTo(roots.get(0));
        List<Node> reported = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            List<Node> done = range.appendEntry(leaves.get(i));
            reported.addAll(done);
            store.putAll(done);
            assertThat(range.size()).isEqualTo(i + 1);
            assertThat(HEX.formatHex(range.root())).as("root of size %d", i + 1).isEqualTo(roots.get(i + 1));
        }
        assertThat(reported).hasSize(15);
        for (Node n : reported) {
            assertThat(HEX.formatHex(n.hash())).as("node %s", n.id())
                    .isEqualTo(nodes.get(n.level()).get((int) n.index()).asText());
        }
    }

    @Test
    void compactRangeAtSizeSevenHoldsThreeRightEdgeHashes() {
        CompactRange range = new CompactRange();
        for (int i = 0; i < 7; i++) {
            range.appendEntry(leaves.get(i));
        }
        assertThat(range.nodes()).extracting(Node::id)
                .containsExactly(new NodeId(2, 0), new NodeId(1, 2), new NodeId(0, 6));
        CompactRange restored = CompactRange.of(7, range.hashes());
        restored.appendEntry(leaves.get(7));
        assertThat(HEX.formatHex(restored.root())).isEqualTo(roots.get(8));
    }

    @Test
    void proofBuilderRootsMatchForEverySize() throws Exception {
        ProofBuilder builder = new ProofBuilder(storeOf(8));
        for (int size = 0; size <= 8; size++) {
            assertThat(HEX.formatHex(builder.root(size))).isEqualTo(roots.get(size));
        }
    }

    @Test
    void inclusionProofOfLeafZeroInTreeOfEightMatchesRfcVector() throws Exception {
        List<byte[]> proof = new ProofBuilder(storeOf(8)).inclusionProof(0, 8);
        assertThat(proof).extracting(HEX::formatHex).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    }

    @Test
    void generatedProofsEqualTheCertificateTransparencyVectors() throws Exception {
        ProofBuilder builder = new ProofBuilder(storeOf(8));
        for (JsonNode v : tree.get("inclusionProofs")) {
            long i = v.get("leafIndex").asLong();
            long size = v.get("treeSize").asLong();
            assertThat(builder.inclusionProof(i, size)).extracting(HEX::formatHex).as("inclusion %d in %d", i, size)
                    .containsExactlyElementsOf(texts(v.get("proof")));
            ProofVerifier.verifyInclusion(i, size, Rfc6962.leafHash(leaves.get((int) i)),
                    builder.inclusionProof(i, size), HEX.parseHex(roots.get((int) size)));
        }
        for (JsonNode v : tree.get("consistencyProofs")) {
            long m = v.get("size1").asLong();
            long n = v.get("size2").asLong();
            assertThat(builder.consistencyProof(m, n)).extracting(HEX::formatHex).as("consistency %d to %d", m, n)
                    .containsExactlyElementsOf(texts(v.get("proof")));
            ProofVerifier.verifyConsistency(m, n, HEX.parseHex(roots.get((int) m)), HEX.parseHex(roots.get((int) n)),
                    builder.consistencyProof(m, n));
        }
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(x -> out.add(x.asText()));
        return out;
    }

    @Test
    void everyInclusionAndConsistencyProofOfTheEightLeafTreeVerifies() throws Exception {
        ProofBuilder builder = new ProofBuilder(storeOf(8));
        for (int size = 1; size <= 8; size++) {
            byte[] root = HEX.parseHex(roots.get(size));
            for (int i = 0; i < size; i++) {
                List<byte[]> proof = builder.inclusionProof(i, size);
                ProofVerifier.verifyInclusion(i, size, Rfc6962.leafHash(leaves.get(i)), proof, root);
            }
            for (int first = 1; first <= size; first++) {
                List<byte[]> proof = builder.consistencyProof(first, size);
                ProofVerifier.verifyConsistency(first, size, HEX.parseHex(roots.get(first)), root, proof);
            }
        }
    }

    @Test
    void consistencyFromEmptyTreeIsRejectedWithClearMessage() {
        byte[] r = Rfc6962.emptyRoot();
        assertThatThrownBy(() -> ProofVerifier.verifyConsistency(0, 1, r, r, List.of()))
                .isInstanceOf(VerificationException.class).hasMessageContaining("size1 > 0");
    }

    @Test
    void inclusionProofWithWrongLengthSaysSo() throws Exception {
        List<byte[]> proof = new ArrayList<>(new ProofBuilder(storeOf(8)).inclusionProof(3, 8));
        proof.remove(2);
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(3, 8, Rfc6962.leafHash(leaves.get(3)), proof,
                HEX.parseHex(roots.get(8)))).hasMessageContaining("must have 3 hashes, got 2");
    }

    @Test
    void storeMissingANodeIsAnIoError() {
        InMemoryHashStore empty = new InMemoryHashStore();
        assertThatThrownBy(() -> new ProofBuilder(empty).inclusionProof(0, 2))
                .isInstanceOf(java.io.IOException.class);
    }

    static InMemoryHashStore storeOf(int n) {
        CompactRange range = new CompactRange();
        InMemoryHashStore store = new InMemoryHashStore();
        for (int i = 0; i < n; i++) {
            store.putAll(range.appendEntry(leaves.get(i)));
        }
        return store;
    }
}
