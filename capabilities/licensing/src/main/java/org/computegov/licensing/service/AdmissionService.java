package org.computegov.licensing.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.licensing.admission.Admission;
import org.computegov.licensing.admission.Decision;
import org.computegov.licensing.admission.JobRequest;
import org.computegov.licensing.admission.LicenceSource;
import org.computegov.licensing.admission.LicenceState;
import org.computegov.licensing.budget.Settlement;

/**
 * Admission as a provider runs it: decisions, and settlement of the jobs it admitted from the scheduler's records
 * of finished jobs. It remembers each hold's licence, chip and chip count so that a usage line (job reference and
 * elapsed time) is enough to settle it.
 */
@org.computegov.registry.kernel.Published
public final class AdmissionService {
    private final Admission admission;
    private final LicenceSource licences;
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    private record Hold(String licence, String chip, int chips) {}

    /** What a usage report did: jobs settled now, already settled before, or not admitted here. */
    public record UsageResult(int settled, int alreadySettled, int unknown, List<Settlement> settlements) {}

    public AdmissionService(Admission admission, LicenceSource licences) {
        this.admission = admission;
        this.licences = licences;
    }

    public Decision decide(JobRequest job) {
        return decide(job, false);
    }

    public Decision decide(JobRequest job, boolean dryRun) {
        Decision d = admission.decide(job, dryRun);
        if (d.allowed() && d.holdId() != null) {
            holds.putIfAbsent(d.holdId(), new Hold(d.licence(), job.chip(), job.chips()));
        }
        return d;
    }

    public UsageResult usage(String provider, String cluster, List<SacctCompletions.Completion> done)
            throws LicenceSource.Unreachable, InvalidInputException {
        int settled = 0;
        int again = 0;
        int unknown = 0;
        List<Settlement> out = new java.util.ArrayList<>();
        for (SacctCompletions.Completion c : done) {
            String holdId = provider + "/" + cluster + "/" + c.ref();
            Hold h = holds.get(holdId);
            if (h == null) {
                unknown++;
                continue;
            }
            LicenceState state = licences.find(h.licence()).orElseThrow(() -> new IllegalStateException(
                    "licence " + h.licence() + " of a hold is gone"));
            boolean fresh = state.budget().isHeld(holdId);
            Settlement s = admission.settle(state, holdId, h.chip(), h.chips() * (c.elapsedSeconds() / 3600.0));
            out.add(s);
            if (fresh) {
                settled++;
            } else {
                again++;
            }
        }
        return new UsageResult(settled, again, unknown, out);
    }
}
