package org.computegov.shaping.supplychain;

import java.time.LocalDate;
import java.util.Locale;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.export.ExportClassification;
import org.computegov.knowledge.export.ExportClassifier;
import org.computegov.knowledge.export.Outcome;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.HardwareCatalog;

/**
 * Checks a transfer of chips to a destination: the knowledge core classifies the chip under ECCN 3A090 as of the
 * transfer's date, and the destination policy says what that means there. A chip whose classification is
 * indeterminate is treated as possibly controlled: a rule that would block it flags it instead, naming the figure
 * that decides.
 */
public final class TransferCheck {
    private final HardwareCatalog catalog;
    private final ExportClassifier classifier;
    private final DestinationPolicy policy;

    public TransferCheck(HardwareCatalog catalog, ExportClassifier classifier, DestinationPolicy policy) {
        this.catalog = catalog;
        this.classifier = classifier;
        this.policy = policy;
    }

    public TransferDecision check(String chipName, long count, String destination, LocalDate date)
            throws InvalidInputException {
        if (count <= 0) {
            throw new InvalidInputException("--count", "--count must be at least 1, got " + count + ".", "");
        }
        String country = destination == null ? "" : destination.strip().toUpperCase(Locale.ROOT);
        if (!country.matches("[A-Z]{2}")) {
            throw new InvalidInputException("--to-country", "The destination must be an ISO 3166-1 alpha-2 code, got '"
                    + destination + "'.", "E.g. DE, AE, CN.");
        }
        Accelerator chip = catalog.find(chipName);
        ExportClassification c = classifier.classify(chip, date);
        boolean controlled = c.outcome() == Outcome.CONTROLLED;
        boolean maybe = c.outcome() == Outcome.INDETERMINATE;
        var rule = policy.ruleFor(country, controlled || maybe).orElse(null);
        if (rule == null) {
            return new TransferDecision(chip.name(), count, country, date, c.classification(), TransferAction.ALLOW,
                    chip.name() + " is " + c.classification() + " on " + date + "; no rule of " + policy.origin()
                    + " applies to it for " + country + ".", null, null);
        }
        TransferAction action = rule.action();
        String reason = chip.name() + " is " + c.classification() + " on " + date + " → " + rule.name() + ": " + rule.reason();
        if (maybe && !rule.appliesTo().equals("*") && action == TransferAction.BLOCK) {
            action = TransferAction.FLAG;
            reason = chip.name() + "'s classification is indeterminate (" + c.explanation() + "); if it is controlled, "
                    + rule.name() + ": " + rule.reason();
        }
        return new TransferDecision(chip.name(), count, country, date, c.classification(), action, reason,
                rule.country() + "/" + rule.appliesTo(), rule.source());
    }
}
