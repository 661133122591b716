package org.computegov.registry.runs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.computegov.knowledge.InvalidInputException;

/**
 * Cumulative compute over a lineage of runs. SB 53 counts "the original training run and any subsequent
 * fine-tuning, reinforcement learning or other material modifications", and the EU AI Act "the cumulative amount
 * of computation used for its training": a run's measure is its own compute plus its base model's cumulative
 * compute, recursively down to a run trained from scratch or an external model whose cumulative compute is stated.
 *
 * <p>Runs are keyed by their registry-wide id ({@code <developer>/<runId>}, {@link RunDeclaration#qualified}), the
 * form a {@link Run#baseRun} names them in. A base run that is not in the map, or a cycle of base runs, is an
 * {@link InvalidInputException}: no cumulative figure could be right. Immutable; computed once at construction,
 * iteratively (a chain of ten thousand fine-tunes does not exhaust the stack).
 */
public final class RunLineage {
    /**
     * One run as the lineage sees it.
     *
     * @param ownFlop the run's own compute (planned, or measured from usage), FLOP
     * @param baseRun the id of the declared run it modifies, or null
     * @param baseModelFlop cumulative compute of an external base model it modifies, or null
     */
    public record Run(double ownFlop, String baseRun, Double baseModelFlop) {
        public Run {
            if (!Double.isFinite(ownFlop) || ownFlop < 0) {
                throw new IllegalArgumentException("ownFlop must be a finite number, zero or more, got " + ownFlop);
            }
            if (baseModelFlop != null && !(Double.isFinite(baseModelFlop) && baseModelFlop > 0)) {
                throw new IllegalArgumentException("baseModelFlop must be a finite number greater than zero, got "
                        + baseModelFlop);
            }
            if (baseRun != null && baseModelFlop != null) {
                throw new IllegalArgumentException(RunDeclaration.BOTH_BASES);
            }
        }

        public static Run fromScratch(double ownFlop) {
            return new Run(ownFlop, null, null);
        }

        public static Run modifying(String baseRun, double ownFlop) {
            return new Run(ownFlop, Objects.requireNonNull(baseRun, "baseRun"), null);
        }

        public static Run modifyingExternal(double baseModelFlop, double ownFlop) {
            return new Run(ownFlop, null, baseModelFlop);
        }

        /** A declared run with the compute to count for it (its plannedFlop, or what usage shows). */
        public static Run of(RunDeclaration declaration, double ownFlop) {
            return new Run(ownFlop, declaration.baseRun(), declaration.baseModelFlop());
        }
    }

    private final Map<String, Run> runs;
    private final Map<String, Double> cumulative;

    private RunLineage(Map<String, Run> runs, Map<String, Double> cumulative) {
        this.runs = runs;
        this.cumulative = cumulative;
    }

    public static RunLineage of(Map<String, Run> runs) throws InvalidInputException {
        Map<String, Run> sorted = new TreeMap<>(runs); // sorted: the same input reports the same cycle first
        sorted.forEach((id, run) -> Objects.requireNonNull(run, id));
        Map<String, Double> cumulative = new HashMap<>();
        for (String start : sorted.keySet()) {
            if (cumulative.containsKey(start)) {
                continue;
            }
            // Walk down to a run whose cumulative compute is known or needs no base, then add back up.
            Deque<String> path = new ArrayDeque<>();
            Set<String> onPath = new LinkedHashSet<>();
            String id = start;
            double base = 0;
            while (true) {
                Run run = sorted.get(id);
                path.push(id);
                onPath.add(id);
                if (run.baseRun() == null) {
                    base = run.baseModelFlop() == null ? 0 : run.baseModelFlop();
                    break;
                }
                String next = run.baseRun();
                if (onPath.contains(next)) {
                    throw cycle(onPath, next);
                }
                if (!sorted.containsKey(next)) {
                    throw new InvalidInputException("baseRun", "run '" + id + "' modifies base run '" + next
                            + "', which is not declared", "Declare the base run first, or give baseModelFlop for a"
                            + " base model trained outside the registry.");
                }
                if (cumulative.containsKey(next)) {
                    base = cumulative.get(next);
                    break;
                }
                id = next;
            }
            while (!path.isEmpty()) {
                String done = path.pop();
                base = sorted.get(done).ownFlop() + base;
                if (!Double.isFinite(base)) {
                    throw new InvalidInputException("ownFlop", "the cumulative compute of run '" + done
                            + "' is too large for a finite number", "Check the runs' compute figures.");
                }
                cumulative.put(done, base);
            }
        }
        return new RunLineage(Collections.unmodifiableMap(sorted), Collections.unmodifiableMap(new TreeMap<>(cumulative)));
    }

    private static InvalidInputException cycle(Set<String> onPath, String repeated) {
        List<String> loop = new ArrayList<>();
        boolean in = false;
        for (String id : onPath) {
            in |= id.equals(repeated);
            if (in) {
                loop.add(id);
            }
        }
        loop.add(repeated);
        String message = loop.size() == 2
                ? "run '" + repeated + "' names itself as its base run"
                : "base runs form a cycle: " + String.join(" → ", loop);
        return new InvalidInputException("baseRun", message, "A run can only modify a model trained before it:"
                + " follow each baseRun back to a run trained from scratch or to an external base model (baseModelFlop).");
    }

    /** The runs, sorted by id. */
    public Map<String, Run> runs() {
        return runs;
    }

    /** Every run's cumulative compute (own + base's cumulative), sorted by id. */
    public Map<String, Double> cumulative() {
        return cumulative;
    }

    /** A run's own compute plus its base's cumulative compute, FLOP. */
    public double cumulativeFlop(String run) {
        Double c = cumulative.get(run);
        if (c == null) {
            throw new IllegalArgumentException("unknown run '" + run + "'");
        }
        return c;
    }

    /**
     * The cumulative compute of what a run modifies — its base run's cumulative compute or the external base
     * model's — or null for a run trained from scratch. This is the {@code baseFlop} threshold checks count.
     */
    public Double baseFlop(String run) {
        Run r = runs.get(run);
        if (r == null) {
            throw new IllegalArgumentException("unknown run '" + run + "'");
        }
        return r.baseRun() != null ? cumulative.get(r.baseRun()) : r.baseModelFlop();
    }

    /** The run and its base runs, newest first: {@code [run, its base, its base's base, ...]}. */
    public List<String> chain(String run) {
        if (!runs.containsKey(run)) {
            throw new IllegalArgumentException("unknown run '" + run + "'");
        }
        List<String> chain = new ArrayList<>();
        for (String id = run; id != null; id = runs.get(id).baseRun()) {
            chain.add(id);
        }
        return List.copyOf(chain);
    }
}
