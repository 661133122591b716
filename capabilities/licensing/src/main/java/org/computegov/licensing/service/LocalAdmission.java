package org.computegov.licensing.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.computegov.licensing.admission.LicenceSource;
import org.computegov.licensing.admission.LicenceState;
import org.computegov.licensing.k8s.AdmissionReviews;
import org.computegov.licensing.service.AdmissionHttpServer.Answer;
import org.computegov.licensing.service.AdmissionHttpServer.Call;

/**
 * The admission routes decided in this process, from a book of licences (a provider's verified bundles, a test's):
 * <ul>
 *   <li>{@code POST /api/v1/admission/decide}: a job (see {@link AdmissionJson}) → a decision;</li>
 *   <li>{@code POST /api/v1/admission/usage?provider=P&cluster=C}: {@code sacct --parsable2} output → settlements;</li>
 *   <li>{@code POST /api/v1/admission/kubernetes?provider=P&cluster=C}: an AdmissionReview v1 → its response;</li>
 *   <li>{@code GET /api/v1/admission/licences/ID}: the licence's budget.</li>
 * </ul>
 */
@org.computegov.registry.kernel.Published
public final class LocalAdmission implements AdmissionHttpServer.Endpoint {
    private final AdmissionService service;
    private final LicenceSource licences;

    public LocalAdmission(AdmissionService service, LicenceSource licences) {
        this.service = service;
        this.licences = licences;
    }

    /** Decisions from a book in memory take microseconds and never wait: they need no thread of their own. */
    @Override
    public boolean blocks() {
        return !licences.inMemory();
    }

    @Override
    public Answer answer(Call call) {
        String path = call.path();
        String method = call.method();
        try {
            if (path.equals("/api/v1/admission/decide") && method.equals("POST")) {
                return Answer.json(200, AdmissionJson.decision(service.decide(AdmissionJson.request(call.body()))));
            } else if (path.equals("/api/v1/admission/usage") && method.equals("POST")) {
                AdmissionService.UsageResult r = service.usage(call.required("provider"), call.required("cluster"),
                        SacctCompletions.parse(new String(call.body(), StandardCharsets.UTF_8)));
                ObjectNode o = AdmissionJson.JSON.createObjectNode();
                o.put("settled", r.settled());
                o.put("alreadySettled", r.alreadySettled());
                o.put("notAdmittedHere", r.unknown());
                return Answer.json(200, o);
            } else if (path.equals("/api/v1/admission/kubernetes") && method.equals("POST")) {
                return Answer.json(200, AdmissionReviews.review(call.body(), call.required("provider"), call.required("cluster"),
                        service::decide));
            } else if (path.startsWith("/api/v1/admission/licences/") && method.equals("GET")) {
                String id = path.substring("/api/v1/admission/licences/".length());
                Optional<LicenceState> s = licences.find(id);
                return s.isEmpty() ? Answer.problem(404, "unknown-licence", "No licence '" + id + "' is known here.")
                        : Answer.json(200, AdmissionJson.budget(id, s.get().budget().snapshot()));
            }
            return Answer.problem(404, "not-found", method + " " + path + " is not an admission route.");
        } catch (AdmissionJson.BadRequest e) {
            return Answer.problem(400, "invalid-request", e.getMessage());
        } catch (org.computegov.knowledge.InvalidInputException e) {
            return Answer.problem(400, "invalid-request", e.getMessage());
        } catch (LicenceSource.Unreachable e) {
            return Answer.problem(503, "registry-unreachable", e.getMessage());
        }
    }
}
