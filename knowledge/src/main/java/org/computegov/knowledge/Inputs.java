package org.computegov.knowledge;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parsing and range checks for numbers and dates that arrive as text, with errors a user can act on. */
public final class Inputs {
    private Inputs() {}

    /** Parses a finite, non-negative number such as {@code 1e25}, {@code 3.15e23} or {@code 175000000000}. */
    public static double nonNegative(String field, String text) throws InvalidInputException {
        double value = number(field, text);
        requireNonNegative(field, value);
        return value;
    }

    /** Parses a finite number strictly greater than zero. */
    public static double positive(String field, String text) throws InvalidInputException {
        double value = number(field, text);
        requirePositive(field, value);
        return value;
    }

    public static double number(String field, String text) throws InvalidInputException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, field + " is missing.", "Give a number such as 1e25.");
        }
        try {
            double value = Double.parseDouble(text.strip().replace("_", ""));
            if (!Double.isFinite(value)) {
                throw new InvalidInputException(field, field + " must be a finite number, got '" + text + "'.",
                        "Give a number such as 1e25.");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, field + " must be a number, got '" + text + "'.",
                    "Give a number such as 1e25 or 175000000000.", e);
        }
    }

    public static void requireNonNegative(String field, double value) throws InvalidInputException {
        if (!Double.isFinite(value) || value < 0) {
            throw new InvalidInputException(field, field + " must be zero or more, got " + value + ".",
                    "Give a non-negative number.");
        }
    }

    public static void requirePositive(String field, double value) throws InvalidInputException {
        if (!Double.isFinite(value) || value <= 0) {
            throw new InvalidInputException(field, field + " must be greater than zero, got " + value + ".",
                    "Give a positive number.");
        }
    }

    /** Utilization is a fraction of peak: more than 0, at most 1. */
    public static void requireFraction(String field, double value) throws InvalidInputException {
        if (!Double.isFinite(value) || value <= 0 || value > 1) {
            throw new InvalidInputException(field, field + " must be a fraction in (0, 1], got " + value + ".",
                    "Give e.g. 0.3 for 30% of peak.");
        }
    }

    /** Parses an ISO-8601 calendar date (YYYY-MM-DD). */
    public static LocalDate date(String field, String text) throws InvalidInputException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, field + " is missing.", "Give a date as YYYY-MM-DD, e.g. 2025-08-02.");
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " must be a date as YYYY-MM-DD, got '" + text + "'.",
                    "For example 2025-08-02.", e);
        }
    }
}
