package org.computegov.accounting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.computegov.registry.usage.AttributedUsage;
import org.computegov.registry.usage.UsageRecord;
import org.jdbi.v3.core.Handle;

/**
 * {@code registry-usage}: a provider's usage records (sealed). A record already reported with the same values is a
 * duplicate and counted as such; with other values it is a conflict (corrections change reported records).
 */
final class UsageKind implements StatementKind<UsageKind.Plan> {
    private final UsageRecords records;
    private final Monitoring monitoring;

    UsageKind(UsageRecords records, Monitoring monitoring) {
        this.records = records;
        this.monitoring = monitoring;
    }

    /** What a usage statement's payload says, read and attributed without looking at the registry's state. */
    record Prepared(Collection<UsageRecord> unique, int repeatsInBatch, Map<String, AttributedUsage> attributed) {}

    record Plan(List<AttributedUsage> fresh, int duplicates) {}

    @Override
    public String wire() {
        return "usage";
    }

    @Override
    public Set<Role> signers() {
        return Set.of(Role.COMPUTE_PROVIDER);
    }

    @Override
    public boolean sealed() {
        return true;
    }

    @Override
    public Prepared prepare(Input in) throws Rejection {
        List<UsageRecord> list = records.read(in.statement(), in.payload(), "sealed.payload");
        Checks.requireSubject(in.statement(), "usage:" + in.issuer() + "/" + in.statement().statementId());
        UsageRecords.requireCount(in.statement(), list.size());
        Map<String, UsageRecord> byId = new LinkedHashMap<>();
        for (UsageRecord r : list) {
            UsageRecord before = byId.putIfAbsent(r.recordId(), r);
            if (before != null && !before.equals(r)) {
                throw Rejection.badInput("two records of " + UsageRecords.job(r) + " differ within one batch",
                        "sealed.payload", "Send each job once.");
            }
        }
        Map<String, AttributedUsage> attributed = new HashMap<>();
        for (var e : byId.entrySet()) {
            attributed.put(e.getKey(), records.attribute(e.getValue()));
        }
        return new Prepared(byId.values(), list.size() - byId.size(), attributed);
    }

    @Override
    public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
        Prepared p = (Prepared) prepared;
        Map<String, UsageRecord> stored = UsageRecords.stored(h, p.attributed().keySet());
        List<AttributedUsage> fresh = new ArrayList<>();
        int duplicates = p.repeatsInBatch();
        for (UsageRecord r : p.unique()) {
            UsageRecord old = stored.get(r.recordId());
            if (old == null) {
                fresh.add(p.attributed().get(r.recordId()));
            } else if (old.equals(r)) {
                duplicates++;
            } else {
                throw Rejection.conflict("usage-record-differs", "Record already reported differently",
                        UsageRecords.job(r) + " (record " + r.recordId() + ") was reported before with other values",
                        "Send a usage correction (cgov usage correct) to change a reported record.");
            }
        }
        return new Plan(fresh, duplicates);
    }

    @Override
    public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
        // A record withdrawn earlier and reported again comes back as a new row.
        h.createUpdate("DELETE FROM usage_record WHERE withdrawn AND record_id = ANY(:ids)")
                .bindArray("ids", String.class, p.fresh().stream().map(a -> a.record().recordId()).toList()).execute();
        UsageRows.insert(h, p.fresh(), index);
        Monitoring.addToBuckets(h, p.fresh());
        effects.summary().put("accepted", p.fresh().size());
        effects.summary().put("duplicates", p.duplicates());
        effects.summary().put("flop", p.fresh().stream().mapToDouble(AttributedUsage::flop).sum());
        monitoring.afterUsage(h, p.fresh().stream().map(AttributedUsage::record).toList())
                .forEach(f -> effects.notice(f.notice()));
    }
}
