package org.computegov.cli.log;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.merkle.CompactRange;
import org.computegov.ledger.merkle.Node;
import org.computegov.ledger.merkle.Rfc6962;
import org.computegov.ledger.note.Note;
import org.computegov.ledger.tiles.EntryBundle;
import org.computegov.ledger.tiles.TilePath;
import org.computegov.ledger.tiles.Tiles;

/**
 * A full audit of a C2SP tlog-tiles log: verifies the signed checkpoint (and witness cosignatures), fetches every
 * entry bundle and hash tile its size needs, re-hashes every entry, rebuilds every tile and the root, and checks
 * that the tree extends the one remembered from the last successful audit of the same origin.
 *
 * <p>Two trees are rebuilt side by side, one from the entries and one from the level-0 tiles, so a mismatch can be
 * blamed on the side that disagrees with the signed root: a modified entry, or a modified tile. Higher-level tiles
 * are checked against hashes computed from the level-0 tiles, so one bad tile is reported once, not as a cascade.
 * Memory stays O(log n): both trees are compact ranges, and tiles are checked as they complete.
 */
public final class Auditor {
    /** The kinds of failure an audit reports; any of them fails it. */
    public enum Kind {
        BAD_SIGNATURE("BAD SIGNATURE"), UNAVAILABLE("UNAVAILABLE"), MALFORMED("MALFORMED"),
        TAMPERED_ENTRY("TAMPERED ENTRY"), TAMPERED_TILE("TAMPERED TILE"), ROOT_MISMATCH("ROOT MISMATCH"),
        FORK("FORK"), ROLLBACK("ROLLBACK");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One failure, with a message that names the index or tile. */
    public record Problem(Kind kind, String message) {}

    /** The outcome of an audit. */
    public record Report(String origin, long size, byte[] root, List<String> logSigners, List<String> witnessSigners,
            List<Problem> problems, List<String> checked, Optional<AuditStateStore.State> previous, String checkpoint,
            String stateFile, long entries, long bundles, long hashTiles, long requests, long bytesReceived,
            Duration elapsed) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Largest checkpoint note accepted. */
    static final int MAX_CHECKPOINT = Note.MAX_SIZE;
    /** A full tile: 256 hashes. */
    static final int MAX_TILE = TilePath.FULL_WIDTH * Rfc6962.HASH_SIZE;
    /** A full bundle of the largest entries. */
    static final int MAX_BUNDLE = TilePath.FULL_WIDTH * (2 + EntryBundle.MAX_ENTRY_SIZE);
    /** Tile mismatches reported one by one before the rest are counted. */
    static final int MAX_LISTED = 10;

    private final LogHttp http;
    private final URI prefix;
    private final CheckpointTrust trust;
    private final AuditStateStore store;
    private final int parallel;
    private final Clock clock;
    private ProgressListener progress = (done, total) -> { };

    /** Told how many of the entries have been audited, after each entry bundle (it decides what to show, if anything). */
    public interface ProgressListener {
        void step(long done, long total);
    }

    /**
     * @param prefix the tlog-tiles prefix: {@code <prefix>/checkpoint} and {@code <prefix>/tile/...} (no trailing slash)
     * @param parallel how many entry bundles (each with its level-0 tile) to fetch ahead
     */
    public Auditor(LogHttp http, URI prefix, CheckpointTrust trust, AuditStateStore store, int parallel, Clock clock) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
        this.http = http;
        this.prefix = prefix;
        this.trust = trust;
        this.store = store;
        this.parallel = parallel;
        this.clock = clock;
    }

    /** Reports the audit's progress, e.g. to a progress bar on a terminal. */
    public Auditor withProgress(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /** A failure that ends the walk (nothing after it can be checked). */
    private static final class Abort extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Problem problem;

        Abort(Kind kind, String message) {
            super(message);
            this.problem = new Problem(kind, message);
        }
    }

