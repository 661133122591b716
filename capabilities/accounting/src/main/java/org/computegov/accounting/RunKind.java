package org.computegov.accounting;

import org.computegov.registry.kernel.DeclaredKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.statement.Role;
import org.computegov.registry.runs.RunDeclaration;
import org.computegov.registry.runs.RunJson;
import org.computegov.registry.statement.Rejection;
import org.jdbi.v3.core.Handle;

/**
 * {@code registry-run}: a developer's training run declaration (sealed; the public subject names only the developer),
 * updated by declaring it again. Its compute is cumulative over its base runs.
 */
final class RunKind extends DeclaredKind<RunKind.RunPlan> {
    private final Monitoring monitoring;

    RunKind(Monitoring monitoring) {
        super("run", true, Role.DEVELOPER);
        this.monitoring = monitoring;
    }

    record RunPlan(String id, RunDeclaration declaration) {}

    @Override
    public RunPlan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
        var s = in.statement();
        RunDeclaration d;
        try {
            d = RunJson.read(in.payload());
        } catch (InvalidInputException e) {
            throw Rejection.badInput("the run declaration is invalid: " + e.getMessage(), Checks.payloadField(e.field()), e.hint());
        }
        // The public statement names only the developer: the run's id is part of the sealed declaration.
        Checks.requireSubject(s, "run:" + s.issuer());
        String id = s.issuer() + "/" + d.runId();
        if (d.baseRun() != null) {
            // Another developer's run as a base would show its (confidential) compute in this run's reads.
            if (!d.baseRun().startsWith(s.issuer() + "/")) {
                throw Rejection.forbidden("run " + id + " names " + d.baseRun() + ", another developer's run, as its base",
                        "A base run is one of your own; for a model trained by someone else give baseModelFlop.");
            }
            // The base must be declared already; following its chain must not lead back here (an update could
            // otherwise make two runs each other's base).
            Set<String> seen = new HashSet<>();
            String at = d.baseRun();
            while (at != null) {
                if (at.equals(id) || !seen.add(at)) {
                    throw Rejection.badInput("run " + id + " would be its own base (through " + d.baseRun() + ")",
                            "sealed.payload.baseRun", "A run modifies an earlier model, never itself.");
                }
                String current = at;
                List<String> base = h.createQuery("SELECT coalesce(base_run, '') FROM run WHERE developer || '/' || run_id = :r")
                        .bind("r", current).mapTo(String.class).list();
                if (base.isEmpty()) {
                    if (current.equals(d.baseRun())) {
                        throw Rejection.notFound("the base run " + d.baseRun() + " is not declared",
                                "Declare the base run first, or give baseModelFlop for a model trained elsewhere.");
                    }
                    break;
                }
                at = base.get(0).isEmpty() ? null : base.get(0);
            }
        }
        return new RunPlan(id, d);
    }

    @Override
    public void apply(Handle h, Input in, RunPlan p, long index, Effects effects) {
        var s = in.statement();
        RunDeclaration d = p.declaration();
        h.createUpdate("""
                INSERT INTO run (developer, run_id, name, planned_flop, parameters, tokens, base_run, base_model_flop,
                                 data_domain, cost_usd, commitment, log_index, providers, accounts)
                VALUES (:dev, :run, :name, :planned, :params, :tokens, :base, :baseFlop, :domain, :cost, :commitment, :i,
                        :providers, :accounts)
                ON CONFLICT (developer, run_id) DO UPDATE SET name = EXCLUDED.name, planned_flop = EXCLUDED.planned_flop,
                    parameters = EXCLUDED.parameters, tokens = EXCLUDED.tokens, base_run = EXCLUDED.base_run,
                    base_model_flop = EXCLUDED.base_model_flop, data_domain = EXCLUDED.data_domain,
                    cost_usd = EXCLUDED.cost_usd, commitment = EXCLUDED.commitment, log_index = EXCLUDED.log_index,
                    providers = EXCLUDED.providers, accounts = EXCLUDED.accounts""")
                .bind("dev", s.issuer()).bind("run", d.runId()).bind("name", d.name()).bind("planned", d.plannedFlop())
                .bind("params", d.parameters()).bind("tokens", d.tokens()).bind("base", d.baseRun())
                .bind("baseFlop", d.baseModelFlop()).bind("domain", d.dataDomain().jsonName()).bind("cost", d.costUsd())
                .bind("commitment", s.sealedSha256()).bind("i", index)
                .bindArray("providers", String.class, d.providers()).bindArray("accounts", String.class, d.accounts())
                .execute();
        effects.summary().put("run", p.id());
        monitoring.afterRun(h, p.id()).forEach(f -> effects.notice(f.notice()));
    }
}
