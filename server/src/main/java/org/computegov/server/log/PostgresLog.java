package org.computegov.server.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.merkle.CompactRange;
import org.computegov.ledger.merkle.Node;
import org.computegov.ledger.merkle.Rfc6962;
import org.computegov.ledger.note.NoteSigner;
import org.computegov.ledger.tiles.TilePath;

/**
 * The transparency log's storage in PostgreSQL and its single writer. {@link #append} writes a batch of entries,
 * the tiles they change and the checkpoint the log signs for the new size in one transaction: an acknowledged
 * entry is durable and already integrated, and no crash can leave entries without tiles or the reverse.
 * A PostgreSQL advisory lock held for the writer's life keeps a second server from sequencing the same log.
 */
public final class PostgresLog implements AutoCloseable {
    private static final long WRITER_LOCK = 0x6367_6f76_6c6f_6701L; // "cgovlog\1"
    private final DataSource pool;
    private final Connection writer;
    private final String origin;
    private final NoteSigner signer;
    private final LogTiles tiles;
    private volatile LogState state;

    /** A batch's outcome: each submitted entry's index (existing entries keep theirs) and the state after it. */
    public record Appended(long[] indices, boolean[] fresh, LogState state) {}

    private PostgresLog(DataSource pool, Connection writer, String origin, NoteSigner signer) {
        this.pool = pool;
        this.writer = writer;
        this.origin = origin;
        this.signer = signer;
        this.tiles = new LogTiles(this::readStoredTile);
    }

