package org.computegov.accounting;

import org.computegov.registry.kernel.DeclaredKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.computegov.registry.usage.AttributedUsage;
import org.computegov.registry.usage.UsageRecord;
import org.jdbi.v3.core.Handle;

/**
 * {@code registry-usage}: a provider's usage records (sealed). A record already reported with the same values is a
 * duplicate and counted as such; with other values it is a conflict (corrections change reported records).
 */
final class UsageKind extends DeclaredKind<UsageKind.Plan> {
    private final UsageRecords records;
    private final Monitoring monitoring;
    private final Attribution attribution;

    UsageKind(UsageRecords records, Monitoring monitoring, Attribution attribution) {
        super("usage", true, Role.COMPUTE_PROVIDER);
        this.records = records;
        this.monitoring = monitoring;
        this.attribution = attribution;
    }

    /** What a usage statement's payload says, read and attributed without looking at the registry's state. */
    record Prepared(Collection<UsageRecord> unique, int repeatsInBatch, Map<String, AttributedUsage> attributed) {}

    record Plan(List<AttributedUsage> fresh, int duplicates) {}

    /** The problem type of a statement whose records were all reported before; the CLI reports it as success. */
    static final String NOTHING_NEW = "usage-nothing-new";

    @Override
    public Prepared prepare(Input in) throws Rejection {
        List<UsageRecord> list = records.read(in.statement(), in.payload(), "sealed.payload");
        Checks.requireSubject(in.statement(), "usage:" + in.issuer() + "/" + in.statement().statementId());
        UsageRecords.requireCount(in.statement(), list.size());
        if (list.isEmpty()) {
            // An empty report would be a statement in the public log that says nothing (issue 12).
            throw Rejection.badInput("the usage statement holds no records", "sealed.payload",
                    "Report at least one record; with nothing to report, submit nothing.");
        }
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
        List<UsageRecord> differing = new ArrayList<>();
        for (UsageRecord r : p.unique()) {
            UsageRecord old = stored.get(r.recordId());
            if (old == null) {
                fresh.add(p.attributed().get(r.recordId()));
            } else if (old.equals(r)) {
                duplicates++;
            } else {
                differing.add(r);
            }
        }
        if (!differing.isEmpty()) {
            // Every differing record named, so that one answer says what to correct or leave out.
            List<String> named = differing.stream().limit(20)
                    .map(r -> UsageRecords.job(r) + " (record " + r.recordId() + ")").toList();
            throw Rejection.conflict("usage-record-differs", "Record already reported differently",
                    differing.size() + " record(s) were reported before with other values: " + String.join("; ", named)
                            + (differing.size() > named.size() ? "; and " + (differing.size() - named.size()) + " more" : ""),
                    "Send a usage correction (cgov usage correct) to change a reported record, or leave these records"
                            + " out; nothing was stored.");
        }
        if (fresh.isEmpty()) {
            // Nothing new: no statement, so resubmitting an export that was (partly) reported before logs nothing.
            throw Rejection.conflict(NOTHING_NEW, "Nothing new", "all " + (duplicates) + " record(s) were reported"
                    + " before with the same values", "Nothing to do: the registry has these records already.");
        }
        attribution.require(h, in.issuer(), fresh.stream().map(AttributedUsage::record).toList());
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
