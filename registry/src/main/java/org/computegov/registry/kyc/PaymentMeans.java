package org.computegov.registry.kyc;

/**
 * A means by which the customer pays, by kind and a masked reference: enough to tell two accounts that share a
 * card or bank account apart from two that do not, never enough to charge it.
 *
 * @param kind how the customer pays
 * @param reference the instrument's number masked with {@code *}, e.g. {@code ****4242}, {@code DE89****3000},
 *     {@code bc1q****5mdq}: at most {@value #MAX_REFERENCE_LENGTH} characters, at least one {@code *}, at most
 *     {@value #MAX_SHOWN} letters or digits shown (PCI DSS lets a card number's first six and last four digits be
 *     shown; a full card or account number has no place in the registry)
 */
public record PaymentMeans(Kind kind, String reference) {
    public static final int MAX_REFERENCE_LENGTH = 64;
    public static final int MAX_SHOWN = 10;

    /** How a customer pays. */
    public enum Kind {
        CARD,
        BANK_ACCOUNT,
        WIRE,
        CRYPTO,
        INVOICE
    }

    public PaymentMeans {
        Rules.present("kind", kind);
        Rules.text("reference", reference);
        if (reference.length() > MAX_REFERENCE_LENGTH) {
            throw new InvalidFieldException("reference", "is longer than " + MAX_REFERENCE_LENGTH + " characters",
                    "Give the masked number only, e.g. ****4242.");
        }
        int shown = 0;
        for (int i = 0; i < reference.length(); i++) {
            if (Character.isLetterOrDigit(reference.charAt(i))) shown++;
        }
        if (reference.indexOf('*') < 0 || shown > MAX_SHOWN) {
            throw new InvalidFieldException("reference", "is not masked (" + shown + " letters or digits shown"
                    + (reference.indexOf('*') < 0 ? ", no '*'" : "") + ")", "Replace all but at most the first six and"
                    + " the last four characters with '*', e.g. ****4242.");
        }
    }
}