    /**
     * Opens the log: takes the writer lock, loads the latest checkpoint's size, rebuilds the right edge from the
     * stored tiles and checks it against the stored checkpoint. An empty log gets a signed checkpoint of size 0.
     */
    public static PostgresLog open(DataSource pool, DataSource writerSource, String origin, NoteSigner signer)
            throws SQLException, IOException {
        Connection writer = writerSource.getConnection();
        try {
            try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT pg_try_advisory_lock(" + WRITER_LOCK + ")")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new IllegalStateException("another server is already writing this log (advisory lock held)");
                }
            }
            writer.setAutoCommit(false);
            PostgresLog log = new PostgresLog(pool, writer, origin, signer);
            log.state = log.load();
            return log;
        } catch (SQLException | IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    private LogState load() throws SQLException, IOException {
        long size = 0;
        byte[] storedNote = null;
        try (PreparedStatement q = writer.prepareStatement("SELECT size, note FROM log_checkpoint WHERE kind = 'signed'");
                ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                size = rs.getLong(1);
                storedNote = rs.getBytes(2);
            }
        }
        long entries;
        try (PreparedStatement q = writer.prepareStatement("SELECT coalesce(max(idx) + 1, 0) FROM log_entry");
                ResultSet rs = q.executeQuery()) {
            rs.next();
            entries = rs.getLong(1);
        }
        writer.commit();
        if (entries != size) {
            throw new IllegalStateException("log storage is inconsistent: " + entries + " entries but checkpoint size " + size);
        }
        Map<Integer, LogState.EdgeTile> edge = new HashMap<>();
        for (int level = 0; ; level++) {
            long hashesAtLevel = size >> (8 * level);
            if (hashesAtLevel == 0) {
                break;
            }
            long index = hashesAtLevel / TilePath.FULL_WIDTH;
            int width = (int) (hashesAtLevel % TilePath.FULL_WIDTH);
            if (width > 0) {
                byte[] stored = readStoredTile(level, index);
                if (stored == null || stored.length != width * 32) {
                    throw new IllegalStateException("log storage is inconsistent: tile " + level + "/" + index
                            + " should hold " + width + " hashes");
                }
                edge.put(level, new LogState.EdgeTile(index, TileTree.of(stored)));
            }
        }
        LogState partial = new LogState(size, null, List.of(), edge, null);
        CompactRange range = CompactRange.read(size, tiles.reader(partial));
        byte[] root = range.root();
        if (storedNote != null) {
            // The tree rebuilt from storage must be the one the log signed: never sign a different root for a
            // size it has already published (that would be a fork signed by the log itself).
            Checkpoint signed;
            try {
                signed = Checkpoint.parse(org.computegov.ledger.note.Note.parse(storedNote).text());
            } catch (org.computegov.ledger.FormatException e) {
                throw new IllegalStateException("the stored checkpoint is malformed: " + e.getMessage(), e);
            }
            if (!signed.origin().equals(origin) || signed.size() != size || !Arrays.equals(signed.rootHash(), root)) {
                throw new IllegalStateException("log storage does not match the checkpoint the log signed (size " + size
                        + "): its tiles were altered or corrupted; refusing to start. Restore the database from a backup"
                        + " and run 'cgov log audit'.");
            }
        }
        byte[] note = storedNote != null ? storedNote : SignedCheckpoint.sign(new Checkpoint(origin, size, root), signer);
        LogState loaded = new LogState(size, root, range.hashes(), edge, note);
        if (size == 0) {
            try {
                upsertCheckpoint("signed", 0, note);
                writer.commit();
            } catch (SQLException e) {
                writer.rollback();
                throw e;
            }
        }
        return loaded;
    }

    public LogState state() {
        return state;
    }

    public String origin() {
        return origin;
    }

    LogTiles tiles() {
        return tiles;
    }

    /**
     * Appends entries (already verified by the caller). Entries already in the log, or repeated in the batch, keep
     * their first index and are not written again. Only the sequencer thread calls this.
     */
    public Appended append(List<byte[]> entries) throws SQLException {
        LogState before = state;
        int n = entries.size();
        long[] indices = new long[n];
        boolean[] fresh = new boolean[n];
        byte[][] leafHashes = new byte[n][];
        for (int i = 0; i < n; i++) {
            leafHashes[i] = Rfc6962.leafHash(entries.get(i));
        }
        Map<ByteBuffer, Long> known = existing(leafHashes);
        CompactRange range = CompactRange.of(before.size(), before.rightEdge());
        Map<Integer, LogState.EdgeTile> edge = new HashMap<>(before.edgeTiles());
        Map<Integer, byte[]> edgeBytes = new HashMap<>();
        List<long[]> newlyFull = new ArrayList<>();
        List<TileTree> newlyFullTrees = new ArrayList<>();
        List<Integer> freshPositions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ByteBuffer key = ByteBuffer.wrap(leafHashes[i]);
            Long index = known.get(key);
            if (index != null) {
                indices[i] = index;
                continue;
            }
            index = range.size();
            known.put(key, index);
            indices[i] = index;
            fresh[i] = true;
            freshPositions.add(i);
            for (Node node : range.append(leafHashes[i])) {
                if (node.level() % 8 == 0) {
                    addToTile(edge, edgeBytes, newlyFull, newlyFullTrees, node.level() / 8, node.index(), node.hash());
                }
            }
        }
        if (freshPositions.isEmpty()) {
            return new Appended(indices, fresh, before);
        }
        edgeTrees(edge, edgeBytes);
        long size = range.size();
        byte[] root = range.root();
        byte[] note = SignedCheckpoint.sign(new Checkpoint(origin, size, root), signer);
        try {
            insertEntries(entries, leafHashes, indices, freshPositions);
            upsertTiles(edge, edgeBytes, newlyFull, newlyFullTrees);
            upsertCheckpoint("signed", size, note);
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            writer.rollback();
            throw e;
        }
        for (int i = 0; i < newlyFull.size(); i++) {
            tiles.putFull((int) newlyFull.get(i)[0], newlyFull.get(i)[1], newlyFullTrees.get(i));
        }
        state = new LogState(size, root, range.hashes(), edge, note);
        return new Appended(indices, fresh, state);
    }

    /**
     * Adds a completed tile-level node to its right-edge tile's bytes; a tile that reaches 256 hashes leaves the
     * edge. Tile trees are built once per tile per batch ({@link #edgeTrees}), not per node.
     */
    private static void addToTile(Map<Integer, LogState.EdgeTile> edge, Map<Integer, byte[]> edgeBytes,
            List<long[]> newlyFull, List<TileTree> newlyFullTrees, int level, long nodeIndex, byte[] hash) {
        long tileIndex = nodeIndex / TilePath.FULL_WIDTH;
        int position = (int) (nodeIndex % TilePath.FULL_WIDTH);
        byte[] current = edgeBytes.get(level);
        if (current == null) {
            LogState.EdgeTile e = edge.get(level);
            current = e != null && e.index() == tileIndex ? tileHashes(e.tree()) : new byte[0];
        }
        if (current.length != position * 32) {
            throw new IllegalStateException("tile " + level + "/" + tileIndex + " has " + current.length / 32
                    + " hashes, next node is at " + position);
        }
        byte[] grown = Arrays.copyOf(current, current.length + 32);
        System.arraycopy(hash, 0, grown, current.length, 32);
        if (position + 1 == TilePath.FULL_WIDTH) {
            edge.remove(level);
            edgeBytes.remove(level);
            newlyFull.add(new long[] {level, tileIndex});
            newlyFullTrees.add(TileTree.of(grown));
        } else {
            edge.put(level, new LogState.EdgeTile(tileIndex, null));
            edgeBytes.put(level, grown);
        }
    }

    /** Builds the trees of the edge tiles a batch changed (their entries in {@code edge} hold only the index). */
    private static void edgeTrees(Map<Integer, LogState.EdgeTile> edge, Map<Integer, byte[]> edgeBytes) {
        for (var e : edgeBytes.entrySet()) {
            edge.put(e.getKey(), new LogState.EdgeTile(edge.get(e.getKey()).index(), TileTree.of(e.getValue())));
        }
    }

    private static byte[] tileHashes(TileTree tree) {
        byte[] out = new byte[tree.width() * 32];
        for (int i = 0; i < tree.width(); i++) {
            System.arraycopy(tree.node(0, i), 0, out, i * 32, 32);
        }
        return out;
    }

    private Map<ByteBuffer, Long> existing(byte[][] leafHashes) throws SQLException {
        Map<ByteBuffer, Long> found = new HashMap<>();
        try (PreparedStatement q = writer.prepareStatement("SELECT idx, leaf_hash FROM log_entry WHERE leaf_hash = ANY (?)")) {
            Array array = writer.createArrayOf("bytea", leafHashes);
            q.setArray(1, array);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    found.put(ByteBuffer.wrap(rs.getBytes(2)), rs.getLong(1));
                }
            }
        }
        return found;
    }

    /**
     * Writes the batch's new entries with PostgreSQL's binary COPY: one round trip and no per-row statement, which
     * leaves more of the two cores to signature verification (the append path's real cost).
     */
    private void insertEntries(List<byte[]> entries, byte[][] leafHashes, long[] indices, List<Integer> positions)
            throws SQLException {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(positions.size() * 700 + 32);
        java.io.DataOutputStream out = new java.io.DataOutputStream(buf);
        try {
            out.write(COPY_SIGNATURE);
            out.writeInt(0); // flags
            out.writeInt(0); // header extension length
            for (int i : positions) {
                out.writeShort(3);
                out.writeInt(8);
                out.writeLong(indices[i]);
                out.writeInt(leafHashes[i].length);
                out.write(leafHashes[i]);
                out.writeInt(entries.get(i).length);
                out.write(entries.get(i));
            }
            out.writeShort(-1);
            out.flush();
            writer.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(
                    "COPY log_entry (idx, leaf_hash, entry) FROM STDIN (FORMAT binary)",
                    new java.io.ByteArrayInputStream(buf.toByteArray()));
        } catch (IOException e) {
            throw new SQLException("cannot stream the batch to PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** The binary COPY header's signature (PostgreSQL documentation, "Binary Format"). */
    private static final byte[] COPY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private void upsertTiles(Map<Integer, LogState.EdgeTile> edge, Map<Integer, byte[]> edgeBytes, List<long[]> newlyFull,
            List<TileTree> newlyFullTrees) throws SQLException {
        try (PreparedStatement up = writer.prepareStatement("""
                INSERT INTO log_tile (level, idx, width, hashes) VALUES (?, ?, ?, ?)
                ON CONFLICT (level, idx) DO UPDATE SET width = EXCLUDED.width, hashes = EXCLUDED.hashes
                WHERE log_tile.width < EXCLUDED.width""")) {
            for (int i = 0; i < newlyFull.size(); i++) {
                addTile(up, (int) newlyFull.get(i)[0], newlyFull.get(i)[1], tileHashes(newlyFullTrees.get(i)));
            }
            for (var e : edgeBytes.entrySet()) {
                addTile(up, e.getKey(), edge.get(e.getKey()).index(), e.getValue());
            }
            up.executeBatch();
        }
    }

    private void addTile(PreparedStatement up, int level, long index, byte[] hashes) throws SQLException {
        up.setInt(1, level);
        up.setLong(2, index);
        up.setInt(3, hashes.length / 32);
        up.setBytes(4, hashes);
        up.addBatch();
    }

    private void upsertCheckpoint(String kind, long size, byte[] note) throws SQLException {
        try (PreparedStatement up = writer.prepareStatement("""
                INSERT INTO log_checkpoint (kind, size, note) VALUES (?, ?, ?)
                ON CONFLICT (kind) DO UPDATE SET size = EXCLUDED.size, note = EXCLUDED.note, updated_at = now()""")) {
            up.setString(1, kind);
            up.setLong(2, size);
            up.setBytes(3, note);
            up.executeUpdate();
        }
    }

    byte[] readStoredTile(int level, long index) throws IOException {
        try (Connection c = pool.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT hashes FROM log_tile WHERE level = ? AND idx = ?")) {
            q.setInt(1, level);
            q.setLong(2, index);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IOException("cannot read tile " + level + "/" + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws SQLException {
        writer.close();
    }
}
