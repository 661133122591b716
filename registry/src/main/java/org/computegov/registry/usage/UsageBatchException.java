package org.computegov.registry.usage;

import java.util.List;
import org.computegov.knowledge.InvalidInputException;

/** A usage input was rejected as a whole; {@link #problems()} lists every problem found, in input order. */
public class UsageBatchException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    /** How many problems the hint spells out; all are in {@link #problems()}. */
    static final int PROBLEMS_IN_HINT = 10;

    private final List<InputProblem> problems;

    public UsageBatchException(String field, String source, List<InputProblem> problems) {
        super(field, message(source, problems), hint(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a rejected batch has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<InputProblem> problems() {
        return problems;
    }

    private static String message(String source, List<InputProblem> problems) {
        int n = problems.size();
        return (n == 1 ? "1 problem" : n + " problems") + " in " + source
                + "; the whole batch was rejected and no record was accepted.";
    }

    private static String hint(List<InputProblem> problems) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(PROBLEMS_IN_HINT, problems.size());
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : "; ").append(problems.get(i).describe());
        }
        if (problems.size() > shown) {
            sb.append("; … and ").append(problems.size() - shown).append(" more");
        }
        return sb.append(". Fix these and submit the whole batch again.").toString();
    }
}
