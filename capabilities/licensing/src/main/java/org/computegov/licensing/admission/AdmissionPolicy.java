package org.computegov.licensing.admission;

import java.math.BigInteger;

/**
 * A provider's admission rules that are policy rather than licence: the largest GPU job (in FLOP at its time limit)
 * allowed without a licence, and what to do when licence state cannot be read. Fail-closed is the default: a job
 * that might need a licence does not start on a guess.
 */
@org.computegov.registry.kernel.Published
public record AdmissionPolicy(BigInteger deMinimisFlop, WhenUnreachable whenUnreachable) {
    public enum WhenUnreachable { FAIL_CLOSED, FAIL_OPEN }

    /** 1e21 FLOP: about 4 days of one H100 at 30% (≈1.07e18 FLOP/chip-hour), far below any licensing threshold. */
    public static final BigInteger DEFAULT_DE_MINIMIS = BigInteger.TEN.pow(21);

    public AdmissionPolicy {
        if (deMinimisFlop == null || deMinimisFlop.signum() < 0 || whenUnreachable == null) {
            throw new IllegalArgumentException("de-minimis must be a non-negative FLOP amount and a registry-unreachable policy given");
        }
    }

    public static AdmissionPolicy defaults() {
        return new AdmissionPolicy(DEFAULT_DE_MINIMIS, WhenUnreachable.FAIL_CLOSED);
    }
}
