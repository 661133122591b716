package org.computegov.registry.runs;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A developer's declaration of a training run: the sealed payload of a {@code registry-run/v1} statement.
 *
 * <p>A run either trains from scratch, or modifies (fine-tunes, continues, distils into) a base model: a run
 * declared in the registry ({@code baseRun}) or a model trained elsewhere whose cumulative compute is stated
 * ({@code baseModelFlop}), never both. SB 53 and the EU AI Act count compute cumulatively over a model's base
 * models and modifications, so the base is part of the declaration, not an afterthought.
 *
 * @param runId the developer's own id for the run: 1–128 characters of {@code [A-Za-z0-9._:-]}
 * @param name a human name, or null
 * @param plannedFlop the compute the developer plans to use in this run (its own, not the base's), or null
 * @param parameters the model's parameter count, or null
 * @param tokens training tokens, or null
 * @param baseRun the declared run this one modifies, as {@code <developer>/<runId>}, or null
 * @param baseModelFlop cumulative compute of an external base model this run modifies, or null
 * @param dataDomain what the training data primarily is
 * @param costUsd planned training cost at market prices in USD, or null (some regimes add a cost condition)
 * @param providers the compute providers (actor ids) whose usage may name this run: the developer's link from a
 *     provider's usage to its run (docs/REGISTRY.md, "Attribution"); empty when none is declared
 * @param accounts the customer accounts ({@code <provider>/<customer>}) whose usage may name this run, for a
 *     developer who trains on one account of a provider and not on others; empty when none is declared
 */
public record RunDeclaration(
        String runId,
        String name,
        Double plannedFlop,
        Double parameters,
        Double tokens,
        String baseRun,
        Double baseModelFlop,
        DataDomain dataDomain,
        Double costUsd,
        List<String> providers,
        List<String> accounts) {

    /** At most this many providers and accounts each: a declaration names where it trains, not a directory. */
    public static final int MAX_LINKS = 1000;

    /** A declaration without providers or accounts, as every declaration was before attribution links. */
    public RunDeclaration(String runId, String name, Double plannedFlop, Double parameters, Double tokens,
            String baseRun, Double baseModelFlop, DataDomain dataDomain, Double costUsd) {
        this(runId, name, plannedFlop, parameters, tokens, baseRun, baseModelFlop, dataDomain, costUsd, null, null);
    }

    /** Run ids and developer ids: the same alphabet as statement ids (docs/REGISTRY.md). */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    public static final int MAX_NAME_LENGTH = 256;

    public RunDeclaration {
        require("runId", runIdProblem(runId));
        if (name != null) {
            require("name", nameProblem(name));
        }
        require("plannedFlop", positiveProblem(plannedFlop));
        require("parameters", positiveProblem(parameters));
        require("tokens", positiveProblem(tokens));
        if (baseRun != null) {
            require("baseRun", baseRunProblem(baseRun));
        }
        require("baseModelFlop", positiveProblem(baseModelFlop));
        if (baseRun != null && baseModelFlop != null) {
            throw new IllegalArgumentException("baseModelFlop: " + BOTH_BASES);
        }
        Objects.requireNonNull(dataDomain, "dataDomain");
        require("costUsd", nonNegativeProblem(costUsd));
        providers = providers == null ? List.of() : List.copyOf(providers);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        require("providers", linksProblem(providers, RunDeclaration::providerProblem));
        require("accounts", linksProblem(accounts, RunDeclaration::accountProblem));
    }

    /** Whether usage of this provider's account may name this run, as declared (providers or accounts). */
    public boolean names(String provider, String customer) {
        return providers.contains(provider) || accounts.contains(provider + "/" + customer);
    }

    static final String BOTH_BASES = "a run modifies either a declared run (baseRun) or an external base model"
            + " (baseModelFlop), not both";

    /** Whether this run modifies a base model rather than training from scratch. */
    public boolean isModification() {
        return baseRun != null || baseModelFlop != null;
    }

    /** The registry-wide id of a developer's run, {@code <developer>/<runId>}, as {@code baseRun} names runs. */
    public static String qualified(String developer, String runId) {
        require("developer", idProblem(developer));
        require("runId", runIdProblem(runId));
        return developer + "/" + runId;
    }

    private static void require(String field, String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(field + ": " + problem);
        }
    }

    /** What is wrong with a run id, or null when nothing is. */
    static String runIdProblem(String runId) {
        return idProblem(runId);
    }

    private static String idProblem(String id) {
        if (id == null) {
            return "is missing";
        }
        if (!ID.matcher(id).matches()) {
            return "must be 1–128 characters of A–Z, a–z, 0–9 and . _ : -, got '" + id + "'";
        }
        return null;
    }

    static String nameProblem(String name) {
        if (name.isBlank()) {
            return "is blank";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "is longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (Character.isWhitespace(name.charAt(0)) || Character.isWhitespace(name.charAt(name.length() - 1))) {
            return "has white space at its start or end";
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "contains a control character (U+" + String.format("%04X", (int) name.charAt(i)) + ")";
            }
        }
        return null;
    }

    static String baseRunProblem(String baseRun) {
        int slash = baseRun.indexOf('/');
        if (slash < 0 || idProblem(baseRun.substring(0, slash)) != null
                || idProblem(baseRun.substring(slash + 1)) != null) {
            return "must be <developer>/<runId>, each 1–128 characters of A–Z, a–z, 0–9 and . _ : -, got '"
                    + baseRun + "'";
        }
        return null;
    }

    interface LinkCheck {
        String problem(String value);
    }

    static String linksProblem(List<String> links, LinkCheck check) {
        if (links.size() > MAX_LINKS) {
            return "names " + links.size() + " entries; at most " + MAX_LINKS;
        }
        for (int i = 0; i < links.size(); i++) {
            String problem = check.problem(links.get(i));
            if (problem != null) {
                return "[" + i + "] " + problem;
            }
        }
        if (new HashSet<>(links).size() != links.size()) {
            return "names an entry twice";
        }
        return null;
    }

    static String providerProblem(String provider) {
        return idProblem(provider);
    }

    /** An account is {@code <provider>/<customer>}: a provider's actor id and its own id of the customer. */
    static String accountProblem(String account) {
        if (account == null) {
            return "is missing";
        }
        int slash = account.indexOf('/');
        if (slash < 0 || idProblem(account.substring(0, slash)) != null || slash == account.length() - 1) {
            return "must be <provider>/<customer>, e.g. cloud-a/acct-17, got '" + account + "'";
        }
        String customer = account.substring(slash + 1);
        String problem = nameProblem(customer);
        return problem == null ? null : "has a customer id that " + problem;
    }

    static String positiveProblem(Double value) {
        return value == null || (Double.isFinite(value) && value > 0) ? null
                : "must be a finite number greater than zero, got " + value;
    }

    static String nonNegativeProblem(Double value) {
        return value == null || (Double.isFinite(value) && value >= 0) ? null
                : "must be a finite number, zero or more, got " + value;
    }
}