    /** Runs the audit; throws only if the local state file cannot be read or written. */
    public Report audit() throws IOException {
        long started = System.nanoTime();
        long requests0 = http.requests();
        long bytes0 = http.bytesReceived();
        Run run = new Run();
        try {
            run.walk();
        } catch (Abort a) {
            run.problems.add(a.problem);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause(); // the local state file, not the log
        } catch (IOException e) {
            run.problems.add(new Problem(Kind.UNAVAILABLE, e.getMessage()));
        }
        String stateFile = null;
        if (run.problems.isEmpty() && run.opened != null) {
            Checkpoint cp = run.opened.checkpoint();
            stateFile = store.save(new AuditStateStore.State(cp.origin(), logKey(), cp.size(), cp.rootHash(),
                    new String(run.opened.note(), StandardCharsets.UTF_8), clock.instant())).toString();
        }
        Checkpoint cp = run.opened == null ? null : run.opened.checkpoint();
        return new Report(cp != null ? cp.origin() : run.unverifiedOrigin, cp != null ? cp.size() : -1,
                cp != null ? cp.rootHash() : null, run.opened == null ? List.of() : run.opened.logSigners(),
                run.opened == null ? List.of() : run.opened.witnessSigners(), List.copyOf(run.problems),
                List.copyOf(run.checked), Optional.ofNullable(run.previous), run.checkpointText, stateFile, run.entries,
                run.bundles, run.fetchedTiles, http.requests() - requests0, http.bytesReceived() - bytes0,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private String logKey() {
        return trust.logKey().verifierKey().encode();
    }

    /** Whether a remembered checkpoint note carries a valid signature by the log key this audit trusts. */
    private boolean signedByLogKey(String note) {
        try {
            org.computegov.ledger.checkpoint.SignedCheckpoint.open(note.getBytes(StandardCharsets.UTF_8),
                    org.computegov.ledger.note.VerifierSet.of(trust.logKey()));
            return true;
        } catch (VerificationException e) {
            return false;
        }
    }

    /** The state of one audit run. */
    private final class Run {
        final List<Problem> problems = new ArrayList<>();
        final List<String> checked = new ArrayList<>();
        long fetchedTiles;
        CheckpointTrust.Opened opened;
        AuditStateStore.State previous;
        String unverifiedOrigin = "?";
        String checkpointText;
        long entries;
        long bundles;
        int leafMismatches;
        int tileMismatches;
        final List<Mismatch> leafMismatchList = new ArrayList<>();

        void walk() throws Abort, IOException {
            LogHttp.Response r = fetch(uri("checkpoint"), MAX_CHECKPOINT);
            if (!r.ok()) {
                throw new Abort(Kind.UNAVAILABLE, "GET " + r.uri() + " answered HTTP " + r.status());
            }
            checkpointText = new String(r.body(), StandardCharsets.UTF_8);
            try {
                unverifiedOrigin = Checkpoint.parse(Note.parse(r.body()).text()).origin() + " (unverified)";
            } catch (FormatException e) {
                // reported by the verification below
            }
            try {
                opened = trust.open(r.body());
            } catch (VerificationException e) {
                throw new Abort(Kind.BAD_SIGNATURE, "the checkpoint at " + r.uri() + " does not verify: " + e.getMessage());
            }
            Checkpoint cp = opened.checkpoint();
            checked.add("checkpoint signed by the log key " + String.join(", ", opened.logSigners())
                    + (trust.witnessCount() == 0 ? "" : "; cosigned by " + opened.witnessSigners().size() + " of "
                    + trust.witnessCount() + " trusted witnesses (" + String.join(", ", opened.witnessSigners())
                    + "), quorum " + trust.quorum()));
            try {
                previous = store.load(cp.origin(), logKey(), Auditor.this::signedByLogKey).orElse(null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            long n = cp.size();
            long oldSize = previous == null ? -1 : previous.size();

            CompactRange fromEntries = new CompactRange();
            CompactRange fromTiles = new CompactRange();
            byte[] entriesRootAtOld = oldSize == 0 ? Rfc6962.emptyRoot() : null;
            byte[] tilesRootAtOld = entriesRootAtOld;
            HigherTiles higher = new HigherTiles(this);

            // Bundles are generated as they are needed, not listed: a signed size can be huge.
            long bundleCount = (n + TilePath.FULL_WIDTH - 1) / TilePath.FULL_WIDTH;
            ArrayDeque<Pending> window = new ArrayDeque<>();
            long next = 0;
            for (long b = 0; b < bundleCount; b++) {
                while (next < bundleCount && next < b + parallel) {
                    int width = (int) Math.min(TilePath.FULL_WIDTH, n - next * TilePath.FULL_WIDTH);
                    window.add(start(new TilePath.Entries(next++, width)));
                }
                Pending p = window.poll();
                progress.step(entries, n);
                List<byte[]> bundle = entries(p);
                byte[] tile = tile(p.tile, LogHttp.await(p.tileResponse));
                bundles++;
                for (int i = 0; i < p.bundle.width(); i++) {
                    long index = p.bundle.index() * TilePath.FULL_WIDTH + i;
                    byte[] leaf = Rfc6962.leafHash(bundle.get(i));
                    byte[] stored = Arrays.copyOfRange(tile, i * Rfc6962.HASH_SIZE, (i + 1) * Rfc6962.HASH_SIZE);
                    if (!MessageDigest.isEqual(leaf, stored)) {
                        leafMismatches++;
                        if (leafMismatchList.size() < MAX_LISTED) {
                            leafMismatchList.add(new Mismatch(index, p.bundle.path(), p.tile.path(), i,
                                    Bytes.base64(leaf), Bytes.base64(stored)));
                        }
                    }
                    fromEntries.append(leaf);
                    for (Node node : fromTiles.append(stored)) {
                        if (node.level() > 0 && node.level() % Tiles.HEIGHT == 0) {
                            higher.add(node.level() / Tiles.HEIGHT, node.index(), node.hash());
                        }
                    }
                    entries++;
                    if (fromEntries.size() == oldSize) {
                        entriesRootAtOld = fromEntries.root();
                        tilesRootAtOld = fromTiles.root();
                    }
                }
            }
            higher.finish(n);
            if (fetchedTiles != expectedTileCount(n)) {
                throw new IllegalStateException("audit fetched " + fetchedTiles + " hash tiles, the tree of size "
                        + n + " has " + expectedTileCount(n));
            }

            byte[] entriesRoot = fromEntries.root();
            byte[] tilesRoot = fromTiles.root();
            boolean entriesMatch = MessageDigest.isEqual(entriesRoot, cp.rootHash());
            boolean tilesMatch = MessageDigest.isEqual(tilesRoot, cp.rootHash());
            reportLeafMismatches(entriesMatch, tilesMatch);
            if (!entriesMatch && !tilesMatch) {
                problems.add(new Problem(Kind.ROOT_MISMATCH, "the checkpoint's root " + Bytes.base64(cp.rootHash())
                        + " matches neither the entries (they hash to " + Bytes.base64(entriesRoot)
                        + ") nor the level-0 tiles (" + Bytes.base64(tilesRoot) + ")"));
            }
            if (leafMismatches == 0 && entriesMatch) {
                checked.add(entries + " entries in " + bundles + " bundles re-hashed; every leaf hash matched its "
                        + "level-0 tile");
                checked.add("root recomputed from the entries equals the checkpoint's root");
            }
            if (tileMismatches == 0) {
                checked.add(fetchedTiles + " hash tiles fetched; every higher-level hash recomputed from the "
                        + "tiles below");
            }

            if (previous == null) {
                checked.add("first audit of " + cp.origin() + " here: nothing remembered to compare with");
                return;
            }
            String when = "the checkpoint audited at " + previous.auditedAt() + " (size " + previous.size() + ", root "
                    + Bytes.base64(previous.root()) + ")";
            if (n < previous.size()) {
                problems.add(new Problem(Kind.ROLLBACK, "the log now claims size " + n + ", smaller than " + when
                        + ": entries were removed, or this is a different view of the log"));
                return;
            }
            byte[] rootAtOld = entriesMatch ? entriesRootAtOld : tilesMatch ? tilesRootAtOld : entriesRootAtOld;
            if (!MessageDigest.isEqual(rootAtOld, previous.root())) {
                problems.add(new Problem(Kind.FORK, n == previous.size()
                        ? "the log signed a different root " + Bytes.base64(cp.rootHash()) + " for the same size " + n
                                + " as " + when + ": two histories exist (split view or rewrite)"
                        : "the first " + previous.size() + " entries now hash to " + Bytes.base64(rootAtOld)
                                + ", not to the root of " + when + ": history was rewritten (fork)"));
                return;
            }
            checked.add(n == previous.size() ? "unchanged since " + when
                    : "extends " + when + ": the first " + previous.size() + " entries still hash to its root");
        }

        private void reportLeafMismatches(boolean entriesMatch, boolean tilesMatch) {
            for (Mismatch m : leafMismatchList) {
                if (tilesMatch && !entriesMatch) {
                    problems.add(new Problem(Kind.TAMPERED_ENTRY, "entry " + m.index + " (in " + m.bundle + ") hashes to "
                            + m.leaf + ", but the signed tree has " + m.stored + " (" + m.tile + " position "
                            + m.position + "): the entry was modified"));
                } else if (entriesMatch && !tilesMatch) {
                    problems.add(new Problem(Kind.TAMPERED_TILE, m.tile + " position " + m.position + " holds "
                            + m.stored + ", but entry " + m.index + " hashes to " + m.leaf + " and the entries hash to "
                            + "the signed root: the tile was modified"));
                } else {
                    problems.add(new Problem(Kind.TAMPERED_ENTRY, "entry " + m.index + " (in " + m.bundle + ") hashes to "
                            + m.leaf + ", but " + m.tile + " position " + m.position + " holds " + m.stored));
                }
            }
            if (leafMismatches > leafMismatchList.size()) {
                problems.add(new Problem(tilesMatch && !entriesMatch ? Kind.TAMPERED_ENTRY : Kind.TAMPERED_TILE,
                        (leafMismatches - leafMismatchList.size()) + " more entries disagree with their level-0 tiles"));
            }
        }

        /** An entry whose leaf hash is not the one its level-0 tile holds. */
        private record Mismatch(long index, String bundle, String tile, int position, String leaf, String stored) {}

        private record Pending(TilePath.Entries bundle, TilePath.Hashes tile, CompletableFuture<LogHttp.Response> bundleResponse,
                CompletableFuture<LogHttp.Response> tileResponse) {}

        Pending start(TilePath.Entries bundle) {
            TilePath.Hashes tile = new TilePath.Hashes(0, bundle.index(), bundle.width());
            return new Pending(bundle, tile, http.getAsync(uri(bundle.path()), MAX_BUNDLE),
                    http.getAsync(uri(tile.path()), MAX_TILE));
        }

        /** The bundle's entries; a partial bundle no longer served is read from the full one. */
        List<byte[]> entries(Pending p) throws IOException, Abort {
            LogHttp.Response r = LogHttp.await(p.bundleResponse);
            boolean full = false;
            if (r.status() == 404 && p.bundle.isPartial()) {
                r = fetch(uri(new TilePath.Entries(p.bundle.index(), TilePath.FULL_WIDTH).path()), MAX_BUNDLE);
                full = true;
            }
            if (!r.ok()) {
                throw new Abort(Kind.UNAVAILABLE, "GET " + r.uri() + " answered HTTP " + r.status()
                        + "; entries " + p.bundle.index() * TilePath.FULL_WIDTH + ".." + (p.bundle.index()
                        * TilePath.FULL_WIDTH + p.bundle.width() - 1) + " cannot be checked");
            }
            try {
                List<byte[]> entries = EntryBundle.decode(r.body(), full ? TilePath.FULL_WIDTH : p.bundle.width());
                return entries.subList(0, p.bundle.width());
            } catch (FormatException e) {
                throw new Abort(Kind.MALFORMED, "entry bundle " + r.uri() + " is malformed: " + e.getMessage());
            }
        }

        /** A tile's hashes, exactly width × 32 bytes; a partial tile no longer served is read from the full one. */
        byte[] tile(TilePath.Hashes t, LogHttp.Response r) throws IOException, Abort {
            fetchedTiles++;
            int want = t.width() * Rfc6962.HASH_SIZE;
            if (r.status() == 404 && t.isPartial()) {
                LogHttp.Response full = fetch(uri(new TilePath.Hashes(t.level(), t.index(), TilePath.FULL_WIDTH).path()),
                        MAX_TILE);
                if (full.ok() && full.body().length == MAX_TILE) {
                    return Arrays.copyOf(full.body(), want);
                }
            }
            if (!r.ok()) {
                throw new Abort(Kind.UNAVAILABLE, "GET " + r.uri() + " answered HTTP " + r.status());
            }
            if (r.body().length != want) {
                throw new Abort(Kind.MALFORMED, "tile " + t.path() + " has " + r.body().length + " bytes; a tile of "
                        + t.width() + " hashes has " + want);
            }
            return r.body();
        }
    }

    /** Checks the tiles of levels 1 and up as the hashes they hold complete, one tile per level at a time. */
    private final class HigherTiles {
        private final Run run;
        private final List<List<byte[]>> pending = new ArrayList<>();
        private final long[] tileIndex = new long[64 / Tiles.HEIGHT];

        HigherTiles(Run run) {
            this.run = run;
            for (int i = 0; i < tileIndex.length; i++) {
                pending.add(new ArrayList<>());
            }
        }

        void add(int level, long nodeIndex, byte[] hash) throws IOException, Abort {
            List<byte[]> buf = pending.get(level);
            if (nodeIndex != tileIndex[level] * TilePath.FULL_WIDTH + buf.size()) {
                throw new IllegalStateException("level " + level + " hashes out of order at " + nodeIndex);
            }
            buf.add(hash);
            if (buf.size() == TilePath.FULL_WIDTH) {
                check(level, tileIndex[level]++, buf);
                buf.clear();
            }
        }

        void finish(long size) throws IOException, Abort {
            for (int level = 1; level < tileIndex.length; level++) {
                int width = (int) ((size >>> (Tiles.HEIGHT * level)) % TilePath.FULL_WIDTH);
                List<byte[]> buf = pending.get(level);
                if (buf.size() != width) {
                    throw new IllegalStateException("level " + level + " has " + buf.size() + " hashes, expected " + width);
                }
                if (width > 0) {
                    check(level, tileIndex[level], buf);
                }
            }
        }

        private void check(int level, long index, List<byte[]> expected) throws IOException, Abort {
            TilePath.Hashes t = new TilePath.Hashes(level, index, expected.size());
            byte[] tile = run.tile(t, fetch(uri(t.path()), MAX_TILE));
            for (int p = 0; p < expected.size(); p++) {
                byte[] stored = Arrays.copyOfRange(tile, p * Rfc6962.HASH_SIZE, (p + 1) * Rfc6962.HASH_SIZE);
                if (!MessageDigest.isEqual(stored, expected.get(p))) {
                    run.tileMismatches++;
                    if (run.tileMismatches <= MAX_LISTED) {
                        TilePath.Hashes below = new TilePath.Hashes(level - 1, index * TilePath.FULL_WIDTH + p,
                                TilePath.FULL_WIDTH);
                        run.problems.add(new Problem(Kind.TAMPERED_TILE, t.path() + " position " + p + " holds "
                                + Bytes.base64(stored) + ", but the hashes below it (" + below.path() + ") hash to "
                                + Bytes.base64(expected.get(p)) + ": the tile was modified"));
                    } else if (run.tileMismatches == MAX_LISTED + 1) {
                        run.problems.add(new Problem(Kind.TAMPERED_TILE, "more higher-level tile hashes disagree "
                                + "with the tiles below them"));
                    }
                }
            }
        }
    }

    /** How many hash tiles, full and partial, a tree of this size has (C2SP tlog-tiles): per level, ceil(count / 256). */
    public static long expectedTileCount(long size) {
        long tiles = 0;
        for (int level = 0; level < 64 / Tiles.HEIGHT; level++) {
            long count = size >>> (Tiles.HEIGHT * level);
            tiles += (count + TilePath.FULL_WIDTH - 1) / TilePath.FULL_WIDTH;
        }
        return tiles;
    }

    private LogHttp.Response fetch(URI uri, int max) throws IOException {
        return http.get(uri, max);
    }

    private URI uri(String path) {
        return URI.create(prefix + "/" + path);
    }
}
