package org.computegov.registry.usage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One allocation of accelerators to a customer for an interval, as a compute provider reports it.
 *
 * <p>The constructor checks the record on its own terms (non-blank names without control characters or
 * surrounding white space, at least one chip, an end after the start); that {@code chip} is a canonical catalog
 * name is the readers' duty ({@link SacctParser}, {@link UsageJson} resolve names and aliases through the
 * catalog), since a record does not know which catalog is in force.
 *
 * @param provider the compute provider reporting the usage (as the registry knows it)
 * @param cluster the cluster the job ran on (sacct's Cluster)
 * @param customer the account the usage is charged to (sacct's Account)
 * @param chip the accelerator's canonical catalog name, e.g. "NVIDIA H100 SXM5 80GB"
 * @param chipCount how many of those accelerators the allocation held
 * @param start when the allocation started
 * @param end when it ended (after {@code start})
 * @param runId the training run the usage belongs to, when the provider knows it
 * @param jobId the scheduler's job id; for an array task {@code ARRAYJOB_TASK} (e.g. {@code 4103947_9}), for a
 *     heterogeneous job component {@code JOB+OFFSET}
 */
public record UsageRecord(String provider, String cluster, String customer, String chip, int chipCount,
        Instant start, Instant end, Optional<String> runId, String jobId) {

    /** The longest name any text field may have, in characters. */
    public static final int MAX_TEXT_LENGTH = 256;
    /** Versions the record-id scheme; a new scheme gets a new tag so old ids never collide with new ones. */
    static final String RECORD_ID_TAG = "computegov/usage-record/v1";
    static final String JOB_KEY_TAG = "computegov/usage-job/v1";
    private static final HexFormat HEX = HexFormat.of();
    /** One digest per thread: looking a digest up costs more than hashing a record. digest() resets it. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    public UsageRecord {
        requireText("provider", provider);
        requireText("cluster", cluster);
        requireText("customer", customer);
        requireText("chip", chip);
        requireText("jobId", jobId);
        Objects.requireNonNull(runId, "runId (use Optional.empty())");
        runId.ifPresent(r -> requireText("runId", r));
        if (chipCount <= 0) {
            throw new IllegalArgumentException("chipCount must be at least 1, got " + chipCount);
        }
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end (" + end + ") must be after start (" + start + ")");
        }
    }

    /** A record without a run id. */
    public UsageRecord(String provider, String cluster, String customer, String chip, int chipCount, Instant start,
            Instant end, String jobId) {
        this(provider, cluster, customer, chip, chipCount, start, end, Optional.empty(), jobId);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    /** Chip count × wall-clock hours from start to end. */
    public double chipHours() {
        long seconds = end.getEpochSecond() - start.getEpochSecond();
        long nanos = end.getNano() - start.getNano();
        return chipCount * ((seconds + nanos / 1e9) / 3600.0);
    }

    /**
     * The record's identity, stable across resubmissions: lowercase hex SHA-256 over provider, cluster, job id
     * (with array task), start and chip (see {@link #digest}). The chip is part of it because one allocation can hold
     * chips of two types, which makes two records. Count, end, customer and run id are not: a resubmission that
     * changes them is the same record with different content, which the registry should refuse or review.
     */
    public String recordId() {
        return digest(RECORD_ID_TAG, provider, cluster, jobId, start.toString(), chip);
    }

    /**
     * The identity of the job run this record belongs to, without the chip: provider, cluster, job id and start.
     * Records of one mixed-chip allocation share it; so do a record and a resubmission that maps the chip
     * differently, which the registry can use to notice a changed chip mapping.
     */
    public String jobKey() {
        return digest(JOB_KEY_TAG, provider, cluster, jobId, start.toString());
    }

    /**
     * SHA-256 over a tag and fields, each written as its UTF-8 length in decimal, a colon, its bytes and a newline,
     * so that no two different field lists give the same bytes.
     */
    static String digest(String tag, String... fields) {
        MessageDigest sha = SHA_256.get();
        update(sha, tag);
        for (String field : fields) {
            update(sha, field);
        }
        return HEX.formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
        sha.update((byte) '\n');
    }

    /** Throws unless {@code value} is a name the registry can store and show: see the class comment. */
    static void requireText(String field, String value) {
        String problem = textProblem(value);
        if (problem != null) {
            throw new IllegalArgumentException(field + " " + problem);
        }
    }

    /** What is wrong with a text field's value, or null when nothing is. */
    static String textProblem(String value) {
        if (value == null || value.isEmpty()) {
            return "is missing";
        }
        if (value.isBlank()) {
            return "is blank";
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            return "is longer than " + MAX_TEXT_LENGTH + " characters";
        }
        if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
            return "has white space at its start or end: '" + value + "'";
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return "contains a control character (U+" + String.format("%04X", (int) value.charAt(i)) + ")";
            }
        }
        return null;
    }
}
