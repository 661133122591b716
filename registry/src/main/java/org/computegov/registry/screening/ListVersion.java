package org.computegov.registry.screening;

import java.time.Instant;
import java.util.Objects;

/**
 * Which version of a list was loaded: the SHA-256 of the file bytes (for lists read from several files, of the
 * files in order, see {@link ScreeningLists}), when it was loaded, how many entries it had and where it came
 * from. Two loads of the same bytes have the same {@code sha256}: compare that to tell whether a list changed.
 */
public record ListVersion(String sha256, Instant loadedAt, int entryCount, String sourceDescription) {
    public ListVersion {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(loadedAt, "loadedAt");
        Objects.requireNonNull(sourceDescription, "sourceDescription");
        if (entryCount < 0) throw new IllegalArgumentException("entryCount < 0");
    }

    /** True when both versions were loaded from the same bytes (load time and description aside). */
    public boolean sameContentAs(ListVersion other) {
        return other != null && sha256.equals(other.sha256);
    }
}
