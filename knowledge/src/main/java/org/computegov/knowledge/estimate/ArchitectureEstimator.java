package org.computegov.knowledge.estimate;

import java.util.ArrayList;
import java.util.List;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.Inputs;

/**
 * Training compute from the model's size: C = k · N · D, with N the parameters that take part in each token's
 * computation (active parameters for a mixture of experts), D the training tokens, and k = 6 FLOP per parameter
 * per token for a dense transformer (2 forward + 4 backward), or 8 with full activation recomputation (one extra
 * forward pass).
 */
public final class ArchitectureEstimator {
    private ArchitectureEstimator() {}

    /**
     * @param parameters total parameters N (> 0)
     * @param activeParameters parameters active per token for a mixture of experts, or null for a dense model
     * @param tokens training tokens D (> 0)
     * @param recomputation whether activations are recomputed in the backward pass
     */
    public static ComputeEstimate estimate(double parameters, Double activeParameters, double tokens,
            boolean recomputation) throws InvalidInputException {
        Inputs.requirePositive("--params", parameters);
        Inputs.requirePositive("--tokens", tokens);
        if (activeParameters != null) {
            Inputs.requirePositive("--active-params", activeParameters);
            if (activeParameters > parameters) {
                throw new InvalidInputException("--active-params", "Active parameters (" + activeParameters
                        + ") cannot exceed total parameters (" + parameters + ").",
                        "Give the parameters used per token, e.g. 37e9 of 671e9 for DeepSeek-V3.");
            }
        }
        double n = activeParameters != null ? activeParameters : parameters;
        int k = recomputation ? 8 : 6;
        List<String> assumptions = new ArrayList<>();
        assumptions.add(k == 6 ? "6 FLOP per parameter per token: 2 forward + 4 backward (dense transformer)"
                : "8 FLOP per parameter per token: 2 forward + 4 backward + 2 to recompute activations");
        assumptions.add("a multiply-add counts as 2 FLOP");
        assumptions.add(activeParameters != null
                ? "mixture of experts: only the " + Flop.format(n) + " active parameters compute per token"
                : "dense model: every parameter computes for every token");
        assumptions.add("attention's sequence-length term is neglected (small next to the parameter term for large models)");
        Flop.requireFinite("--tokens", k * n * tokens, "parameters × tokens");
        String formula = k + " × " + Flop.format(n) + " parameters × " + Flop.format(tokens) + " tokens";
        return new ComputeEstimate(EstimationMethod.ARCHITECTURE, k * n * tokens, null, null, formula, assumptions);
    }
}
