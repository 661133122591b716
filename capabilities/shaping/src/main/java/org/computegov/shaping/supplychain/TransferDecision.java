package org.computegov.shaping.supplychain;

import java.time.LocalDate;

/**
 * The export-control check of one transfer: the chip's ECCN 3A090 classification on the day, the destination's
 * rule, and what follows, with the reason.
 *
 * @param classification e.g. "3A090.a.1", "not covered", "indeterminate"
 * @param rule the destination rule that decided, or null when none applies
 * @param source the rule's source (Federal Register, eCFR), or null
 */
@org.computegov.registry.kernel.Published
public record TransferDecision(String chip, long count, String destination, LocalDate date, String classification,
        TransferAction action, String reason, String rule, String source) {}
