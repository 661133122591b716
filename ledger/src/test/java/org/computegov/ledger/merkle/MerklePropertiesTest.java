package org.computegov.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.computegov.ledger.VerificationException;

/** Property tests of proof generation and verification against {@link ReferenceMerkle}. */
class MerklePropertiesTest {

    record Case(int size, int a, int b) {}

    @Provide
    Arbitrary<Case> trees() {
        return Arbitraries.integers().between(1, 300).flatMap(size -> Combinators.combine(
                Arbitraries.integers().between(0, size - 1), Arbitraries.integers().between(1, size))
                .as((a, b) -> new Case(size, a, b)));
    }

    @Property(tries = 150)
    void generatedProofsMatchReferenceAndVerify(@ForAll("trees") Case c) throws Exception {
        Tree t = Tree.of(c.size());
        byte[] root = ReferenceMerkle.mth(t.leaves);
        assertThat(t.range.root()).isEqualTo(root);
        assertThat(t.builder.root(c.size())).isEqualTo(root);

        List<byte[]> incl = t.builder.inclusionProof(c.a(), c.size());
        assertThat(incl).containsExactlyElementsOf(ReferenceMerkle.path(c.a(), t.leaves));
        ProofVerifier.verifyInclusion(c.a(), c.size(), t.leaves.get(c.a()), incl, root);

        byte[] oldRoot = ReferenceMerkle.mth(t.leaves.subList(0, c.b()));
        List<byte[]> cons = t.builder.consistencyProof(c.b(), c.size());
        assertThat(cons).containsExactlyElementsOf(ReferenceMerkle.proof(c.b(), t.leaves));
        ProofVerifier.verifyConsistency(c.b(), c.size(), oldRoot, root, cons);
    }

    @Property(tries = 60)
    void everyCorruptionOfAnInclusionProofFails(@ForAll("trees") Case c) throws Exception {
        Tree t = Tree.of(c.size());
        byte[] root = ReferenceMerkle.mth(t.leaves);
        byte[] leaf = t.leaves.get(c.a());
        List<byte[]> proof = t.builder.inclusionProof(c.a(), c.size());
        for (List<byte[]> bad : bitFlips(proof)) {
            assertFails(() -> ProofVerifier.verifyInclusion(c.a(), c.size(), leaf, bad, root));
        }
        for (List<byte[]> bad : lengthChanges(proof)) {
            assertFails(() -> ProofVerifier.verifyInclusion(c.a(), c.size(), leaf, bad, root));
        }
        for (long idx : new long[] {c.a() - 1L, c.a() + 1L, c.a() ^ 2L, c.size(), -1}) {
            if (idx != c.a()) {
                assertFails(() -> ProofVerifier.verifyInclusion(idx, c.size(), leaf, proof, root));
            }
        }
        for (long size : new long[] {c.size() - 1L, c.size() + 1L, c.size() * 2L, c.size() / 2, c.size() + 7L}) {
            if (size == c.size()) {
                continue;
            }
            // RFC 9162 binds the size only through the path's shape: a size with the same
            // left/right pattern computes the same root, which is why checkpoints sign size and
            // root together. Every other wrong size must fail.
            if (inclusionShape(c.a(), size).equals(inclusionShape(c.a(), c.size()))) {
                ProofVerifier.verifyInclusion(c.a(), size, leaf, proof, root);
            } else {
                assertFails(() -> ProofVerifier.verifyInclusion(c.a(), size, leaf, proof, root));
            }
        }
        byte[] wrongLeaf = leaf.clone();
        wrongLeaf[0] ^= 1;
        assertFails(() -> ProofVerifier.verifyInclusion(c.a(), c.size(), wrongLeaf, proof, root));
    }

