package org.computegov.licensing.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.bundle.Bundle;
import org.computegov.ledger.bundle.BundleVerifier;
import org.computegov.ledger.bundle.StatusException;
import org.computegov.ledger.bundle.VerifiedBundle;
import org.computegov.ledger.intoto.Statement;
import org.computegov.licensing.admission.LicenceBook;
import org.computegov.licensing.admission.LicenceJson;
import org.computegov.licensing.admission.LicenceSource;
import org.computegov.licensing.admission.LicenceState;

/**
 * A provider's licences from verified bundle files, for admission without the registry ({@code cgov admission serve
 * --bundle}). Budgets (holds, settled usage) are kept in memory, in a {@link LicenceBook}: a restart forgets them,
 * and no other provider sees them.
 *
 * <p>Revocation still reaches this service: a licence whose bundle's status is older than the verifier's maximum age
 * cannot be read ({@link LicenceSource.Unreachable}, so the admission policy decides: fail-closed by default). The
 * files are read again by {@link #refresh()}: a newer bundle (a fresh status, a tranche released, an amendment)
 * replaces the terms and keeps the budget; a status saying suspended or revoked sets the licence's standing.
 */
@org.computegov.registry.kernel.Published
public final class BundleLicences implements LicenceSource {
    private final BundleVerifier verifier;
    private final List<Path> files;
    private final Clock clock;
    private final Consumer<String> log;
    private final LicenceBook book = new LicenceBook();
    private final Map<Path, Loaded> byFile = new ConcurrentHashMap<>();
    private final Map<Path, byte[]> seen = new ConcurrentHashMap<>();
    private final Map<String, Optional<Instant>> freshUntil = new ConcurrentHashMap<>();
    /** For a licence suspended or revoked by a bundle: the log tree of the last bundle loaded before (none newer lifts it). */
    private final Map<String, Long> suspendedAfterTree = new java.util.concurrent.ConcurrentHashMap<>();
    /** What {@link #seen} holds for a file that could not be read. */
    private static final byte[] UNREADABLE = new byte[0];

    /** What a file held when it last verified. */
    public record Loaded(Path file, String licence, long treeSize, Optional<Instant> freshUntil) {}

    /** A bundle file that cannot be read or does not verify. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Path file;

        Invalid(Path file, String message, Throwable cause) {
            super(message, cause);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }

    /** @param log where reloads and bundles that stopped verifying are told */
    public BundleLicences(BundleVerifier verifier, List<Path> files, Clock clock, Consumer<String> log) {
        this.verifier = verifier;
        this.files = List.copyOf(files);
        this.clock = clock;
        this.log = log;
    }

    /** Verifies and loads every file; nothing is loaded unless all verify and no licence comes twice. */
    public List<Loaded> load() throws Invalid {
        List<Loaded> out = new ArrayList<>();
        List<LicenceJson.Terms> terms = new ArrayList<>();
        List<byte[]> raws = new ArrayList<>();
        for (Path f : files) {
            byte[] raw = read(f);
            Read r = verify(f, raw);
            for (Loaded l : out) {
                if (l.licence().equals(r.loaded().licence())) {
                    throw new Invalid(f, "licence " + l.licence() + " is in two bundles, " + l.file() + " and " + f, null);
                }
            }
            out.add(r.loaded());
            terms.add(r.terms());
            raws.add(raw);
        }
        for (int i = 0; i < out.size(); i++) {
            Loaded l = out.get(i);
            book.add(terms.get(i).licence(), terms.get(i).tranchesReleased());
            byFile.put(l.file(), l);
            seen.put(l.file(), raws.get(i));
            freshUntil.put(l.licence(), l.freshUntil());
        }
        return out;
    }

