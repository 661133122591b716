package org.computegov.accounting;

import org.computegov.registry.kernel.DeclaredKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.computegov.registry.usage.AttributedUsage;
import org.computegov.registry.usage.UsageRecord;
import org.jdbi.v3.core.Handle;

/**
 * {@code registry-usage-correction}: a provider replaces or withdraws records it reported,
 * {@code {"replace": [usage records], "withdraw": [record ids]}} (sealed).
 */
final class CorrectionKind extends DeclaredKind<CorrectionKind.Plan> {
    private final UsageRecords records;
    private final Monitoring monitoring;
    private final Attribution attribution;

    CorrectionKind(UsageRecords records, Monitoring monitoring, Attribution attribution) {
        super("usage-correction", true, Role.COMPUTE_PROVIDER);
        this.records = records;
        this.monitoring = monitoring;
        this.attribution = attribution;
    }

    record Plan(List<AttributedUsage> replace, List<String> withdraw) {}

    @Override
    public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(in.payload());
        } catch (java.io.IOException e) {
            throw Rejection.badInput("the correction is not JSON: " + e.getMessage(), "sealed.payload", null);
        }
        List<String> fields = new ArrayList<>();
        if (root != null) {
            root.fieldNames().forEachRemaining(fields::add);
        }
        if (root == null || !root.isObject() || root.size() == 0 || !Set.of("replace", "withdraw").containsAll(fields)) {
            throw Rejection.badInput("a correction is {\"replace\": [usage records], \"withdraw\": [record ids]}",
                    "sealed.payload", null);
        }
        Checks.requireSubject(in.statement(), "usage:" + in.issuer() + "/" + in.statement().statementId());
        List<UsageRecord> replace = root.has("replace")
                ? records.read(in.statement(), root.get("replace").toString().getBytes(StandardCharsets.UTF_8),
                        "sealed.payload.replace")
                : List.of();
        List<String> withdraw = new ArrayList<>();
        if (root.has("withdraw")) {
            if (!root.get("withdraw").isArray()) {
                throw Rejection.badInput("withdraw must be an array of record ids", "sealed.payload.withdraw", null);
            }
            root.get("withdraw").forEach(n -> withdraw.add(n.asText()));
        }
        UsageRecords.requireCount(in.statement(), replace.size() + withdraw.size());
        Set<String> ids = new LinkedHashSet<>();
        replace.forEach(r -> ids.add(r.recordId()));
        ids.addAll(withdraw);
        if (ids.size() != replace.size() + withdraw.size()) {
            throw Rejection.badInput("a record appears twice in one correction", "sealed.payload", null);
        }
        Map<String, UsageRecord> stored = UsageRecords.stored(h, ids);
        for (String id : ids) {
            // Another provider's record is not there for this one (nor is whether it exists: records are sealed).
            UsageRecord r = stored.get(id);
            if (r == null || !r.provider().equals(in.issuer())) {
                throw Rejection.notFound("usage record " + id + " of " + in.issuer() + " is not in the registry",
                        "A correction changes reported records; report new ones with cgov usage submit.");
            }
        }
        // A replacement may move compute to another account or run: the same links as new usage.
        attribution.require(h, in.issuer(), replace);
        List<AttributedUsage> attributed = new ArrayList<>();
        for (UsageRecord r : replace) {
            attributed.add(records.attribute(r));
        }
        return new Plan(attributed, withdraw);
    }

    @Override
    public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
        Set<String> ids = new HashSet<>(p.withdraw());
        p.replace().forEach(a -> ids.add(a.record().recordId()));
        Map<String, UsageRecord> before = UsageRecords.stored(h, ids);
        h.createUpdate("UPDATE usage_record SET withdrawn = true, log_index = :i WHERE record_id = ANY(:ids)")
                .bind("i", index).bindArray("ids", String.class, p.withdraw()).execute();
        h.createUpdate("DELETE FROM usage_record WHERE record_id = ANY(:ids)")
                .bindArray("ids", String.class, p.replace().stream().map(a -> a.record().recordId()).toList()).execute();
        UsageRows.insert(h, p.replace(), index);
        List<UsageRecord> touched = new ArrayList<>(before.values());
        p.replace().forEach(a -> touched.add(a.record()));
        Monitoring.rebuildBuckets(h, touched);
        effects.summary().put("replaced", p.replace().size());
        effects.summary().put("withdrawn", p.withdraw().size());
        monitoring.afterUsage(h, touched).forEach(f -> effects.notice(f.notice()));
    }
}
