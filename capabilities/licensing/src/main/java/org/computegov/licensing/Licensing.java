package org.computegov.licensing;

import java.time.Clock;
import java.util.List;
import org.computegov.licensing.admission.Admission;
import org.computegov.licensing.admission.AdmissionPolicy;
import org.computegov.licensing.admission.ComputeRate;
import org.computegov.licensing.admission.JobRequest;
import org.computegov.licensing.admission.LicenceState;
import org.computegov.licensing.service.AdmissionJson;
import org.computegov.licensing.service.AdmissionService;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Routes;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;

/**
 * Pre-training authorization: licences with compute budgets released in tranches, their standing, and admission of
 * jobs at authorized providers against them ({@code POST /api/v1/admission/decide}, signed by the provider).
 */
@Published
public final class Licensing implements Capability {
    private final RegistryLicences licences = new RegistryLicences();
    private final AdmissionService admission;

    public Licensing(ComputeRate rate, AdmissionPolicy policy, Clock clock) {
        this.admission = new AdmissionService(new Admission(licences, rate, policy, clock), licences);
    }

    @Override
    public String name() {
        return "licensing";
    }

    @Override
    public List<StatementKind<?>> kinds() {
        return LicenceKinds.all();
    }

    @Override
    public String migrations() {
        return "db/licensing";
    }

    @Override
    public String openApi() {
        return "/openapi/licensing.json";
    }

    @Override
    public void routes(Routes routes, ReadStore store) {
        licences.attach(store);
        routes.post("/api/v1/admission/decide", r -> {
            r.viewer().require("admission decisions", Role.COMPUTE_PROVIDER);
            JobRequest job;
            try {
                job = AdmissionJson.request(r.body());
            } catch (AdmissionJson.BadRequest e) {
                throw new Rejection(400, "invalid-input", "Invalid input", e.getMessage(), null,
                        "Send {provider, cluster, account, licence, chip, chips, timeLimitMinutes, jobRef}.");
            }
            if (!job.provider().equals(r.viewer().id())) {
                throw Rejection.forbidden("a provider decides for its own clusters; you are " + r.viewer().id()
                        + ", the request names " + job.provider(), "Set provider to your actor id.");
            }
            return AdmissionJson.decision(admission.decide(job));
        });
        routes.get("/api/v1/licences/{id}", r -> {
            r.viewer().require("licences", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
            LicenceState s;
            try {
                s = licences.find(r.path("id")).orElseThrow(() -> Rejection.notFound("no licence " + r.path("id"), null));
            } catch (org.computegov.licensing.admission.LicenceSource.Unreachable e) {
                throw new Rejection(503, "registry-unavailable", "Registry unavailable", e.getMessage(), null, null);
            }
            String viewer = r.viewer().id();
            boolean provider = s.licence().clusters().stream().anyMatch(c -> c.startsWith(viewer + "/"));
            if (!r.viewer().regulator() && !s.licence().developer().equals(viewer) && !provider) {
                throw Rejection.notFound("no licence " + r.path("id"), null); // others do not learn it exists
            }
            var o = AdmissionJson.budget(s.licence().id(), s.budget().snapshot());
            o.set("terms", org.computegov.licensing.admission.LicenceJson.toJson(s.licence(), s.budget().snapshot().tranchesReleased()));
            o.put("standing", s.standing().name().toLowerCase(java.util.Locale.ROOT));
            o.put("standingReason", s.standingReason());
            return o;
        });
    }
}
