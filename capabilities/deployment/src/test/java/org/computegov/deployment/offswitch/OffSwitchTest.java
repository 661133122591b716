package org.computegov.deployment.offswitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.computegov.deployment.offswitch.OffSwitch.Outcome;
import org.computegov.deployment.offswitch.OffSwitch.Status;
import org.computegov.deployment.offswitch.Vote.Action;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.junit.jupiter.api.Test;

/** The k-of-n switch: only k distinct holders' fresh votes for the current epoch flip it; nothing else counts. */
class OffSwitchTest {
    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
    private static final List<Ed25519DsseSigner> KEYS = new ArrayList<>();

    static {
        for (int i = 0; i < 6; i++) {
            KEYS.add(new Ed25519DsseSigner("holder-" + i, Ed25519PrivateKey.generate()));
        }
    }

    /** A 2-of-3 switch held by keys 0..2 (keys 3..5 belong to nobody). */
    private static OffSwitch switch2of3() {
        return of(3, 2);
    }

    private static OffSwitch of(int n, int k) {
        List<OffSwitch.Holder> hs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hs.add(new OffSwitch.Holder("holder-" + i, KEYS.get(i).verifier()));
        }
        return new OffSwitch("cluster-eu-1", hs, k, Duration.ofMinutes(15));
    }

    private static byte[] vote(int key, Action a, long epoch, Instant at) {
        return new Vote("cluster-eu-1", a, epoch, at).sign(KEYS.get(key));
    }

    @Test
    void haltNeedsKDistinctHoldersAndResumeNeedsKAgain() {
        OffSwitch s = switch2of3();
        OffSwitch.Applied a = s.apply(vote(0, Action.HALT, 0, T0), T0);
        assertThat(a.outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(a.state().status()).isEqualTo(Status.RUNNING);
        OffSwitch.Applied b = a.state().apply(vote(2, Action.HALT, 0, T0), T0.plusSeconds(5));
        assertThat(b.outcome()).isEqualTo(Outcome.FLIPPED);
        assertThat(b.state().status()).isEqualTo(Status.HALTED);
        assertThat(b.state().epoch()).isEqualTo(1);

        OffSwitch.Applied r1 = b.state().apply(vote(1, Action.RESUME, 1, T0.plusSeconds(60)), T0.plusSeconds(60));
        assertThat(r1.outcome()).isEqualTo(Outcome.COUNTED);
        assertThat(r1.state().status()).isEqualTo(Status.HALTED);
        OffSwitch.Applied r2 = r1.state().apply(vote(0, Action.RESUME, 1, T0.plusSeconds(61)), T0.plusSeconds(61));
        assertThat(r2.state().status()).isEqualTo(Status.RUNNING);
        assertThat(r2.state().epoch()).isEqualTo(2);
    }

    @Test
    void duplicatesStaleNonHolderAndExpiredVotesNeverCount() {
        OffSwitch s = switch2of3();
        byte[] v0 = vote(0, Action.HALT, 0, T0);
        s = s.apply(v0, T0).state();
        // The same envelope replayed, and a second envelope by the same holder.
        assertThat(s.apply(v0, T0.plusSeconds(1)).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(s.apply(vote(0, Action.HALT, 0, T0.plusSeconds(2)), T0.plusSeconds(2)).outcome()).isEqualTo(Outcome.DUPLICATE);
        // A key that holds no share, even one named like a holder.
        Ed25519DsseSigner impostor = new Ed25519DsseSigner("holder-1", Ed25519PrivateKey.generate());
        assertThat(s.apply(new Vote("cluster-eu-1", Action.HALT, 0, T0).sign(impostor), T0).outcome()).isEqualTo(Outcome.NOT_HOLDER);
        assertThat(s.apply(vote(4, Action.HALT, 0, T0), T0).outcome()).isEqualTo(Outcome.NOT_HOLDER);
        // Signed long before it is logged: collected and held back.
        assertThat(s.apply(vote(1, Action.HALT, 0, T0.minus(Duration.ofHours(2))), T0).outcome()).isEqualTo(Outcome.EXPIRED);
        // Wrong action, another epoch, another switch.
        assertThat(s.apply(vote(1, Action.RESUME, 0, T0), T0).outcome()).isEqualTo(Outcome.WRONG_ACTION);
        assertThat(s.apply(vote(1, Action.HALT, 1, T0), T0).outcome()).isEqualTo(Outcome.FUTURE_EPOCH);
        assertThat(s.apply(new Vote("cluster-us-2", Action.HALT, 0, T0).sign(KEYS.get(1)), T0).outcome()).isEqualTo(Outcome.OTHER_SWITCH);
        assertThat(s.apply("{\"payload\":\"e30=\",\"payloadType\":\"x\",\"signatures\":[]}".getBytes(), T0).outcome())
                .isEqualTo(Outcome.MALFORMED);
        assertThat(s.status()).isEqualTo(Status.RUNNING);
        assertThat(s.votedThisEpoch()).containsExactly("holder-0");
    }

    @Test
    void oldHaltVotesCannotBeReplayedAfterAResume() {
        byte[] h0 = vote(0, Action.HALT, 0, T0);
        byte[] h1 = vote(1, Action.HALT, 0, T0);
        OffSwitch s = switch2of3().apply(h0, T0).state().apply(h1, T0).state();
        s = s.apply(vote(0, Action.RESUME, 1, T0), T0).state().apply(vote(2, Action.RESUME, 1, T0), T0).state();
        assertThat(s.status()).isEqualTo(Status.RUNNING);
        assertThat(s.apply(h0, T0).outcome()).isEqualTo(Outcome.STALE_EPOCH);
        assertThat(s.apply(h1, T0).state().status()).isEqualTo(Status.RUNNING);
    }

    @Test
    void oneEnvelopeCoSignedByTwoHoldersCountsForBoth() {
        Vote v = new Vote("cluster-eu-1", Action.HALT, 0, T0);
        byte[] both = Dsse.sign(Statement.PAYLOAD_TYPE, v.statement().toJson(), List.of(KEYS.get(0), KEYS.get(1))).toJson();
        assertThat(switch2of3().apply(both, T0).state().status()).isEqualTo(Status.HALTED);
    }

    /**
     * For any sequence of HALT votes at epoch 0 by holders and non-holders, with repeats, the switch halts exactly at
     * the vote that brings the number of distinct holders to k, and never earlier.
     */
    @Property(tries = 20)
    void haltsExactlyAtTheKthDistinctHolder(@ForAll @Size(max = 12) List<@IntRange(min = 0, max = 5) Integer> voters,
            @ForAll @IntRange(min = 1, max = 4) int k) {
        OffSwitch s = of(4, k);
        java.util.Set<Integer> distinctHolders = new java.util.HashSet<>();
        for (int voter : voters) {
            OffSwitch.Applied a = s.apply(vote(voter, Action.HALT, 0, T0), T0);
            if (s.status() == Status.HALTED) {
                assertThat(a.outcome()).isIn(Outcome.WRONG_ACTION, Outcome.NOT_HOLDER, Outcome.STALE_EPOCH);
                continue;
            }
            if (voter < 4) {
                distinctHolders.add(voter);
            }
            s = a.state();
            assertThat(s.status()).isEqualTo(distinctHolders.size() >= k ? Status.HALTED : Status.RUNNING);
        }
    }
}
