package org.computegov.ledger.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.keys.Ed25519PublicKey;
import org.computegov.ledger.merkle.CompactRange;
import org.computegov.ledger.merkle.InMemoryHashStore;
import org.computegov.ledger.merkle.Node;
import org.computegov.ledger.merkle.ProofBuilder;
import org.computegov.ledger.merkle.ProofVerifier;
import org.computegov.ledger.merkle.Rfc6962;
import org.computegov.ledger.tiles.TileHashReader;
import org.computegov.ledger.tiles.TilePath;
import org.computegov.ledger.tiles.Tiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of inclusion proof generation (from a node store and from tiles) and verification on
 * a 1,000,000-leaf tree, and of Ed25519 signature verification. Run with {@link BenchMain}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LedgerBenchmark {
    static final int SIZE = 1_000_000;
    static final int SAMPLES = 4096;

    InMemoryHashStore nodes;
    Map<TilePath.Hashes, byte[]> tiles;
    ProofBuilder fromNodes;
    ProofBuilder fromTiles;
    byte[] root;
    long[] indices;
    byte[][] leafHashes;
    List<?>[] proofs;
    int next;

    Ed25519PublicKey publicKey;
    byte[] message;
    byte[] signature;

    java.security.PublicKey jdkKey;
    byte[] jdkSignature;

    @Setup
    public void setup() throws Exception {
        var jdkPair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        jdkKey = jdkPair.getPublic();
        java.security.Signature s = java.security.Signature.getInstance("Ed25519");
        s.initSign(jdkPair.getPrivate());
        s.update("example.com/log\n1000000\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n".getBytes(StandardCharsets.UTF_8));
        jdkSignature = s.sign();
        build();
    }

    private void build() throws IOException {
        nodes = new InMemoryHashStore();
        Map<TilePath.Hashes, ByteBuffer> building = new HashMap<>();
        CompactRange range = new CompactRange();
        for (int i = 0; i < SIZE; i++) {
            List<Node> done = range.appendEntry(entry(i));
            nodes.putAll(done);
            for (Node n : done) {
                if (Tiles.isTileHash(n.id())) {
                    building.computeIfAbsent(Tiles.tileOf(n.id()), k -> ByteBuffer.allocate(256 * 32)).put(n.hash());
                }
            }
        }
        tiles = new HashMap<>();
        building.forEach((k, v) -> tiles.put(k, java.util.Arrays.copyOf(v.array(), v.position())));
        root = range.root();
        fromNodes = new ProofBuilder(nodes);
        fromTiles = new ProofBuilder(new TileHashReader(SIZE, t -> tiles.get(new TilePath.Hashes(t.level(), t.index(), 256))));
        SplittableRandom rnd = new SplittableRandom(42);
        indices = new long[SAMPLES];
        leafHashes = new byte[SAMPLES][];
        proofs = new List<?>[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            indices[i] = rnd.nextLong(SIZE);
            leafHashes[i] = Rfc6962.leafHash(entry(indices[i]));
            proofs[i] = fromNodes.inclusionProof(indices[i], SIZE);
        }
        Ed25519PrivateKey key = Ed25519PrivateKey.generate();
        publicKey = key.publicKey();
        message = "example.com/log\n1000000\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n".getBytes(StandardCharsets.UTF_8);
        signature = key.sign(message);
    }

    static byte[] entry(long i) {
        return ("entry " + i).getBytes(StandardCharsets.UTF_8);
    }

    private int nextSample() {
        next = (next + 1) & (SAMPLES - 1);
        return next;
    }

    @Benchmark
    public List<byte[]> inclusionProofFromNodeStore() throws IOException {
        return fromNodes.inclusionProof(indices[nextSample()], SIZE);
    }

    @Benchmark
    public List<byte[]> inclusionProofFromTiles() throws IOException {
        return fromTiles.inclusionProof(indices[nextSample()], SIZE);
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public int verifyInclusionProof() throws VerificationException {
        int i = nextSample();
        ProofVerifier.verifyInclusion(indices[i], SIZE, leafHashes[i], (List<byte[]>) proofs[i], root);
        return i;
    }

    /** The JDK provider, for comparison with BouncyCastle. */
    @Benchmark
    public boolean jdkEd25519Verify() throws java.security.GeneralSecurityException {
        java.security.Signature s = java.security.Signature.getInstance("Ed25519");
        s.initVerify(jdkKey);
        s.update(message);
        return s.verify(jdkSignature);
    }

    @Benchmark
    public boolean ed25519Verify() {
        return publicKey.isValid(message, signature);
    }
}
