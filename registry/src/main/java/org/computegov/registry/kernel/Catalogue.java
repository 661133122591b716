package org.computegov.registry.kernel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The statement kinds a registry runs (the kernel's own and every capability's) and who follows which. */
public final class Catalogue {
    private final List<Capability> capabilities;
    private final Map<String, StatementKind<?>> kinds = new LinkedHashMap<>();
    private final Map<String, String> owners = new LinkedHashMap<>();
    private final Map<String, List<Follower<?>>> followers = new LinkedHashMap<>();

    Catalogue(List<StatementKind<?>> kernelKinds, List<Capability> capabilities) {
        this.capabilities = List.copyOf(capabilities);
        kernelKinds.forEach(k -> add("kernel", k));
        for (Capability c : capabilities) {
            if (!c.name().matches("[a-z][a-z0-9_]*") || c.name().equals("kernel")) {
                throw new IllegalArgumentException("capability name '" + c.name() + "' must be lowercase letters, digits, '_'");
            }
            c.kinds().forEach(k -> add(c.name(), k));
        }
        for (Capability c : capabilities) {
            for (Follower<?> f : c.followers()) {
                if (!kinds.containsKey(f.kind())) {
                    throw new IllegalArgumentException(c.name() + " follows kind '" + f.kind() + "', which no capability runs");
                }
                followers.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f);
            }
        }
    }

    private void add(String owner, StatementKind<?> kind) {
        if (kinds.putIfAbsent(kind.wire(), kind) != null) {
            throw new IllegalArgumentException("kind '" + kind.wire() + "' of " + owner + " is already run by "
                    + owners.get(kind.wire()));
        }
        owners.put(kind.wire(), owner);
    }

    /** The kind of a wire name, or null when this registry does not run it. */
    public StatementKind<?> kind(String wire) {
        return kinds.get(wire);
    }

    public Collection<StatementKind<?>> kinds() {
        return kinds.values();
    }

    /** The capability (or "kernel") that runs a kind. */
    public String owner(String wire) {
        return owners.get(wire);
    }

    List<Follower<?>> followers(String wire) {
        return followers.getOrDefault(wire, List.of());
    }

    public List<Capability> capabilities() {
        return capabilities;
    }
}
