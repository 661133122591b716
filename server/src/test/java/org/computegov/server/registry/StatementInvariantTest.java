package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.server.registry.RegistryHarness.actorStatement;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.customer;
import static org.computegov.server.registry.RegistryHarness.customerRecord;
import static org.computegov.server.registry.RegistryHarness.owner;
import static org.computegov.server.registry.RegistryHarness.predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.computegov.api.Problem;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.client.RegistryClient.Answer;
import org.computegov.registry.kernel.Schemas;
import org.computegov.registry.statement.Submission;
import org.computegov.server.registry.RegistryHarness.Snapshot;
import org.computegov.server.registry.RegistryHarness.TestActor;

/**
 * The invariant every statement kind keeps, whatever a signer sends: it applies (2xx, one more log entry), or it is
 * refused (4xx with an RFC 9457 problem, the log and the registry as they were); never a 5xx. The kinds come from the
 * running server's catalogue, so a capability added later is covered without an edit here (its builder in
 * {@link RegistryWriteChecksTest#statement} is the one line it needs, and a kind without one fails this test).
 */
class StatementInvariantTest {
    static RegistryHarness registry;
    static TestActor regulator;
    static TestActor provA;
    static TestActor dev;
    /** Every kind the server lists, but the root key's rotation (an applied mutation would replace the root). */
    static List<Kind> kinds;
    static final List<String> NOT_MUTATED = List.of("root-key");

    @BeforeContainer
    static void start() throws Exception {
        registry = RegistryHarness.start(Files.createTempDirectory("cgov-invariant"));
        // The same actors and objects RegistryWriteChecksTest's builders (used below) refer to, on this server.
        RegistryWriteChecksTest.world(registry, SignerKey.generate("prov-a/main"));
        regulator = RegistryWriteChecksTest.regulator;
        provA = RegistryWriteChecksTest.provA;
        dev = RegistryWriteChecksTest.dev;
        Map<String, Kind> byWire = Arrays.stream(Kind.values()).collect(Collectors.toMap(Kind::wire, k -> k));
        kinds = new ArrayList<>();
        for (JsonNode k : registry.publicClient().get("/api/v1/registry/kinds").body()) {
            String wire = k.get("kind").asText();
            if (NOT_MUTATED.contains(wire)) {
                continue;
            }
            assertThat(byWire).as("the server runs kind %s: give it a builder in RegistryWriteChecksTest.statement and"
                    + " an entry in Kind", wire).containsKey(wire);
            kinds.add(byWire.get(wire));
        }
        assertThat(kinds).hasSizeGreaterThanOrEqualTo(Kind.values().length);
    }

    @AfterContainer
    static void stop() throws Exception {
        try {
            // Whatever was accepted replays to the same tables: nothing was stored other than the log says.
            Answer a = regulator.client().post("/api/v1/registry/replay");
            assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
            assertThat(a.body().get("refused").asLong()).as(a.body().toString()).isZero();
            for (JsonNode t : a.body().get("tables")) {
                assertThat(t.get("onlyLive").asLong() + t.get("onlyReplayed").asLong()).as(t.toString()).isZero();
            }
        } finally {
            registry.close();
        }
    }

    static TestActor signer(Kind kind) {
        return RegistryWriteChecksTest.rightSigner(kind);
    }

    @Provide
    Arbitrary<Kind> kinds() {
        return Arbitraries.of(kinds);
    }

    @Property(tries = 250, shrinking = ShrinkingMode.BOUNDED)
    void everyKindAppliesOrAppendsNothing(@ForAll("kinds") Kind kind, @ForAll("mutations") Hostile.Mutation m)
            throws Exception {
        TestActor by = signer(kind);
        Submission base = RegistryWriteChecksTest.statement(kind, by, predicate(by), true);
        Submission hostile = Hostile.apply(base, m, by);
        appliesOrAppendsNothing(by, hostile, kind.wire() + " after " + m);
    }

    @Provide
    Arbitrary<Hostile.Mutation> mutations() {
        return Hostile.mutations();
    }

    /** 2xx and one more entry at the index the answer names, or 4xx with a problem and nothing changed. */
    static Answer appliesOrAppendsNothing(TestActor by, Submission s, String why) throws Exception {
        Snapshot before = registry.snapshot();
        Answer a = by.submit(s);
        assertThat(a.status()).as("%s: %s", why, a.body()).isBetween(200, 499);
        if (a.status() < 300) {
            assertThat(registry.logSize()).as("log size after accepted %s", why).isEqualTo(before.logSize() + 1);
            assertThat(a.body().get("logIndex").asLong()).as(why).isEqualTo(before.logSize());
        } else {
            JsonNode p = a.body();
            assertThat(p.path("type").asText()).as("problem of %s: %s", why, p).startsWith(Problem.TYPE_BASE);
            assertThat(p.path("status").asInt()).as("problem of %s: %s", why, p).isEqualTo(a.status());
            assertThat(p.path("detail").asText()).as("problem of %s: %s", why, p).isNotBlank();
            registry.assertUnchanged(before, why);
        }
        return a;
    }

    // ---- the instances the issue found -----------------------------------------------------------------------

    @Example
    void kycVerificationDatesBeyondWhatTheDatabaseHoldsAreRefusedOrStoredExactly() throws Exception {
        int n = 0;
        for (String date : List.of("+999999999-12-31", "+584556075-11-20", "-999999999-01-01", "10000-01-01", "2199-12-31",
                "1970-01-01", "2026-01-15")) {
            ObjectNode r = customerRecord("date-" + n++, "Dated Customer " + n + " LLC", "US", owner("Owner " + n, "US", null));
            ((ObjectNode) r.get("verification")).put("date", date);
            Answer a = appliesOrAppendsNothing(provA, customer(provA, r), "verification date " + date);
            if (a.status() < 300) {
                assertThat(verifiedOn(r.get("customerId").asText())).as("stored verification date of %s", date)
                        .isEqualTo(LocalDate.parse(date));
            } else {
                assertThat(a.body().get("field").asText()).as(date).isEqualTo("sealed.payload.verification.date");
            }
        }
    }

    @Example
    void nulInAnActorsNameIsRefused() throws Exception {
        ObjectNode p = predicate(regulator);
        actorStatement(regulator, p, "nul-actor", "US", List.of("developer"), SignerKey.generate("nul-actor/main"));
        ((ObjectNode) p.get("actor")).put("name", "Evil\u0000Corp");
        Submission nul = regulator.writer().publicStatement(Kind.ACTOR.wire(), "actor:nul-actor", p, null, null);
        Answer a = appliesOrAppendsNothing(regulator, nul, "an actor name with NUL");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().get("field").asText()).isEqualTo("predicate.actor.name");
    }

    private static LocalDate verifiedOn(String customerId) throws Exception {
        try (Connection c = registry.server().database().dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT verified_on FROM " + Schemas.LIVE
                        + ".customer WHERE provider = 'prov-a' AND customer_id = ?")) {
            q.setString(1, customerId);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("customer %s stored", customerId).isTrue();
                // As text: a java.sql.Date would wrap a far year into another day (the bug this test catches).
                return LocalDate.parse(rs.getObject(1, LocalDate.class).toString());
            }
        }
    }
}
