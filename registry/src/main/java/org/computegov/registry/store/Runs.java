package org.computegov.registry.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.registry.runs.RunDeclaration;
import org.computegov.registry.runs.RunJson;
import org.computegov.registry.statement.RegistryStatement;
import org.computegov.registry.statement.Rejection;
import org.jdbi.v3.core.Handle;

/** Training runs in the projection: a developer's declaration (sealed), updated by declaring it again. */
final class Runs {
    record RunPlan(String id, RunDeclaration declaration) {}

    RunPlan check(Handle h, RegistryStatement s, byte[] payload) throws Rejection {
        RunDeclaration d;
        try {
            d = RunJson.read(payload);
        } catch (InvalidInputException e) {
            throw Rejection.badInput("the run declaration is invalid: " + e.getMessage(), Projector.payloadField(e.field()), e.hint());
        }
        // The public statement names only the developer: the run's id is part of the sealed declaration.
        Projector.requireSubject(s, "run:" + s.issuer());
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

    List<Monitoring.Fired> apply(Handle h, RegistryStatement s, Object plan, long index, ObjectNode summary,
            Monitoring monitoring) {
        RunPlan p = (RunPlan) plan;
        RunDeclaration d = p.declaration();
        h.createUpdate("""
                INSERT INTO run (developer, run_id, name, planned_flop, parameters, tokens, base_run, base_model_flop,
                                 data_domain, cost_usd, commitment, log_index)
                VALUES (:dev, :run, :name, :planned, :params, :tokens, :base, :baseFlop, :domain, :cost, :commitment, :i)
                ON CONFLICT (developer, run_id) DO UPDATE SET name = EXCLUDED.name, planned_flop = EXCLUDED.planned_flop,
                    parameters = EXCLUDED.parameters, tokens = EXCLUDED.tokens, base_run = EXCLUDED.base_run,
                    base_model_flop = EXCLUDED.base_model_flop, data_domain = EXCLUDED.data_domain,
                    cost_usd = EXCLUDED.cost_usd, commitment = EXCLUDED.commitment, log_index = EXCLUDED.log_index""")
                .bind("dev", s.issuer()).bind("run", d.runId()).bind("name", d.name()).bind("planned", d.plannedFlop())
                .bind("params", d.parameters()).bind("tokens", d.tokens()).bind("base", d.baseRun())
                .bind("baseFlop", d.baseModelFlop()).bind("domain", d.dataDomain().jsonName()).bind("cost", d.costUsd())
                .bind("commitment", s.sealedSha256()).bind("i", index).execute();
        summary.put("run", p.id());
        return monitoring.afterRun(h, p.id());
    }
}
