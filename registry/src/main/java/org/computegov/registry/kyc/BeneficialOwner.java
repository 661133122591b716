package org.computegov.registry.kyc;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Someone who owns or controls the customer, as the customer declared it: a natural person, or a legal entity
 * such as a parent company (identified by its LEI) where the chain of ownership is declared up to it.
 *
 * @param name the owner's full name
 * @param country the owner's nationality or country of incorporation, ISO 3166-1 alpha-2
 * @param identifier an identifier of the owner as {@code SCHEME:VALUE}, or null: {@code LEI:<20 characters>} (the
 *     check digits are verified) or a national document such as {@code DE-PASSPORT:C01X00T47}; naming the issuing
 *     country in the scheme keeps two countries' numbers apart in {@link OwnerKey}
 * @param ownershipPercent the share owned, 0 &lt; p ≤ 100 with at most {@value #MAX_PERCENT_DECIMALS} decimals,
 *     trailing zeros stripped (50.0 is 50); null when unknown or when the owner controls without owning
 */
public record BeneficialOwner(String name, String country, String identifier, BigDecimal ownershipPercent) {
    /** Enough for any share of a real register; bounds the text a share writes as (1e-999999999 would not be). */
    public static final int MAX_PERCENT_DECIMALS = 6;
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int MAX_IDENTIFIER_LENGTH = 64;
    private static final Pattern IDENTIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9-]{0,31}):([A-Za-z0-9 ./-]+)");
    static final String IDENTIFIER_HINT = "Write SCHEME:VALUE, e.g. LEI:5493001KJTIIGC8Y1R12 or"
            + " DE-PASSPORT:C01X00T47 (letters, digits, spaces, '.', '/' and '-' in the value).";

    public BeneficialOwner {
        Rules.text("name", name);
        Rules.country("country", country);
        if (identifier != null) {
            checkIdentifier(identifier);
        }
        if (ownershipPercent != null) {
            ownershipPercent = checkPercent(ownershipPercent);
        }
    }

    /** An owner without identifier or known share. */
    public BeneficialOwner(String name, String country) {
        this(name, country, null, null);
    }

    private static void checkIdentifier(String identifier) {
        Rules.text("identifier", identifier);
        if (identifier.length() > MAX_IDENTIFIER_LENGTH) {
            throw new InvalidFieldException("identifier", "is longer than " + MAX_IDENTIFIER_LENGTH + " characters",
                    "Give the scheme and the number only.");
        }
        Matcher m = IDENTIFIER.matcher(identifier);
        if (!m.matches() || m.group(2).isBlank()) {
            throw new InvalidFieldException("identifier", "'" + identifier + "' is not of the form SCHEME:VALUE",
                    IDENTIFIER_HINT);
        }
        String scheme = m.group(1).toUpperCase(Locale.ROOT);
        if (scheme.equals("NAME")) {
            // OwnerKey's name keys start with "name:"; an identifier must never look like one.
            throw new InvalidFieldException("identifier", "uses the reserved scheme 'name'",
                    "Leave the identifier out when there is none; the owner is then known by name and country.");
        }
        if (scheme.equals("LEI")) {
            String lei = m.group(2).replace(" ", "").toUpperCase(Locale.ROOT);
            if (!isLei(lei)) {
                throw new InvalidFieldException("identifier", "'" + m.group(2) + "' is not a valid LEI",
                        "An LEI (ISO 17442) has 18 letters or digits and 2 check digits, e.g."
                                + " LEI:5493001KJTIIGC8Y1R12; look it up at search.gleif.org.");
            }
        }
    }

    /** ISO 17442: 20 upper-case letters or digits, the last two digits, and the whole ≡ 1 mod 97 as in IBANs. */
    static boolean isLei(String lei) {
        if (lei.length() != 20 || !Character.isDigit(lei.charAt(18)) || !Character.isDigit(lei.charAt(19))) {
            return false;
        }
        int remainder = 0;
        for (int i = 0; i < lei.length(); i++) {
            char c = lei.charAt(i);
            int v;
            if (c >= '0' && c <= '9') {
                v = c - '0';
            } else if (c >= 'A' && c <= 'Z') {
                v = c - 'A' + 10;
            } else {
                return false;
            }
            remainder = (v < 10 ? remainder * 10 + v : remainder * 100 + v) % 97;
        }
        return remainder == 1;
    }

    private static BigDecimal checkPercent(BigDecimal p) {
        if (p.signum() <= 0 || p.compareTo(HUNDRED) > 0) {
            throw new InvalidFieldException("ownershipPercent", "must be more than 0 and at most 100, got "
                    + p, "Give the share in percent, e.g. 25 for a quarter; leave it out when unknown.");
        }
        BigDecimal stripped = p.stripTrailingZeros();
        if (stripped.scale() > MAX_PERCENT_DECIMALS) {
            throw new InvalidFieldException("ownershipPercent", "has more than " + MAX_PERCENT_DECIMALS + " decimals",
                    "Round it to " + MAX_PERCENT_DECIMALS + " decimals.");
        }
        return stripped;
    }
}
