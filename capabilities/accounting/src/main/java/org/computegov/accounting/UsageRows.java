package org.computegov.accounting;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.List;
import org.computegov.registry.usage.AttributedUsage;
import org.computegov.registry.usage.UsageRecord;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes usage rows with PostgreSQL's COPY: a batch of thousands of records is one round trip and no per-row
 * statement, which is what lets the registry take in usage at tens of thousands of records a second.
 */
final class UsageRows {
    private UsageRows() {}

    static void insert(Handle h, List<AttributedUsage> rows, long index) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(rows.size() * 256);
        for (AttributedUsage a : rows) {
            UsageRecord r = a.record();
            field(sb, r.recordId()).append('\t');
            field(sb, r.provider()).append('\t');
            field(sb, r.cluster()).append('\t');
            field(sb, r.customer()).append('\t');
            field(sb, r.chip()).append('\t');
            sb.append(r.chipCount()).append('\t');
            sb.append(r.start()).append('\t');
            sb.append(r.end()).append('\t');
            field(sb, r.runId().orElse(null)).append('\t');
            field(sb, r.jobId()).append('\t');
            sb.append(r.chipHours()).append('\t');
            sb.append(a.flop()).append('\t');
            sb.append(a.flopLow() == null ? "\\N" : a.flopLow().toString()).append('\t');
            sb.append(a.flopHigh() == null ? "\\N" : a.flopHigh().toString()).append('\t');
            sb.append(index).append('\n');
        }
        try {
            CopyManager copy = h.getConnection().unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY usage_record (record_id, provider, cluster, customer_id, chip, chip_count, start_at, end_at,"
                    + " run_id, job_id, chip_hours, flop, flop_low, flop_high, log_index) FROM STDIN", new StringReader(sb.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot write usage records: " + e.getMessage(), e);
        }
    }

    /** COPY text format: backslash escapes for the characters that delimit fields and rows; \N for null. */
    private static StringBuilder field(StringBuilder sb, String value) {
        if (value == null) {
            return sb.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb;
    }
}
