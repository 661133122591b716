package org.computegov.licensing.budget;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compute budget of one licence, in whole FLOP (BigInteger: budgets reach 1e26 and more, beyond a long, and
 * pre-charges must add up exactly).
 *
 * <p>A job is admitted by holding its maximum compute (chips × time limit, converted to FLOP) against the released
 * budget; holds and charges together never exceed what is released, however many jobs ask at once, because every
 * change happens under this object's lock. When the job's usage is reported, the hold becomes a charge of what was
 * used and the rest returns. Holds and settlements are idempotent by id, so a retried admission or a re-sent usage
 * report changes nothing.
 */
@org.computegov.registry.kernel.Published
public final class LicenceBudget {
    private List<Tranche> tranches;
    private BigInteger total;
    private int tranchesReleased;
    private BigInteger released = BigInteger.ZERO;
    private BigInteger used = BigInteger.ZERO;
    private BigInteger held = BigInteger.ZERO;
    private final Map<String, BigInteger> holds = new LinkedHashMap<>();
    private final Map<String, Settlement> settled = new HashMap<>();

    /** A budget of the given tranches (numbered 1..n in order), the first {@code releasedAtGrant} released. */
    public LicenceBudget(List<Tranche> tranches, int releasedAtGrant) {
        if (tranches == null || tranches.isEmpty()) {
            throw new IllegalArgumentException("a licence budget needs at least one tranche");
        }
        for (int i = 0; i < tranches.size(); i++) {
            if (tranches.get(i).number() != i + 1) {
                throw new IllegalArgumentException("tranches must be numbered 1.." + tranches.size() + " in order");
            }
        }
        if (releasedAtGrant < 0 || releasedAtGrant > tranches.size()) {
            throw new IllegalArgumentException("released tranches must be in [0, " + tranches.size() + "]");
        }
        this.tranches = List.copyOf(tranches);
        this.total = tranches.stream().map(Tranche::flop).reduce(BigInteger.ZERO, BigInteger::add);
        for (int i = 0; i < releasedAtGrant; i++) {
            releaseNext();
        }
    }

    /**
     * A budget as the registry's durable records have it after a restart: the tranches with the first {@code released}
     * released, the open holds (id → FLOP) of jobs admitted and not yet settled, and the settlements made. Holds are
     * taken as they are, without asking whether they fit: each fitted when it was placed, and an amendment never
     * lowers the released budget below what is held and charged.
     */
    public static LicenceBudget restore(List<Tranche> tranches, int released, Map<String, BigInteger> open,
            java.util.Collection<Settlement> settlements) {
        LicenceBudget b = new LicenceBudget(tranches, released);
        for (Settlement s : settlements) {
            b.settled.put(s.holdId(), s);
            b.used = b.used.add(s.used());
        }
        open.forEach((id, flop) -> {
            if (!b.settled.containsKey(id) && flop.signum() >= 0) {
                b.holds.put(id, flop);
                b.held = b.held.add(flop);
            }
        });
        return b;
    }

    /** A budget released whole at grant. */
    public static LicenceBudget whole(BigInteger flop) {
        return new LicenceBudget(List.of(new Tranche(1, flop, "")), 1);
    }

    public synchronized List<Tranche> tranches() {
        return tranches;
    }

    /**
     * Replaces the tranches after an amendment, the first {@code released} of them released; holds and charges stay.
     * Whether the amended released budget still covers them is the amendment's check (the registry refuses it
     * otherwise); here the log's word is taken, so an amendment accepted earlier is never refused in memory.
     *
     * @return the budget afterwards
     */
    public synchronized BudgetSnapshot amend(List<Tranche> amended, int released) {
        if (amended == null || amended.isEmpty() || released < 0 || released > amended.size()) {
            throw new IllegalArgumentException("an amended budget needs tranches and a released count in [0, n]");
        }
        this.tranches = List.copyOf(amended);
        this.total = amended.stream().map(Tranche::flop).reduce(BigInteger.ZERO, BigInteger::add);
        this.released = BigInteger.ZERO;
        this.tranchesReleased = 0;
        for (int i = 0; i < released; i++) {
            releaseNext();
        }
        return snapshot();
    }

