package org.computegov.accounting;

import java.util.List;
import org.computegov.customers.Ownership;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Follower;
import org.computegov.registry.kernel.Input;
import org.jdbi.v3.core.Handle;

/**
 * Follows KYC records: when a record changes who owns an account, the account's and both the former and the new
 * owners' compute is assessed again (a run split across accounts is seen whole under its owner).
 */
final class OwnerFollower implements Follower<List<String>> {
    private final Ownership ownership;
    private final Monitoring monitoring;

    OwnerFollower(Ownership ownership, Monitoring monitoring) {
        this.ownership = ownership;
        this.monitoring = monitoring;
    }

    @Override
    public String kind() {
        return "customer";
    }

    @Override
    public List<String> before(Handle h, Input in) {
        return ownership.ownersOf(h, List.of(ownership.accountOf(in)));
    }

    @Override
    public void after(Handle h, Input in, List<String> ownersBefore, long logIndex, Effects effects) {
        String account = ownership.accountOf(in);
        int slash = account.indexOf('/');
        monitoring.afterCustomer(h, account.substring(0, slash), account.substring(slash + 1), ownersBefore)
                .forEach(f -> effects.notice(f.notice()));
    }
}
