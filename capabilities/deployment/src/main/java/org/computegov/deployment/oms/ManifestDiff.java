package org.computegov.deployment.oms;

import java.util.ArrayList;
import java.util.List;

/** Files that differ between an expected manifest and a model on disk, each list in OMS path order. */
@org.computegov.registry.kernel.Published
public record ManifestDiff(List<String> added, List<String> removed, List<String> changed) {
    public ManifestDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public boolean matches() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** One line per differing file: "added: x", "removed: y", "changed: z". */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        added.forEach(p -> out.add("added: " + p));
        removed.forEach(p -> out.add("removed: " + p));
        changed.forEach(p -> out.add("changed: " + p));
        return out;
    }
}