    @Property(tries = 60)
    void everyCorruptionOfAConsistencyProofFails(@ForAll("trees") Case c) throws Exception {
        if (c.b() == c.size()) {
            return; // the empty proof between equal sizes has nothing to corrupt
        }
        Tree t = Tree.of(c.size());
        byte[] root = ReferenceMerkle.mth(t.leaves);
        byte[] oldRoot = ReferenceMerkle.mth(t.leaves.subList(0, c.b()));
        List<byte[]> proof = t.builder.consistencyProof(c.b(), c.size());
        for (List<byte[]> bad : bitFlips(proof)) {
            assertFails(() -> ProofVerifier.verifyConsistency(c.b(), c.size(), oldRoot, root, bad));
        }
        for (List<byte[]> bad : lengthChanges(proof)) {
            assertFails(() -> ProofVerifier.verifyConsistency(c.b(), c.size(), oldRoot, root, bad));
        }
        List<String> shape = consistencyShape(c.b(), c.size());
        for (long[] sizes : new long[][] {{c.b() - 1L, c.size()}, {c.b() + 1L, c.size()}, {c.b() * 2L, c.size()},
                {c.b(), c.size() - 1L}, {c.b(), c.size() + 1L}, {c.b(), c.size() * 2L}, {c.b(), c.size() + 5L}}) {
            long s1 = sizes[0];
            long s2 = sizes[1];
            // As for inclusion: sizes are bound only through the shape of the computation.
            if (s1 > 0 && s1 < s2 && consistencyShape(s1, s2).equals(shape)) {
                ProofVerifier.verifyConsistency(s1, s2, oldRoot, root, proof);
            } else {
                assertFails(() -> ProofVerifier.verifyConsistency(s1, s2, oldRoot, root, proof));
            }
        }
        assertFails(() -> ProofVerifier.verifyConsistency(c.b(), c.size(), root, oldRoot, proof));
    }

    /** The left/right decisions RFC 9162 §2.1.3.2 takes for a leaf index and tree size. */
    static List<String> inclusionShape(long index, long size) {
        List<String> ops = new ArrayList<>();
        if (index >= size) {
            ops.add("out of range");
            return ops;
        }
        long fn = index;
        long sn = size - 1;
        while (sn != 0) {
            if ((fn & 1) == 1 || fn == sn) {
                ops.add("L");
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                ops.add("R");
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return ops;
    }

    /** The sequence of operations RFC 9162 §2.1.4.2 performs for two tree sizes. */
    static List<String> consistencyShape(long first, long second) {
        List<String> ops = new ArrayList<>();
        ops.add(Long.bitCount(first) == 1 ? "prepend" : "no-prepend");
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        while (sn != 0) {
            if ((fn & 1) == 1 || fn == sn) {
                ops.add("both");
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                ops.add("second");
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return ops;
    }

    private static void assertFails(ThrowingRunnable r) {
        assertThatThrownBy(r::run).isInstanceOf(VerificationException.class);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Every proof obtained by flipping exactly one bit of one hash. */
    private static List<List<byte[]>> bitFlips(List<byte[]> proof) {
        List<List<byte[]>> out = new ArrayList<>();
        for (int i = 0; i < proof.size(); i++) {
            for (int bit = 0; bit < proof.get(i).length * 8; bit++) {
                List<byte[]> copy = new ArrayList<>(proof);
                byte[] h = proof.get(i).clone();
                h[bit / 8] ^= (byte) (1 << (bit % 8));
                copy.set(i, h);
                out.add(copy);
            }
        }
        return out;
    }

    /** The proof with a hash added at either end or in the middle, or with any one hash removed. */
    private static List<List<byte[]>> lengthChanges(List<byte[]> proof) {
        List<List<byte[]>> out = new ArrayList<>();
        byte[] extra = Rfc6962.leafHash(new byte[] {42});
        for (int pos : new int[] {0, proof.size() / 2, proof.size()}) {
            List<byte[]> copy = new ArrayList<>(proof);
            copy.add(pos, extra);
            out.add(copy);
        }
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> copy = new ArrayList<>(proof);
            copy.remove(i);
            out.add(copy);
        }
        return out;
    }

    private record Tree(List<byte[]> leaves, CompactRange range, ProofBuilder builder) {
        static Tree of(int size) {
            List<byte[]> leaves = new ArrayList<>();
            CompactRange range = new CompactRange();
            InMemoryHashStore store = new InMemoryHashStore();
            for (int i = 0; i < size; i++) {
                byte[] leaf = Rfc6962.leafHash(("entry " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                leaves.add(leaf);
                store.putAll(range.append(leaf));
            }
            return new Tree(leaves, range, new ProofBuilder(store));
        }
    }
}
