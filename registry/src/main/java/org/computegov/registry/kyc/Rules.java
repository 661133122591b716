package org.computegov.registry.kyc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.computegov.registry.screening.Countries;

/**
 * The field rules the records' constructors and {@link KycJson} share, so that a rule is written once. Each
 * check returns the value when it is good and throws an {@link InvalidFieldException} naming the field otherwise.
 */
final class Rules {
    /** As for the names in usage records: a text the registry can store, show and search. */
    static final int MAX_TEXT_LENGTH = 256;
    /** The JDK's list; user-assigned codes such as XK (Kosovo) are not ISO 3166-1 and are refused. */
    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    static final String COUNTRY_EXAMPLE = "Use an ISO 3166-1 alpha-2 code in upper case, e.g. US, DE or CN.";

    /** Dot-atom local part (RFC 5322 atext, any script's letters and digits), domain of letter-digit-hyphen labels. */
    private static final Pattern LOCAL_PART = Pattern.compile(
            "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    private Rules() {
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is missing", "Give a value.");
        }
        return value;
    }

    /**
     * A non-blank text of at most {@link #MAX_TEXT_LENGTH} characters without control characters or white space
     * at either end: the rules of {@code UsageRecord}'s names, so a customer id means the same in both.
     */
    static String text(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidFieldException(field, "is missing", "Give a non-empty text.");
        }
        if (value.isBlank()) {
            throw new InvalidFieldException(field, "is blank", "Give a text with at least one visible character.");
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw new InvalidFieldException(field, "is longer than " + MAX_TEXT_LENGTH + " characters ("
                    + value.length() + ")", "Shorten it to at most " + MAX_TEXT_LENGTH + " characters.");
        }
        if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
            throw new InvalidFieldException(field, "has white space at its start or end", "Remove it: '"
                    + value.strip() + "'.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidFieldException(field, "contains a control character (U+"
                        + String.format("%04X", (int) c) + ") at position " + i,
                        "Remove line breaks, tabs and other control characters.");
            }
        }
        return value;
    }

    /** Null, or a {@link #text}. */
    static String optionalText(String field, String value) {
        return value == null ? null : text(field, value);
    }

    /** An ISO 3166-1 alpha-2 code as the JDK knows them, in upper case. */
    static String country(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidFieldException(field, "is missing", COUNTRY_EXAMPLE);
        }
        if (COUNTRIES.contains(value)) {
            return value;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (COUNTRIES.contains(upper)) {
            throw new InvalidFieldException(field, "'" + value + "' is not in upper case", "Write " + upper + ".");
        }
        String code = Countries.toIso2(value);
        String hint = code != null && COUNTRIES.contains(code) ? "Use " + code + ", the ISO 3166-1 alpha-2 code of '"
                + value.strip() + "'." : COUNTRY_EXAMPLE;
        throw new InvalidFieldException(field, "'" + value + "' is not an ISO 3166-1 alpha-2 country code", hint);
    }

    /** A list that is there, with no null element, copied. */
    static <T> List<T> list(String field, List<T> values) {
        if (values == null) {
            throw new InvalidFieldException(field, "is missing", "Give a list; it may be empty.");
        }
        List<T> copy = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            copy.add(present(Paths.element(field, i), values.get(i)));
        }
        return List.copyOf(copy);
    }

    /**
     * A plain address {@code local@domain}: a dot-atom local part of up to 64 characters, a domain of at least two
     * labels, at most 254 characters in all. Quoted local parts and address literals ({@code user@[192.0.2.1]})
     * are refused: valid, but no customer needs them and they are hard to compare.
     */
    static String email(String field, String value) {
        text(field, value);
        String hint = "Give one address of the form name@example.com.";
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.indexOf('@') != at) {
            throw new InvalidFieldException(field, "'" + value + "' is not an e-mail address", hint);
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        if (value.length() > 254 || local.length() > 64) {
            throw new InvalidFieldException(field, "is too long for an e-mail address (local part at most 64"
                    + " characters, the whole at most 254)", hint);
        }
        if (!LOCAL_PART.matcher(local).matches() || !DOMAIN.matcher(domain).matches()) {
            throw new InvalidFieldException(field, "'" + value + "' is not an e-mail address", hint);
        }
        return value;
    }

    /** E.164: a plus sign, a country code that does not start with 0, 8 to 15 digits in all, nothing else. */
    static String phone(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidFieldException(field, "is missing", "Give the number in E.164 form, e.g. +4930123456.");
        }
        if (!E164.matcher(value).matches()) {
            String digits = value.replaceAll("[^0-9]", "");
            String hint = value.matches("\\+[0-9 ().-]+") && digits.length() >= 8 && digits.length() <= 15
                    && digits.charAt(0) != '0' ? "Write it without spaces or punctuation: +" + digits + "."
                    : "Write it in E.164 form: '+', the country code and the number, 8 to 15 digits, e.g. +4930123456.";
            throw new InvalidFieldException(field, "'" + value + "' is not an E.164 telephone number", hint);
        }
        return value;
    }
}