    /**
     * Reads the files again; each that changed is verified and, if it does, replaces its licence's terms (never with
     * an older log tree than the one loaded) and freshness; one whose status says suspended or revoked sets that
     * standing. A file that changed and does not verify is told once and the bundle loaded before stays (until its
     * status ages out).
     */
    public void refresh() {
        for (Path f : files) {
            byte[] raw;
            try {
                raw = read(f);
            } catch (Invalid e) {
                if (seen.put(f, UNREADABLE) != UNREADABLE) { // told once, not every refresh
                    log.accept(e.getMessage() + "; keeping the bundle loaded before");
                }
                continue;
            }
            byte[] before = seen.put(f, raw);
            if (before != null && Arrays.equals(before, raw)) {
                continue;
            }
            Loaded was = byFile.get(f);
            try {
                Read r = verify(f, raw);
                Loaded now = r.loaded();
                if (was != null && now.licence().equals(was.licence()) && now.treeSize() < was.treeSize()) {
                    log.accept("bundle " + f + " is from an older log tree (" + now.treeSize() + " < " + was.treeSize()
                            + ") than the one loaded; ignored");
                    continue;
                }
                Long suspendedAfter = suspendedAfterTree.get(now.licence());
                if (suspendedAfter != null && now.treeSize() <= suspendedAfter) {
                    // A bundle no newer than the last one before the suspension (the old file put back): its "valid"
                    // status predates the suspension, so it cannot lift it. A reinstatement comes with a newer tree.
                    log.accept("bundle " + f + " is from log tree " + now.treeSize() + ", not after the suspension seen"
                            + " after tree " + suspendedAfter + ": licence " + now.licence() + " stays suspended");
                    continue;
                }
                LicenceState s = book.update(r.terms().licence(), r.terms().tranchesReleased());
                if (s.standing() == LicenceState.Standing.SUSPENDED) {
                    book.setStanding(now.licence(), LicenceState.Standing.ACTIVE, "");
                }
                suspendedAfterTree.remove(now.licence());
                byFile.put(f, now);
                freshUntil.put(now.licence(), now.freshUntil());
                log.accept("licence " + now.licence() + ": reloaded " + f + " (log tree " + now.treeSize()
                        + now.freshUntil().map(t -> ", status fresh until " + t).orElse("") + ")");
            } catch (Invalid e) {
                if (was != null && e.getCause() instanceof StatusException se
                        && (se.problem() == StatusException.Problem.SUSPENDED || se.problem() == StatusException.Problem.REVOKED)) {
                    LicenceState.Standing standing = se.problem() == StatusException.Problem.REVOKED
                            ? LicenceState.Standing.REVOKED : LicenceState.Standing.SUSPENDED;
                    book.setStanding(was.licence(), standing, "the regulator's status in " + f + ": " + se.getMessage());
                    suspendedAfterTree.merge(was.licence(), was.treeSize(), Math::max);
                    log.accept("licence " + was.licence() + " is " + standing.name().toLowerCase(Locale.ROOT)
                            + " (bundle " + f + "): jobs under it are denied");
                } else {
                    log.accept(e.getMessage() + "; keeping the bundle loaded before"
                            + (was == null ? "" : was.freshUntil().map(t -> " (its status is fresh until " + t + ")").orElse("")));
                }
            }
        }
    }

    private record Read(Loaded loaded, LicenceJson.Terms terms) {}

    private static byte[] read(Path f) throws Invalid {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] raw = in.readNBytes(Bundle.MAX_SIZE + 1);
            if (raw.length > Bundle.MAX_SIZE) {
                throw new Invalid(f, "bundle " + f + " is larger than " + Bundle.MAX_SIZE + " bytes", null);
            }
            return raw;
        } catch (IOException e) {
            throw new Invalid(f, "bundle " + f + " cannot be read: " + e.getMessage(), e);
        }
    }

    private Read verify(Path f, byte[] raw) throws Invalid {
        try {
            VerifiedBundle v = verifier.verify(Bundle.parse(raw));
            JsonNode predicate = Statement.parse(v.payload()).predicate();
            LicenceJson.Terms terms = LicenceJson.parse(predicate == null ? null : predicate.get("licence"));
            return new Read(new Loaded(f, terms.licence().id(), v.checkpoint().size(), v.freshUntil()), terms);
        } catch (FormatException e) {
            throw new Invalid(f, "bundle " + f + " cannot be read: " + e.getMessage(), e);
        } catch (StatusException e) {
            throw new Invalid(f, switch (e.problem()) {
                case SUSPENDED, REVOKED -> "bundle " + f + ": the licence is " + e.problem().name().toLowerCase(Locale.ROOT)
                        + ", no job may start under it: " + e.getMessage();
                default -> "bundle " + f + ": its status statement cannot be relied on: " + e.getMessage();
            }, e);
        } catch (VerificationException e) {
            throw new Invalid(f, "bundle " + f + " does not verify with the given keys: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new Invalid(f, "bundle " + f + " does not hold a licence: " + e.getMessage(), e);
        }
    }

    /** The book the licences are kept in (budgets, holds). */
    public LicenceBook book() {
        return book;
    }

    @Override
    public Optional<LicenceState> find(String licenceId) throws Unreachable {
        Optional<LicenceState> s = book.find(licenceId);
        Optional<Instant> until = freshUntil.getOrDefault(licenceId, Optional.empty());
        if (s.isPresent() && until.isPresent() && clock.instant().isAfter(until.get())) {
            throw new Unreachable("the status statement in its bundle was fresh until " + until.get()
                    + ", so a revocation since then could not be known here; put a newer bundle in its place"
                    + " ('cgov licence bundle' by the regulator)", null);
        }
        return s;
    }

    /** Finding reads memory only: the admission server decides on the thread that read the request. */
    @Override
    public boolean inMemory() {
        return true;
    }
}
