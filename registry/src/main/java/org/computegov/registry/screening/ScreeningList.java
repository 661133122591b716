package org.computegov.registry.screening;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/** A loaded denied-party list: its version and its entries, in file order. Immutable. */
public record ScreeningList(ListVersion version, List<ListEntry> entries) {
    public ScreeningList {
        Objects.requireNonNull(version, "version");
        entries = List.copyOf(entries);
        if (version.entryCount() != entries.size()) {
            throw new IllegalArgumentException("version says " + version.entryCount() + " entries, list has " + entries.size());
        }
    }

    public int size() {
        return entries.size();
    }

    /**
     * Several lists screened as one (e.g. the CSL and the OFAC SDN files). The version's hash is the SHA-256
     * of the parts' hashes in order, so it changes when any part changes.
     */
    public static ScreeningList merge(List<ScreeningList> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to merge");
        if (parts.size() == 1) return parts.get(0);
        List<ListEntry> all = new ArrayList<>();
        StringJoiner desc = new StringJoiner(" + ");
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (ScreeningList p : parts) {
            all.addAll(p.entries());
            desc.add(p.version().sourceDescription());
            md.update(p.version().sha256().getBytes(StandardCharsets.US_ASCII));
        }
        return new ScreeningList(new ListVersion(HexFormat.of().formatHex(md.digest()), Instant.now(), all.size(),
                desc.toString()), all);
    }
}
