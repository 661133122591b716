package org.computegov.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.merkle.CompactRange;
import org.computegov.ledger.merkle.InMemoryHashStore;
import org.computegov.ledger.merkle.NodeId;
import org.computegov.ledger.merkle.ProofBuilder;
import org.computegov.ledger.merkle.Rfc6962;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.ledger.note.Note;
import org.computegov.ledger.note.NoteSignature;
import org.computegov.ledger.tiles.EntryBundle;
import org.computegov.ledger.tiles.TilePath;
import org.computegov.ledger.tiles.Tiles;
import org.computegov.ledger.witness.CosignatureSigner;

/**
 * A transparency log built in memory with the ledger library, for tests: entries, the tiles and entry bundles a
 * tlog-tiles server would serve, signed checkpoints, and proofs. Its key name differs from its origin on purpose.
 */
final class TestLog {
    final String origin;
    final SignerKey key;
    private final List<byte[]> entries = new ArrayList<>();
    private final CompactRange range = new CompactRange();
    private final InMemoryHashStore store = new InMemoryHashStore();

    TestLog(String origin, SignerKey key) {
        this.origin = origin;
        this.key = key;
    }

    TestLog(String origin) {
        this(origin, SignerKey.generate("log-key"));
    }

    /** A log with the same key and origin whose entries are this log's, except those given. */
    TestLog copyWith(long size, Map<Long, byte[]> replaced) {
        TestLog other = new TestLog(origin, key);
        for (long i = 0; i < size; i++) {
            other.append(replaced.containsKey(i) ? replaced.get(i) : entries.get((int) i));
        }
        return other;
    }

    static byte[] entry(long i) {
        return ("{\"entry\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }

    TestLog appendN(long n) {
        for (long i = 0; i < n; i++) {
            append(entry(entries.size()));
        }
        return this;
    }

    long append(byte[] entry) {
        entries.add(entry.clone());
        store.putAll(range.appendEntry(entry));
        return entries.size() - 1;
    }

    long size() {
        return entries.size();
    }

    byte[] entryAt(long i) {
        return entries.get((int) i).clone();
    }

    byte[] root(long size) {
        try {
            return new ProofBuilder(store).root(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Checkpoint checkpointBody(long size) {
        return new Checkpoint(origin, size, root(size));
    }

    /** The signed checkpoint note for a size, with cosignatures by the given witnesses. */
    byte[] checkpoint(long size, CosignatureSigner... witnesses) {
        byte[] signed = SignedCheckpoint.sign(checkpointBody(size), Ed25519NoteSigner.of(key));
        if (witnesses.length == 0) {
            return signed;
        }
        try {
            Note note = Note.parse(signed);
            List<NoteSignature> cosigs = new ArrayList<>();
            for (CosignatureSigner w : witnesses) {
                cosigs.add(w.cosign(note.textBytes()));
            }
            return note.withSignatures(cosigs).encode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<byte[]> inclusionProof(long index, long size) {
        try {
            return new ProofBuilder(store).inclusionProof(index, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<byte[]> consistencyProof(long from, long to) {
        try {
            return new ProofBuilder(store).consistencyProof(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The receipt JSON the server answers for an entry, against the checkpoint of a size. */
    String receipt(long index, long size, CosignatureSigner... witnesses) {
        StringBuilder proof = new StringBuilder();
        for (byte[] h : inclusionProof(index, size)) {
            proof.append(proof.length() == 0 ? "" : ", ").append('"').append(b64(h)).append('"');
        }
        return "{\"index\": " + index + ", \"leafHash\": \"" + b64(Rfc6962.leafHash(entries.get((int) index)))
                + "\", \"checkpoint\": " + jsonString(new String(checkpoint(size, witnesses), StandardCharsets.UTF_8))
                + ", \"inclusionProof\": [" + proof + "]}";
    }

    /** Every tile and entry bundle of the tree at this size, by path under the log prefix, plus its checkpoint. */
    Map<String, byte[]> files(long size, CosignatureSigner... witnesses) {
        Map<String, byte[]> files = new HashMap<>();
        for (TilePath.Hashes t : Tiles.hashTiles(size)) {
            List<NodeId> ids = new ArrayList<>();
            for (int i = 0; i < t.width(); i++) {
                ids.add(new NodeId(t.level() * Tiles.HEIGHT, t.index() * TilePath.FULL_WIDTH + i));
            }
            try {
                byte[] tile = new byte[t.width() * Rfc6962.HASH_SIZE];
                List<byte[]> hashes = store.readHashes(ids);
                for (int i = 0; i < hashes.size(); i++) {
                    System.arraycopy(hashes.get(i), 0, tile, i * Rfc6962.HASH_SIZE, Rfc6962.HASH_SIZE);
                }
                files.put(t.path(), tile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (TilePath.Entries b : Tiles.entryBundles(size)) {
            int from = (int) (b.index() * TilePath.FULL_WIDTH);
            files.put(b.path(), EntryBundle.encode(entries.subList(from, from + b.width())));
        }
        files.put("checkpoint", checkpoint(size, witnesses));
        return files;
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static String jsonString(String s) {
        return org.computegov.api.Json.write(s);
    }
}
