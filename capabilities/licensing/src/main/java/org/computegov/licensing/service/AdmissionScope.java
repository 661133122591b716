package org.computegov.licensing.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.computegov.licensing.admission.JobRequest;
import org.computegov.licensing.service.AdmissionHttpServer.Answer;
import org.computegov.licensing.service.AdmissionHttpServer.Call;

/**
 * The provider and cluster a provider's admission service ({@code cgov admission serve}) answers for. A scheduler's
 * hook may leave them out (they are filled in) or name them (they must be these): a job naming another provider or
 * cluster is refused with 403 before anything is decided or sent, so a service holding one provider's key never
 * decides in another's name, nor for a cluster it was not set up for.
 */
@org.computegov.registry.kernel.Published
public record AdmissionScope(String provider, String cluster) {
    static final String DECIDE = "/api/v1/admission/decide";
    static final String USAGE = "/api/v1/admission/usage";
    static final String KUBERNETES = "/api/v1/admission/kubernetes";

    public AdmissionScope {
        if (provider == null || provider.isBlank() || cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("an admission service answers for one provider and cluster");
        }
    }

    /** A request for another provider or cluster than this service's. */
    public static final class OutOfScope extends Exception {
        private static final long serialVersionUID = 1L;

        OutOfScope(String message) {
            super(message);
        }
    }

    /** A decide request read and checked: the job, and the body to send on (provider and cluster filled in). */
    public record Job(JobRequest job, ObjectNode body) {}

    /**
     * Reads a decide body as {@link AdmissionJson#request(byte[])} does, after filling in a missing provider or
     * cluster.
     *
     * @throws AdmissionJson.BadRequest when it is not a job (400)
     * @throws OutOfScope when it names another provider or cluster (403)
     */
    public Job job(byte[] body) throws AdmissionJson.BadRequest, OutOfScope {
        ObjectNode o = AdmissionJson.object(body);
        fill(o, "provider", provider);
        fill(o, "cluster", cluster);
        return new Job(AdmissionJson.request(o), o);
    }

    private static void fill(ObjectNode o, String field, String ours) throws OutOfScope {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            o.put(field, ours);
        } else if (n.isTextual() && !n.textValue().equals(ours)) {
            throw new OutOfScope(refusal(field, ours, n.textValue()));
        }
    }

    private static String refusal(String field, String ours, String theirs) {
        return "this admission service decides for " + field + " " + ours + " only; the request names " + theirs
                + ". Leave '" + field + "' out, or send it to that " + field + "'s admission service.";
    }

    /**
     * Checks a usage or Kubernetes request's {@code provider} and {@code cluster} query parameters (either may be
     * left out) and returns the query with both set to this scope's.
     */
    public Map<String, String> query(Map<String, String> query) throws OutOfScope {
        for (String field : new String[] {"provider", "cluster"}) {
            String v = query.get(field);
            String ours = field.equals("provider") ? provider : cluster;
            if (v != null && !v.isBlank() && !v.equals(ours)) {
                throw new OutOfScope(refusal(field, ours, v));
            }
        }
        Map<String, String> out = new HashMap<>(query);
        out.put("provider", provider);
        out.put("cluster", cluster);
        return out;
    }

    /**
     * {@code inner} answering only for this scope: decide bodies and the usage and Kubernetes routes' parameters are
     * checked and completed here first (400 or 403 without calling it). For a {@link LocalAdmission}, whose routes
     * take any provider and cluster.
     */
    public AdmissionHttpServer.Endpoint around(AdmissionHttpServer.Endpoint inner) {
        return new AdmissionHttpServer.Endpoint() {
            @Override
            public Answer answer(Call call) {
                if (!call.method().equals("POST")) {
                    return inner.answer(call);
                }
                try {
                    if (call.path().equals(DECIDE)) {
                        return inner.answer(call.with(call.query(), AdmissionJson.bytes(job(call.body()).body())));
                    }
                    if (call.path().equals(USAGE) || call.path().equals(KUBERNETES)) {
                        return inner.answer(call.with(query(call.query()), call.body()));
                    }
                    return inner.answer(call);
                } catch (AdmissionJson.BadRequest e) {
                    return Answer.problem(400, "invalid-request", e.getMessage());
                } catch (OutOfScope e) {
                    return Answer.problem(403, "out-of-scope", e.getMessage());
                }
            }

            @Override
            public boolean blocks() {
                return inner.blocks();
            }
        };
    }
}
