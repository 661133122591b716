package org.computegov.accounting;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.statement.RegistryStatement;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.usage.AttributedUsage;
import org.computegov.registry.usage.InputProblem;
import org.computegov.registry.usage.ParsedUsage;
import org.computegov.registry.usage.UsageCompute;
import org.computegov.registry.usage.UsageJson;
import org.computegov.registry.usage.UsageRecord;
import org.jdbi.v3.core.Handle;

/** Usage records as statements carry them: read and checked, converted to FLOP, and looked up among stored ones. */
final class UsageRecords {
    /** Bounds on one statement's content, so that one request cannot occupy the writer for long. */
    static final int MAX_RECORDS = 100_000;
    private final UsageJson usageJson;
    private final UsageCompute compute;

    UsageRecords(HardwareCatalog catalog) {
        this.usageJson = new UsageJson(catalog);
        this.compute = new UsageCompute(catalog);
    }

    List<UsageRecord> read(RegistryStatement s, byte[] json, String field) throws Rejection {
        ParsedUsage parsed = usageJson.read(new String(json, StandardCharsets.UTF_8));
        if (parsed.records().size() > MAX_RECORDS) {
            throw Rejection.badInput(parsed.records().size() + " records in one statement; at most " + MAX_RECORDS,
                    field, "Split the usage into several statements (cgov usage submit --batch).");
        }
        if (!parsed.ok()) {
            List<String> problems = parsed.problems().stream().limit(20).map(InputProblem::describe).toList();
            throw Rejection.badInput(parsed.problems().size() + " problem(s) in the usage records: "
                    + String.join("; ", problems), field, "Fix the records; nothing was stored.");
        }
        for (UsageRecord r : parsed.records()) {
            if (r.start().isBefore(Checks.EARLIEST) || r.end().isAfter(Checks.LATEST)) {
                throw Rejection.badInput(job(r) + " runs from " + r.start() + " to " + r.end() + ", outside the years "
                        + "1970-2199 the registry takes", field, "Check the times (UTC, RFC 3339).");
            }
            if (!r.provider().equals(s.issuer())) {
                throw Rejection.forbidden("record of " + job(r) + " names provider " + r.provider() + ", but "
                        + s.issuer() + " signed the statement", "A provider reports its own usage only.");
            }
        }
        return parsed.records();
    }

    AttributedUsage attribute(UsageRecord r) throws Rejection {
        try {
            return compute.attribute(r);
        } catch (InvalidInputException e) {
            throw Rejection.badInput(job(r) + ": " + e.getMessage(), "sealed.payload", e.hint());
        }
    }

    static void requireCount(RegistryStatement s, int count) throws Rejection {
        JsonNode n = s.predicate().get("records");
        if (n == null || !n.canConvertToInt() || n.asInt() != count) {
            throw Rejection.badInput("predicate.records must be the number of records (" + count + ")",
                    "predicate.records", null);
        }
    }

    static Map<String, UsageRecord> stored(Handle h, Set<String> ids) {
        Map<String, UsageRecord> out = new HashMap<>();
        h.createQuery("""
                SELECT record_id, provider, cluster, customer_id, chip, chip_count, start_at, end_at, run_id, job_id
                FROM usage_record WHERE record_id = ANY(:ids) AND NOT withdrawn""")
                .bindArray("ids", String.class, ids)
                .map((rs, ctx) -> new UsageRecord(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                        Optional.ofNullable(rs.getString(9)), rs.getString(10)))
                .forEach(r -> out.put(r.recordId(), r));
        return out;
    }

    /** A record's job as its provider knows it (the job key is a hash nobody can look up). */
    static String job(UsageRecord r) {
        return "job " + r.jobId() + " on cluster " + r.cluster();
    }
}