    /**
     * Releases tranche {@code number}, which must be the next one (tranches follow each other's accepted reports).
     * Releasing one already released changes nothing (idempotent).
     *
     * @return the budget afterwards
     */
    public synchronized BudgetSnapshot release(int number) {
        if (number < 1 || number > tranches.size()) {
            throw new IllegalArgumentException("this licence has tranches 1.." + tranches.size() + ", not " + number);
        }
        if (number > tranchesReleased + 1) {
            throw new IllegalArgumentException("tranche " + number + " cannot be released before tranche "
                    + (tranchesReleased + 1));
        }
        if (number == tranchesReleased + 1) {
            releaseNext();
        }
        return snapshot();
    }

    private void releaseNext() {
        released = released.add(tranches.get(tranchesReleased).flop());
        tranchesReleased++;
    }

    /**
     * Holds {@code flop} for job {@code holdId} if that much released budget is free; otherwise holds nothing. The
     * same id asked again returns its existing hold, so a retried request does not hold twice.
     */
    public synchronized Reservation reserve(String holdId, BigInteger flop) {
        if (holdId == null || holdId.isEmpty() || flop == null || flop.signum() < 0) {
            throw new IllegalArgumentException("a hold needs an id and a non-negative FLOP amount");
        }
        BigInteger existing = holds.get(holdId);
        if (existing != null) {
            return new Reservation.Held(holdId, existing, available());
        }
        if (settled.containsKey(holdId)) {
            throw new IllegalArgumentException("hold " + holdId + " was already settled");
        }
        BigInteger available = available();
        if (flop.compareTo(available) > 0) {
            return new Reservation.Refused(flop, available.max(BigInteger.ZERO));
        }
        holds.put(holdId, flop);
        held = held.add(flop);
        return new Reservation.Held(holdId, flop, available());
    }

    /**
     * Charges what job {@code holdId} used and frees the rest of its hold. Settling again returns the first
     * settlement unchanged. A job with no hold (its usage arrived without an admission) is charged in full as an
     * overrun.
     */
    public synchronized Settlement settle(String holdId, BigInteger usedFlop) {
        if (usedFlop == null || usedFlop.signum() < 0) {
            throw new IllegalArgumentException("used FLOP must be non-negative");
        }
        Settlement done = settled.get(holdId);
        if (done != null) {
            return done;
        }
        BigInteger h = holds.remove(holdId);
        h = h == null ? BigInteger.ZERO : h;
        held = held.subtract(h);
        used = used.add(usedFlop);
        Settlement s = Settlement.of(holdId, h, usedFlop);
        settled.put(holdId, s);
        return s;
    }

    /** Frees a hold whose job never ran (cancelled, refused later by the scheduler): a settlement of zero use. */
    public Settlement cancel(String holdId) {
        return settle(holdId, BigInteger.ZERO);
    }

    /** The FLOP held for an open hold, or null when none is open under this id. */
    public synchronized BigInteger heldFor(String holdId) {
        return holds.get(holdId);
    }

    /** The settlement of this hold id, or null when it was not settled. */
    public synchronized Settlement settlement(String holdId) {
        return settled.get(holdId);
    }

    /**
     * Removes an open hold without charging anything, as if it had never been placed: for a hold that admission could
     * not record durably for its own reasons (its id belongs to another licence's job). Unlike {@link #cancel}, the id
     * stays free.
     */
    public synchronized void unhold(String holdId) {
        BigInteger h = holds.remove(holdId);
        if (h != null) {
            held = held.subtract(h);
        }
    }

    /** Whether a hold of this id is open (placed and not yet settled). */
    public synchronized boolean isHeld(String holdId) {
        return holds.containsKey(holdId);
    }

    public synchronized BigInteger available() {
        return released.subtract(used).subtract(held);
    }

    public synchronized BudgetSnapshot snapshot() {
        return new BudgetSnapshot(total, released, tranchesReleased, tranches.size(), used, held, holds.size());
    }
}
