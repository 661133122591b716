package org.computegov.registry.kernel;

import java.util.Set;
import org.computegov.registry.statement.Role;

/** A statement kind whose wire name, signer roles and sealing are fixed at construction: what most kinds are. */
public abstract class DeclaredKind<P> implements StatementKind<P> {
    private final String wire;
    private final boolean sealed;
    private final Set<Role> signers;

    protected DeclaredKind(String wire, boolean sealed, Role... signers) {
        this.wire = wire;
        this.sealed = sealed;
        this.signers = Set.of(signers);
    }

    @Override
    public final String wire() {
        return wire;
    }

    @Override
    public final Set<Role> signers() {
        return signers;
    }

    @Override
    public final boolean sealed() {
        return sealed;
    }
}
