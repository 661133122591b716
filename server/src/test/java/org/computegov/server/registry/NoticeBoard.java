package org.computegov.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Routes;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * A capability that exists only in the test tree, written by the "adding a statement kind" guide in
 * docs/ARCHITECTURE.md without editing a kernel file: developers post public notices ({@code registry-test-notice},
 * at most 200 characters), kept in its own table, read through its own route, counted in the statistics.
 */
final class NoticeBoard implements Capability {
    @Override
    public String name() {
        return "test_notices";
    }

    @Override
    public List<StatementKind<?>> kinds() {
        return List.of(new NoticeKind());
    }

    @Override
    public String migrations() {
        return "db/test_notices";
    }

    @Override
    public void routes(Routes routes, ReadStore store) {
        routes.get("/api/v1/test/notices", q -> store.get(h -> {
            var out = Json.array();
            h.createQuery("SELECT author, text, log_index AS \"logIndex\" FROM test_notice ORDER BY log_index")
                    .map((rs, c) -> Json.row(rs, out.addObject())).list();
            return out;
        }));
    }

    @Override
    public void stats(Handle h, ObjectNode out) {
        out.put("notices", h.createQuery("SELECT count(*) FROM test_notice").mapTo(Long.class).one());
    }

    static final class NoticeKind implements StatementKind<String> {
        @Override
        public String wire() {
            return "test-notice";
        }

        @Override
        public Set<Role> signers() {
            return Set.of(Role.DEVELOPER);
        }

        @Override
        public boolean sealed() {
            return false;
        }

        @Override
        public String check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode n = in.predicate().path("notice");
            String text = Checks.text(n, "text", "predicate.notice.text");
            if (text.length() > 200) {
                throw Rejection.badInput("a notice has at most 200 characters", "predicate.notice.text", "Shorten it.");
            }
            Checks.requireSubject(in.statement(), "notice:" + in.issuer());
            return text;
        }

        @Override
        public void apply(Handle h, Input in, String text, long index, Effects effects) {
            h.createUpdate("INSERT INTO test_notice (author, text, log_index) VALUES (:a, :t, :i)")
                    .bind("a", in.issuer()).bind("t", text).bind("i", index).execute();
            effects.summary().put("notice", index);
        }
    }
}
