package org.computegov.shaping.allocation;

import java.util.regex.Pattern;
import org.computegov.knowledge.InvalidInputException;

/** ORCID iDs: 16 characters in four groups, the last a check character by ISO 7064 MOD 11-2 (X stands for 10). */
public final class Orcid {
    private static final Pattern FORM = Pattern.compile("\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]");

    private Orcid() {}

    /** Accepts {@code 0000-0002-1825-0097} or {@code https://orcid.org/0000-0002-1825-0097}; returns the bare iD. */
    public static String parse(String field, String text) throws InvalidInputException {
        String id = text == null ? "" : text.strip();
        if (id.startsWith("https://orcid.org/")) {
            id = id.substring("https://orcid.org/".length());
        }
        if (!FORM.matcher(id).matches()) {
            throw new InvalidInputException(field, "'" + text + "' is not an ORCID iD.",
                    "Give 16 characters in four groups, e.g. 0000-0002-1825-0097.");
        }
        char expected = checkCharacter(id.replace("-", "").substring(0, 15));
        if (id.charAt(18) != expected) {
            throw new InvalidInputException(field, "ORCID iD " + id + " fails its check character (expected "
                    + expected + ").", "Copy the iD from the researcher's ORCID record.");
        }
        return id;
    }

    /** ISO 7064 MOD 11-2 over the first 15 digits. */
    static char checkCharacter(String fifteenDigits) {
        int total = 0;
        for (int i = 0; i < fifteenDigits.length(); i++) {
            total = (total + (fifteenDigits.charAt(i) - '0')) * 2;
        }
        int result = (12 - total % 11) % 11;
        return result == 10 ? 'X' : (char) ('0' + result);
    }
}
