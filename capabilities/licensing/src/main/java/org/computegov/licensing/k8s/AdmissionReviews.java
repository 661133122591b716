package org.computegov.licensing.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import org.computegov.licensing.admission.Decision;
import org.computegov.licensing.admission.JobRequest;
import org.computegov.licensing.service.AdmissionJson;

/**
 * A validating admission webhook for Kubernetes (admission.k8s.io/v1 AdmissionReview) over Pods and batch/v1 Jobs
 * that request {@value #GPU}.
 *
 * <p>What a Pod or Job asks is read from the object: GPUs per pod are the larger of the sum over containers and the
 * largest init container (limits, else requests); a Job multiplies by {@code parallelism} (default 1). The time
 * limit is {@code activeDeadlineSeconds} (the Job's, else its pod template's): without one a GPU workload cannot be
 * pre-charged and is denied with that reason. The licence comes from the label or annotation {@value #LICENCE}, the
 * account from {@value #ACCOUNT} (else the namespace), the chip from {@value #CHIP} (else the node selector
 * {@code nvidia.com/gpu.product}). Pods a Job controls are allowed here: their Job was admitted (and charged).
 * Objects without GPUs, and operations other than CREATE, are allowed untouched.
 */
public final class AdmissionReviews {
    public static final String GPU = "nvidia.com/gpu";
    public static final String LICENCE = "computegov.org/licence";
    public static final String ACCOUNT = "computegov.org/account";
    public static final String CHIP = "computegov.org/chip";

    /** The longest job reference the admission wire format takes ({@link AdmissionJson#request}). */
    static final int MAX_REF = 200;

    private AdmissionReviews() {}

    /**
     * What decides a workload once it is read: a provider's own book of licences ({@code AdmissionService::decide}),
     * or the registry asked on the provider's behalf. A dry run is decided the same way and holds nothing.
     */
    @FunctionalInterface
    public interface Decider {
        Decision decide(JobRequest job, boolean dryRun);
    }

    /** Answers an AdmissionReview request document with an AdmissionReview response document. */
    public static ObjectNode review(byte[] body, String provider, String cluster, Decider decider)
            throws AdmissionJson.BadRequest {
        JsonNode root;
        try {
            root = JSON().readTree(body);
        } catch (IOException e) {
            throw new AdmissionJson.BadRequest("the body is not JSON: " + e.getMessage());
        }
        if (root == null || !"admission.k8s.io/v1".equals(root.path("apiVersion").asText())
                || !"AdmissionReview".equals(root.path("kind").asText()) || !root.path("request").isObject()) {
            throw new AdmissionJson.BadRequest("expected an admission.k8s.io/v1 AdmissionReview with a request");
        }
        JsonNode req = root.get("request");
        String uid = req.path("uid").asText("");
        if (uid.isEmpty()) {
            throw new AdmissionJson.BadRequest("the AdmissionReview request has no uid");
        }
        if (!"CREATE".equals(req.path("operation").asText())) {
            return answer(uid, true, 200, "computegov admits workloads when they are created", null);
        }
        String kind = req.path("kind").path("kind").asText();
        JsonNode obj = req.path("object");
        JsonNode podSpec;
        long parallelism = 1;
        long deadline;
        if ("Pod".equals(kind)) {
            for (JsonNode owner : obj.path("metadata").path("ownerReferences")) {
                if ("Job".equals(owner.path("kind").asText()) && owner.path("controller").asBoolean(false)) {
                    return answer(uid, true, 200, "pod of Job " + owner.path("name").asText() + ", admitted with its Job", null);
                }
            }
            podSpec = obj.path("spec");
            deadline = podSpec.path("activeDeadlineSeconds").asLong(0);
        } else if ("Job".equals(kind)) {
            podSpec = obj.path("spec").path("template").path("spec");
            parallelism = obj.path("spec").has("parallelism") ? obj.path("spec").path("parallelism").asLong(1) : 1;
            deadline = obj.path("spec").path("activeDeadlineSeconds").asLong(podSpec.path("activeDeadlineSeconds").asLong(0));
        } else {
            return answer(uid, true, 200, "computegov checks Pods and Jobs only", null);
        }
        long perPod = gpusPerPod(podSpec);
        if (perPod == 0) {
            return answer(uid, true, 200, "no " + GPU + " requested", null);
        }
        long chips = perPod * Math.max(1, parallelism);
        JsonNode meta = obj.path("metadata");
        String namespace = req.path("namespace").asText(meta.path("namespace").asText(""));
        String licence = tag(meta, LICENCE);
        String account = tag(meta, ACCOUNT);
        String chip = tag(meta, CHIP);
        if (chip == null) {
            chip = podSpec.path("nodeSelector").path("nvidia.com/gpu.product").asText(null);
        }
        if (chip == null) {
            return answer(uid, false, 403, "The " + kind + " requests " + chips + " " + GPU + " but names no chip type:"
                    + " set the annotation " + CHIP + " (e.g. H100) or the node selector nvidia.com/gpu.product.", null);
        }
        if (deadline <= 0) {
            return answer(uid, false, 403, "The " + kind + " requests " + chips + " " + GPU + " without a time limit, so its"
                    + " compute cannot be pre-charged: set spec.activeDeadlineSeconds.", null);
        }
        String name = meta.path("name").asText(meta.path("generateName").asText("") + uid);
        Decision d = decider.decide(new JobRequest(provider, cluster, account == null ? namespace : account, licence, chip,
                (int) Math.min(Integer.MAX_VALUE, chips), Duration.ofSeconds(deadline), jobRef(namespace, name, uid)),
                req.path("dryRun").asBoolean(false));
        return answer(uid, d.allowed(), d.allowed() ? 200 : 403, d.reason(), d);
    }

