package org.computegov.registry.usage;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Slurm's time stamps and durations. sacct prints time stamps as {@code YYYY-MM-DDTHH:MM:SS} in the local time of
 * the machine that ran it (its TZ), so the caller says which zone that was. Local times repeat when clocks go back;
 * such a time is resolved with the job's Elapsed (see {@link #interval}).
 */
final class SlurmTime {
    private SlurmTime() {}

    /** True for the values sacct prints when a time stamp is absent. */
    static boolean absent(String value) {
        return value.isEmpty() || value.equals("Unknown") || value.equals("None");
    }

    /** Parses {@code YYYY-MM-DDTHH:MM:SS} (a space instead of the T is accepted too). */
    static LocalDateTime local(String field, String text) throws LineProblem {
        if (text.length() != 19 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || (text.charAt(10) != 'T' && text.charAt(10) != ' ') || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            throw notATime(field, text);
        }
        int year = digits(field, text, 0, 4);
        int month = digits(field, text, 5, 7);
        int day = digits(field, text, 8, 10);
        int hour = digits(field, text, 11, 13);
        int minute = digits(field, text, 14, 16);
        int second = digits(field, text, 17, 19);
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException e) {
            throw new LineProblem(field, "'" + text + "' is not a valid date and time: " + e.getMessage());
        }
    }

    private static int digits(String field, String text, int from, int to) throws LineProblem {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw notATime(field, text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static LineProblem notATime(String field, String text) {
        return new LineProblem(field, "'" + text + "' is not a time stamp as sacct prints them (YYYY-MM-DDTHH:MM:SS);"
                + " unset SLURM_TIME_FORMAT when running sacct");
    }

    /** Parses sacct's Elapsed, {@code [DD-]HH:MM:SS} or {@code MM:SS}, into seconds. */
    static long elapsedSeconds(String text) throws LineProblem {
        long days = 0;
        String rest = text;
        int dash = text.indexOf('-');
        if (dash >= 0) {
            days = number("Elapsed", text, text.substring(0, dash));
            rest = text.substring(dash + 1);
        }
        String[] parts = rest.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || (dash >= 0 && parts.length != 3)) {
            throw new LineProblem("Elapsed", "'" + text + "' is not a duration as sacct prints them ([DD-]HH:MM:SS)");
        }
        long seconds = 0;
        for (String part : parts) {
            seconds = seconds * 60 + number("Elapsed", text, part);
        }
        return days * 86_400 + seconds;
    }

    private static long number(String field, String text, String digits) throws LineProblem {
        if (digits.isEmpty() || digits.length() > 9 || !SlurmJobId.allDigits(digits)) {
            throw new LineProblem(field, "'" + text + "' is not a duration as sacct prints them ([DD-]HH:MM:SS)");
        }
        return Long.parseLong(digits);
    }

    /**
     * The instants of a job's start and end, given as local times in {@code zone}. A local time that does not
     * exist there (skipped when clocks went forward) means the zone is wrong and is reported. A local time that
     * exists twice (clocks went back) is resolved by taking the pair of offsets whose duration is not negative and
     * comes closest to Elapsed (Elapsed can be shorter than End − Start by time suspended, never longer); equally
     * close pairs take the earlier offsets.
     *
     * @param elapsedSeconds sacct's Elapsed in seconds, or -1 when it is not known
     */
    static Instant[] interval(LocalDateTime start, LocalDateTime end, ZoneId zone, long elapsedSeconds)
            throws LineProblem {
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            ZoneOffset offset = rules.getOffset(Instant.EPOCH);
            return new Instant[] {start.toInstant(offset), end.toInstant(offset)};
        }
        List<ZoneOffset> startOffsets = offsets("Start", start, zone, rules);
        List<ZoneOffset> endOffsets = offsets("End", end, zone, rules);
        Instant bestStart = start.toInstant(startOffsets.get(0));
        Instant bestEnd = end.toInstant(endOffsets.get(0));
        if (startOffsets.size() == 1 && endOffsets.size() == 1) {
            return new Instant[] {bestStart, bestEnd};
        }
        long bestDistance = Long.MAX_VALUE;
        for (ZoneOffset so : startOffsets) {
            for (ZoneOffset eo : endOffsets) {
                Instant s = start.toInstant(so);
                Instant e = end.toInstant(eo);
                long seconds = e.getEpochSecond() - s.getEpochSecond();
                if (seconds < 0) {
                    continue;
                }
                long distance = elapsedSeconds < 0 ? 0 : Math.abs(seconds - elapsedSeconds);
                if (distance < bestDistance) {
                    bestDistance = distance;
                    bestStart = s;
                    bestEnd = e;
                }
            }
        }
        return new Instant[] {bestStart, bestEnd};
    }

    private static List<ZoneOffset> offsets(String field, LocalDateTime local, ZoneId zone, ZoneRules rules)
            throws LineProblem {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw new LineProblem(field, local + " does not exist in " + zone
                    + " (the clocks skipped it); was sacct run in another time zone? Run it with TZ=UTC and say UTC");
        }
        return offsets;
    }
}
