package org.computegov.registry.kyc;

import org.computegov.knowledge.InvalidInputException;

/**
 * A value of a KYC record broke one of the rules. Unchecked, because the records' constructors throw it (a
 * canonical record constructor may not declare a checked exception); {@link KycJson} turns it into an {@link
 * InvalidInputException} whose field is the JSON path from the document's root.
 *
 * <p>The field is relative to the record that was being built ({@code country}, {@code aliases[2]}), so that a
 * reader can put the path of that record in front of it ({@code beneficialOwners[1].country}).
 */
public class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String problem;
    private final String hint;

    /**
     * @param field the field, relative to the record being built
     * @param problem what is wrong, phrased to follow the field's name ("is missing")
     * @param hint what would be right, as a sentence
     */
    public InvalidFieldException(String field, String problem, String hint) {
        super(field + " " + problem + ".");
        this.field = field;
        this.problem = problem;
        this.hint = hint;
    }

    /** The field, relative to the record being built, e.g. {@code country} or {@code aliases[2]}. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field's name, e.g. {@code is missing}. */
    public String problem() {
        return problem;
    }

    /** What would be right, as a sentence; may be empty. */
    public String hint() {
        return hint;
    }

    /** The same problem for input read from outside, with {@code path} (the record's own path) in front. */
    public InvalidInputException at(String path) {
        String full = Paths.join(path, field);
        return new InvalidInputException(full, full + " " + problem + ".", hint, this);
    }
}