    /**
     * {@code k8s/NAMESPACE/NAME/UID}, the name shortened when the whole would exceed {@value #MAX_REF} characters (a
     * name may have 253): the uid alone makes it unique, the name is there for people reading holds.
     */
    static String jobRef(String namespace, String name, String uid) {
        String ref = "k8s/" + namespace + "/" + name + "/" + uid;
        if (ref.length() <= MAX_REF) {
            return ref;
        }
        int keep = Math.max(0, name.length() - (ref.length() - MAX_REF) - 1);
        ref = "k8s/" + namespace + "/" + name.substring(0, keep) + "~/" + uid;
        return ref.length() <= MAX_REF ? ref : ref.substring(ref.length() - MAX_REF);
    }

    private static long gpusPerPod(JsonNode spec) {
        long sum = 0;
        for (JsonNode c : spec.path("containers")) {
            sum += gpus(c);
        }
        long init = 0;
        for (JsonNode c : spec.path("initContainers")) {
            init = Math.max(init, gpus(c));
        }
        return Math.max(sum, init);
    }

    private static long gpus(JsonNode container) {
        JsonNode r = container.path("resources");
        JsonNode v = r.path("limits").path(GPU);
        if (v.isMissingNode() || v.isNull()) {
            v = r.path("requests").path(GPU);
        }
        if (v.isNumber()) {
            return Math.max(0, v.asLong());
        }
        if (v.isTextual()) {
            try {
                return Math.max(0, Long.parseLong(v.asText().trim()));
            } catch (NumberFormatException e) {
                return 0; // the API server rejects non-integer extended resources before admission webhooks
            }
        }
        return 0;
    }

    private static String tag(JsonNode meta, String key) {
        String v = meta.path("annotations").path(key).asText(null);
        if (v == null || v.isBlank()) {
            v = meta.path("labels").path(key).asText(null);
        }
        return v == null || v.isBlank() ? null : v;
    }

    private static ObjectNode answer(String uid, boolean allowed, int code, String message, Decision d) {
        ObjectNode root = JSON().createObjectNode();
        root.put("apiVersion", "admission.k8s.io/v1");
        root.put("kind", "AdmissionReview");
        ObjectNode resp = root.putObject("response");
        resp.put("uid", uid);
        resp.put("allowed", allowed);
        ObjectNode status = resp.putObject("status");
        status.put("code", code);
        status.put("message", message);
        if (d != null && d.allowed() && d.holdId() != null) {
            resp.putObject("auditAnnotations").put("hold", d.holdId());
        }
        return root;
    }

    private static com.fasterxml.jackson.databind.ObjectMapper JSON() {
        return AdmissionJson.mapper();
    }
}
