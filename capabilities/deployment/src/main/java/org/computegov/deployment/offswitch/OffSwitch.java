package org.computegov.deployment.offswitch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.dsse.DsseSignature;
import org.computegov.ledger.dsse.DsseVerifier;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.intoto.Statement;

/**
 * A shared cluster's off switch: n key holders, threshold k. The state is a fold over the votes in log order:
 * the cluster runs at epoch 0; k distinct holders' valid HALT votes for the current epoch halt it and open the
 * next epoch; k RESUME votes for that epoch resume it, and so on. A vote never counts when it is not signed by a
 * holder's key, is for another switch or epoch (stale or premature), asks for the state the switch is already in,
 * is older than the maximum age when logged (signatures cannot be collected and held back), or comes from a holder
 * who already voted in this epoch (replays and second envelopes alike). Immutable: {@link #apply} returns the next
 * state.
 */
@org.computegov.registry.kernel.Published
public final class OffSwitch {
    /** Running or halted. */
    public enum Status { RUNNING, HALTED }

    /** What became of a vote. Only {@code COUNTED} and {@code FLIPPED} count. */
    public enum Outcome { COUNTED, FLIPPED, NOT_HOLDER, MALFORMED, OTHER_SWITCH, STALE_EPOCH, FUTURE_EPOCH, WRONG_ACTION, EXPIRED, DUPLICATE }

    /** A holder: a name and the key that identifies its votes (names in votes are never trusted). */
    public record Holder(String name, DsseVerifier key) {}

    /** The result of one vote: the outcome, which holder it was (if any), and the state after it. */
    public record Applied(Outcome outcome, String holder, OffSwitch state) {}

    private final String id;
    private final List<Holder> holders;
    private final int threshold;
    private final Duration maxAge;
    private final Status status;
    private final long epoch;
    private final Map<String, Instant> votes; // holder name -> when its vote for this epoch was logged

    public OffSwitch(String id, List<Holder> holders, int threshold, Duration maxAge) {
        this(id, List.copyOf(holders), threshold, maxAge, Status.RUNNING, 0, Map.of());
        if (threshold < 1 || threshold > holders.size()) {
            throw new IllegalArgumentException("threshold must be in [1, " + holders.size() + "]: " + threshold);
        }
        if (holders.stream().map(Holder::name).distinct().count() != holders.size()
                || holders.stream().map(h -> Arrays.hashCode(h.key().spki())).distinct().count() != holders.size()) {
            throw new IllegalArgumentException("holders must have distinct names and keys");
        }
    }

    private OffSwitch(String id, List<Holder> holders, int threshold, Duration maxAge, Status status, long epoch,
            Map<String, Instant> votes) {
        this.id = id;
        this.holders = holders;
        this.threshold = threshold;
        this.maxAge = maxAge;
        this.status = status;
        this.epoch = epoch;
        this.votes = Map.copyOf(votes);
    }

    public String id() {
        return id;
    }

    public Status status() {
        return status;
    }

    public long epoch() {
        return epoch;
    }

    public int threshold() {
        return threshold;
    }

    /** Holders whose votes for the current epoch have counted, in the order they came. */
    public List<String> votedThisEpoch() {
        return holders.stream().map(Holder::name).filter(votes::containsKey).toList();
    }

    /** The action the next transition needs. */
    public Vote.Action pendingAction() {
        return status == Status.RUNNING ? Vote.Action.HALT : Vote.Action.RESUME;
    }

    /** Applies one logged vote envelope, logged at {@code loggedAt}. */
    public Applied apply(byte[] envelopeJson, Instant loggedAt) {
        Envelope env;
        Vote vote;
        try {
            env = Envelope.parse(envelopeJson);
            vote = Statement.PAYLOAD_TYPE.equals(env.payloadType()) ? Vote.from(Statement.parse(env.payload())) : null;
        } catch (FormatException e) {
            return new Applied(Outcome.MALFORMED, null, this);
        }
        if (vote == null) {
            return new Applied(Outcome.MALFORMED, null, this);
        }
        List<Holder> signers = signers(env);
        if (signers.isEmpty()) {
            return new Applied(Outcome.NOT_HOLDER, null, this);
        }
        String who = signers.get(0).name();
        if (!vote.switchId().equals(id)) {
            return new Applied(Outcome.OTHER_SWITCH, who, this);
        }
        if (vote.epoch() < epoch) {
            return new Applied(Outcome.STALE_EPOCH, who, this);
        }
        if (vote.epoch() > epoch) {
            return new Applied(Outcome.FUTURE_EPOCH, who, this);
        }
        if (vote.action() != pendingAction()) {
            return new Applied(Outcome.WRONG_ACTION, who, this);
        }
        if (vote.issuedAt().isBefore(loggedAt.minus(maxAge)) || vote.issuedAt().isAfter(loggedAt.plus(maxAge))) {
            return new Applied(Outcome.EXPIRED, who, this);
        }
        Map<String, Instant> next = new LinkedHashMap<>(votes);
        boolean any = false;
        for (Holder h : signers) { // an envelope co-signed by several holders counts for each, once
            if (!next.containsKey(h.name())) {
                next.put(h.name(), loggedAt);
                any = true;
            }
        }
        if (!any) {
            return new Applied(Outcome.DUPLICATE, who, this);
        }
        if (next.size() >= threshold) {
            Status flipped = status == Status.RUNNING ? Status.HALTED : Status.RUNNING;
            return new Applied(Outcome.FLIPPED, who, new OffSwitch(id, holders, threshold, maxAge, flipped, epoch + 1, Map.of()));
        }
        return new Applied(Outcome.COUNTED, who, new OffSwitch(id, holders, threshold, maxAge, status, epoch, next));
    }

    /** The holders whose keys made a valid signature on the envelope (each once). */
    private List<Holder> signers(Envelope env) {
        byte[] pae = env.pae();
        List<Holder> out = new ArrayList<>();
        for (Holder h : holders) {
            for (DsseSignature s : env.signatures()) {
                if (h.key().isValid(pae, s.sig())) {
                    out.add(h);
                    break;
                }
            }
        }
        return out;
    }

    /** Folds votes in log order (envelope and when it was logged). */
    public OffSwitch applyAll(List<Map.Entry<byte[], Instant>> logged) {
        OffSwitch s = this;
        for (Map.Entry<byte[], Instant> e : logged) {
            s = s.apply(e.getKey(), e.getValue()).state();
        }
        return s;
    }

    @Override
    public String toString() {
        return id + ": " + status + " at epoch " + epoch + " (" + votes.size() + "/" + threshold + " for " + pendingAction() + ")";
    }

}
