package org.computegov.deployment.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.computegov.deployment.authorization.Authorization;
import org.computegov.deployment.oms.ModelException;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.DeclaredKind;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * The regulator's deployment authorizations ({@code deployment-authorization}) and their standing
 * ({@code authorization-status}: valid, suspended, revoked). The authorization's log entry is what a provider's
 * offline bundle carries, so its predicate holds everything the serving check needs: the model's name and root, the
 * OMS serialization, the resources when they fit, the conditions and the validity.
 */
final class AuthorizationKinds {
    private AuthorizationKinds() {}

    static final String AUTHORIZATION = "deployment-authorization";
    static final String STATUS = "authorization-status";
    static final List<String> STATES = List.of("valid", "suspended", "revoked");

    static final class AuthorizationKind extends DeclaredKind<Authorization> {
        AuthorizationKind() {
            super(AUTHORIZATION, false, Role.REGULATOR);
        }

        @Override
        public Authorization check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode p = in.predicate();
            String id = Fields.id(p, "authorizationId");
            Checks.requireSubject(in.statement(), "authorization:" + id);
            String root = Fields.root(p, "root");
            String model = Fields.text(p, "model");
            Fields.instant(p, "validFrom");
            Fields.optInstant(p, "validUntil");
            Authorization a;
            try {
                a = Authorization.fromFields(model, root, p);
            } catch (ModelException e) {
                throw Rejection.badInput("the authorization is malformed: " + e.getMessage(), "predicate", e.hint());
            }
            if (!Fields.exists(h, "SELECT count(*) FROM model WHERE root = ?", root)) {
                throw Rejection.notFound("no registered model has root " + root,
                        "The developer registers the model first (cgov model register); authorizations name registered models.");
            }
            if (Fields.exists(h, "SELECT count(*) FROM authorization_grant WHERE id = ?", id)) {
                throw Rejection.conflict("authorization-exists", "Authorization already issued", "authorization " + id
                        + " exists", "Give a new authorization its own id; change an existing one's standing with authorization-status.");
            }
            return a;
        }

        @Override
        public void apply(Handle h, Input in, Authorization a, long index, Effects effects) {
            var limits = Json.object();
            a.usageLimits().forEach(limits::put);
            h.createUpdate("""
                    INSERT INTO authorization_grant (id, regulator, model_name, root, regions, providers, usage, valid_from,
                        valid_until, state, reason, log_index)
                    VALUES (:id, :reg, :name, :root, :regions, :providers, :usage, :from, :until, 'valid', '', :idx)""")
                    .bind("id", a.id()).bind("reg", in.issuer()).bind("name", a.modelName()).bind("root", a.rootHex())
                    .bind("regions", Json.MAPPER.valueToTree(a.regions()).toString())
                    .bind("providers", Json.MAPPER.valueToTree(a.providers()).toString()).bind("usage", limits.toString())
                    .bind("from", a.validFrom()).bind("until", a.validUntil().orElse(null)).bind("idx", index).execute();
            effects.summary().put("authorization", a.id()).put("root", a.rootHex()).put("filesListed", a.resources().size());
        }
    }

    /** The standing of an authorization: a revocation is final; suspension and reinstatement go back and forth. */
    static final class StatusKind extends DeclaredKind<String[]> {
        StatusKind() {
            super(STATUS, false, Role.REGULATOR);
        }

        @Override
        public String[] check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode p = in.predicate();
            String id = Fields.id(p, "authorizationId");
            Checks.requireSubject(in.statement(), "authorization:" + id);
            String state = Fields.oneOf(p, "state", STATES);
            String reason = Fields.optText(p, "reason").orElse("");
            String now = h.createQuery("SELECT state FROM authorization_grant WHERE id = :id").bind("id", id).mapTo(String.class)
                    .findOne().orElseThrow(() -> Rejection.notFound("no authorization " + id, null));
            if (now.equals("revoked")) {
                throw Rejection.conflict("authorization-revoked", "Authorization revoked", "authorization " + id
                        + " was revoked; a revocation is final", "Issue a new authorization.");
            }
            return new String[] {id, state, reason};
        }

        @Override
        public void apply(Handle h, Input in, String[] s, long index, Effects effects) {
            h.createUpdate("UPDATE authorization_grant SET state = :s, reason = :r WHERE id = :id").bind("s", s[1])
                    .bind("r", s[2]).bind("id", s[0]).execute();
            effects.summary().put("authorization", s[0]).put("state", s[1]);
        }
    }
}
