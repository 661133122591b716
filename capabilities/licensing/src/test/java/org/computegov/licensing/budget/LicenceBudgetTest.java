package org.computegov.licensing.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class LicenceBudgetTest {
    private static final BigInteger E25 = BigInteger.TEN.pow(25);

    @Test
    void budgetsBeyondALongAddUpExactly() {
        LicenceBudget b = new LicenceBudget(List.of(new Tranche(1, E25.multiply(BigInteger.valueOf(3)), ""),
                new Tranche(2, E25.multiply(BigInteger.valueOf(7)), "interim evaluation at 3e25")), 1);
        assertThat(b.snapshot().total()).isEqualTo(BigInteger.TEN.pow(26));
        assertThat(b.reserve("a", E25.multiply(BigInteger.valueOf(3)))).isInstanceOf(Reservation.Held.class);
        assertThat(b.reserve("b", BigInteger.ONE)).isEqualTo(new Reservation.Refused(BigInteger.ONE, BigInteger.ZERO));
        b.release(2);
        assertThat(b.reserve("b", BigInteger.ONE)).isInstanceOf(Reservation.Held.class);
        Settlement s = b.settle("a", E25);
        assertThat(s.releasedBack()).isEqualTo(E25.multiply(BigInteger.TWO));
        assertThat(b.available()).isEqualTo(E25.multiply(BigInteger.valueOf(9)).subtract(BigInteger.ONE));
    }

    @Test
    void aRestoredBudgetEqualsTheOneItWasRecordedFrom() {
        List<Tranche> ts = List.of(new Tranche(1, BigInteger.valueOf(100), ""), new Tranche(2, BigInteger.valueOf(100), ""));
        LicenceBudget live = new LicenceBudget(ts, 1);
        live.reserve("a", BigInteger.valueOf(30));
        live.reserve("b", BigInteger.valueOf(40));
        live.reserve("c", BigInteger.valueOf(20));
        Settlement a = live.settle("a", BigInteger.valueOf(25));
        Settlement x = live.settle("x", BigInteger.valueOf(5)); // usage without a hold
        LicenceBudget restored = LicenceBudget.restore(ts, 1, new java.util.LinkedHashMap<>(java.util.Map.of(
                "b", BigInteger.valueOf(40), "c", BigInteger.valueOf(20), "a", BigInteger.valueOf(30))), List.of(a, x));
        assertThat(restored.snapshot()).isEqualTo(live.snapshot());
        assertThat(restored.settlement("a")).isEqualTo(a);
        assertThat(restored.heldFor("b")).isEqualTo(BigInteger.valueOf(40));
        assertThatThrownBy(() -> restored.reserve("a", BigInteger.ONE)).hasMessageContaining("already settled");
        assertThat(restored.reserve("d", BigInteger.valueOf(11))).isInstanceOf(Reservation.Refused.class);
        assertThat(restored.reserve("d", BigInteger.valueOf(10))).isInstanceOf(Reservation.Held.class);
        restored.unhold("d");
        assertThat(restored.available()).isEqualTo(BigInteger.valueOf(10));
        assertThat(restored.reserve("d", BigInteger.valueOf(10))).isInstanceOf(Reservation.Held.class);
    }

    @Test
    void tranchesAreReleasedInOrderAndOnlyOnce() {
        LicenceBudget b = new LicenceBudget(List.of(new Tranche(1, BigInteger.TEN, ""), new Tranche(2, BigInteger.TEN, ""),
                new Tranche(3, BigInteger.TEN, "")), 1);
        assertThatThrownBy(() -> b.release(3)).hasMessageContaining("before tranche 2");
        b.release(2);
        b.release(2);
        assertThat(b.snapshot().released()).isEqualTo(BigInteger.valueOf(20));
    }

    @Test
    void usageWithoutAHoldIsAnOverrunThatDrivesTheBudgetNegative() {
        LicenceBudget b = LicenceBudget.whole(BigInteger.TEN);
        Settlement s = b.settle("unadmitted", BigInteger.valueOf(12));
        assertThat(s.overrun()).isEqualTo(BigInteger.valueOf(12));
        assertThat(b.available()).isEqualTo(BigInteger.valueOf(-2));
        assertThat(b.reserve("next", BigInteger.ZERO)).isInstanceOf(Reservation.Refused.class);
    }

    @Test
    void anAmendmentChangesTheTranchesAndKeepsHoldsAndCharges() {
        LicenceBudget b = new LicenceBudget(List.of(new Tranche(1, BigInteger.valueOf(100), ""), new Tranche(2, BigInteger.valueOf(100), "")), 1);
        b.reserve("a", BigInteger.valueOf(30));
        b.reserve("b", BigInteger.valueOf(20));
        b.settle("b", BigInteger.valueOf(10));
        BudgetSnapshot after = b.amend(List.of(new Tranche(1, BigInteger.valueOf(60), ""), new Tranche(2, BigInteger.valueOf(40), ""),
                new Tranche(3, BigInteger.valueOf(50), "")), 1);
        assertThat(after.released()).isEqualTo(BigInteger.valueOf(60));
        assertThat(after.total()).isEqualTo(BigInteger.valueOf(150));
        assertThat(after.tranches()).isEqualTo(3);
        assertThat(after.held()).isEqualTo(BigInteger.valueOf(30));
        assertThat(after.used()).isEqualTo(BigInteger.valueOf(10));
        assertThat(b.available()).isEqualTo(BigInteger.valueOf(20));
        // The hold settles against the amended budget; the next tranche is the amended one.
        assertThat(b.settle("a", BigInteger.valueOf(25)).releasedBack()).isEqualTo(BigInteger.valueOf(5));
        assertThat(b.release(2).released()).isEqualTo(BigInteger.valueOf(100));
    }
}
