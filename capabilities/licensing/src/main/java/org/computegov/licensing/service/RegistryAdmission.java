package org.computegov.licensing.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.computegov.licensing.admission.AdmissionPolicy.WhenUnreachable;
import org.computegov.licensing.admission.Decision;
import org.computegov.licensing.admission.JobRequest;
import org.computegov.licensing.k8s.AdmissionReviews;
import org.computegov.licensing.service.AdmissionHttpServer.Answer;
import org.computegov.licensing.service.AdmissionHttpServer.Call;
import org.computegov.registry.client.RegistryClient;

/**
 * The admission routes answered by the registry, for a compute provider whose schedulers cannot sign requests
 * ({@code cgov admission serve}): each job is checked here, then asked of the registry in a request signed (RFC 9421)
 * with the provider's key, so the licence's budget is the one the registry keeps for every provider it authorizes.
 * <ul>
 *   <li>{@code POST /api/v1/admission/decide}: a job → the registry's decision, unchanged. The body is read first
 *   (400, nothing sent, when it is not a job) and must be for this service's provider and cluster (filled in when
 *   left out; 403 when another).</li>
 *   <li>{@code POST /api/v1/admission/usage[?provider=P&cluster=C]}: {@code sacct --parsable2} output, checked here,
 *   → the registry's settlement counts.</li>
 *   <li>{@code POST /api/v1/admission/kubernetes[?provider=P&cluster=C]}: an AdmissionReview v1 → the registry's
 *   decision as an AdmissionReview response (a dry run asks the registry's dry run, which holds nothing).</li>
 *   <li>{@code GET /api/v1/admission/licences/ID}: the licence as the registry shows it to this provider.</li>
 * </ul>
 * When the registry cannot be asked (refused connection, no answer within the timeout, an overloaded or failing
 * registry: 429, 5xx) a job is denied with code {@code registry-unreachable} and a reason saying what to do
 * (fail-closed), or, under {@link WhenUnreachable#FAIL_OPEN}, allowed with {@code registry-unreachable-fail-open}
 * holding nothing. A registry that refuses the request itself (another 4xx: an unknown or revoked key, a clock far
 * off) is a configuration fault no retry mends: the job is denied with code {@code registry-refused} and the
 * registry's reason, whatever the policy.
 */
@org.computegov.registry.kernel.Published
public final class RegistryAdmission implements AdmissionHttpServer.Endpoint {
    /** How long a usage upload may take: the registry signs a settlement statement per licence and 100 jobs. */
    public static final Duration USAGE_TIMEOUT = Duration.ofSeconds(25);

    private final RegistryClient decisions;
    private final RegistryClient uploads;
    private final AdmissionScope scope;
    private final WhenUnreachable whenUnreachable;
    private final Consumer<String> log;
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final Duration answerWithin;
    /** The last refusal told, so that a misconfiguration is logged once, not per job. */
    private final java.util.concurrent.atomic.AtomicReference<String> lastRefusal = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * @param registry signs with the provider's key and answers within the decision timeout
     * @param scope the provider (the key's actor) and the cluster this service answers for
     * @param log where changes in the registry's reachability are told (once per change, not per request)
     */
    public RegistryAdmission(RegistryClient registry, AdmissionScope scope, WhenUnreachable whenUnreachable,
            Consumer<String> log) {
        this(registry, scope, whenUnreachable, log, Duration.ofSeconds(2));
    }

    /**
     * @param answerWithin how long the scheduler waits for an answer ({@code --timeout}): a decision still waiting for
     *     a thread after that is not asked of the registry, since its caller has given up and a hold placed now would
     *     charge a job that never starts
     */
    public RegistryAdmission(RegistryClient registry, AdmissionScope scope, WhenUnreachable whenUnreachable,
            Consumer<String> log, Duration answerWithin) {
        this.answerWithin = answerWithin;
        this.decisions = registry;
        this.uploads = registry.withTimeout(USAGE_TIMEOUT);
        this.scope = scope;
        this.whenUnreachable = whenUnreachable;
        this.log = log;
    }

    /** Every answer waits on the registry: the server runs them on its pool. */
    @Override
    public boolean blocks() {
        return true;
    }

    @Override
    public Answer answer(Call call) {
        String path = call.path();
        boolean post = call.method().equals("POST");
        try {
            boolean decides = post && (path.equals(AdmissionScope.DECIDE) || path.equals(AdmissionScope.KUBERNETES));
            long waited = System.nanoTime() - call.receivedNanos();
            if (decides && waited > answerWithin.toNanos()) {
                // Queued behind other work past the caller's timeout: the scheduler has already refused the job.
                return Answer.problem(503, "admission-busy", "The admission service was too busy to ask the registry within "
                        + answerWithin.toMillis() + " ms (this request waited " + waited / 1_000_000 + " ms); nothing was held."
                        + " Submit again.");
            }
            if (path.equals(AdmissionScope.DECIDE) && post) {
                AdmissionScope.Job job = scope.job(call.body());
                Asked a = ask(job.job(), job.body(), false);
                return a.answer != null ? Answer.json(200, a.answer) : Answer.json(200, AdmissionJson.decision(a.decision));
            } else if (path.equals(AdmissionScope.USAGE) && post) {
                return usage(call);
            } else if (path.equals(AdmissionScope.KUBERNETES) && post) {
                scope.query(call.query());
                return Answer.json(200, AdmissionReviews.review(call.body(), scope.provider(), scope.cluster(), this::decide));
            } else if (path.startsWith("/api/v1/admission/licences/") && call.method().equals("GET")) {
                return licence(path.substring("/api/v1/admission/licences/".length()));
            }
            return Answer.problem(404, "not-found", call.method() + " " + path + " is not an admission route.");
        } catch (AdmissionJson.BadRequest e) {
            return Answer.problem(400, "invalid-request", e.getMessage());
        } catch (AdmissionScope.OutOfScope e) {
            return Answer.problem(403, "out-of-scope", e.getMessage());
        }
    }

    /** The registry's decision on a job read from an AdmissionReview (dry runs included). */
    Decision decide(JobRequest job, boolean dryRun) {
        ObjectNode body = AdmissionJson.request(job);
        try {
            AdmissionJson.request(AdmissionJson.bytes(body)); // what the registry would refuse, refused here
        } catch (AdmissionJson.BadRequest e) {
            return deny(job, "invalid-request", "The workload cannot be asked about: " + e.getMessage() + ".");
        }
        return ask(job, body, dryRun).decision;
    }

    /** The registry's answer as sent ({@code answer}, when it was a decision) and as a decision. */
    private record Asked(JsonNode answer, Decision decision) {}

    private Asked ask(JobRequest job, ObjectNode body, boolean dryRun) {
        RegistryClient.Answer a;
        try {
            a = decisions.post(AdmissionScope.DECIDE + (dryRun ? "?dryRun=true" : ""), AdmissionJson.bytes(body));
        } catch (IOException e) {
            return new Asked(null, unreachable(job, why(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Asked(null, unreachable(job, "the admission service is stopping"));
        }
        if (a.status() == 429 || a.status() >= 500) {
            return new Asked(null, unreachable(job, "it answered HTTP " + a.status() + " (" + detail(a.body()) + ")"));
        }
        if (!a.ok()) {
            String detail = detail(a.body());
            String refusal = "HTTP " + a.status() + ": " + detail;
            if (!refusal.equals(lastRefusal.getAndSet(refusal))) {
                log.accept("the registry refused a decision request (" + refusal + "); GPU jobs are denied until this is fixed");
            }
            return new Asked(null, deny(job, "registry-refused", "The computegov registry refused this cluster's admission"
                    + " service (HTTP " + a.status() + ": " + detail + "). GPU jobs cannot start until the cluster's"
                    + " administrators fix it (the provider's key, its registration, the host's clock)."));
        }
        try {
            Decision d = AdmissionJson.decision(a.body());
            reached();
            lastRefusal.set(null);
            return new Asked(a.body(), d);
        } catch (AdmissionJson.BadRequest e) {
            return new Asked(null, unreachable(job, "its answer is not a decision: " + e.getMessage()));
        }
    }

    private Answer usage(Call call) throws AdmissionScope.OutOfScope, AdmissionJson.BadRequest {
        scope.query(call.query());
        SacctCompletions.parse(new String(call.body(), StandardCharsets.UTF_8)); // bad input is refused here, not sent
        RegistryClient.Answer a;
        try {
            a = uploads.post(AdmissionScope.USAGE + "?cluster=" + URLEncoder.encode(scope.cluster(), StandardCharsets.UTF_8),
                    call.body(), "text/plain; charset=utf-8");
        } catch (IOException e) {
            unreachable(why(e));
            return Answer.problem(503, "registry-unreachable", "The computegov registry could not be asked (" + why(e)
                    + "); nothing was settled. Send the report again later: a job settled before is counted once.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.problem(503, "registry-unreachable", "The admission service is stopping; nothing was settled.");
        }
        reached();
        return relayed(a);
    }

    private Answer licence(String id) {
        RegistryClient.Answer a;
        try {
            a = decisions.get("/api/v1/licences/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
        } catch (IOException e) {
            return Answer.problem(503, "registry-unreachable", "The computegov registry could not be asked (" + why(e) + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.problem(503, "registry-unreachable", "The admission service is stopping.");
        }
        return relayed(a);
    }

    /** The registry's answer as it gave it: its JSON, or its problem with its status. */
    private static Answer relayed(RegistryClient.Answer a) {
        return new Answer(a.status(), a.ok() ? "application/json" : "application/problem+json", AdmissionJson.bytes(a.body()));
    }

    private Decision unreachable(JobRequest job, String why) {
        unreachable(why);
        String licence = job.licence() == null ? "" : " under licence " + job.licence();
        if (whenUnreachable == WhenUnreachable.FAIL_OPEN) {
            return new Decision(Decision.Outcome.ALLOW, "registry-unreachable-fail-open", "The computegov registry could"
                    + " not be asked about this job (" + why + "); this cluster's policy lets GPU jobs start anyway."
                    + " Nothing is held" + licence + " for it.", BigInteger.ZERO, null, job.maxChipHours(), null,
                    job.licence(), null);
        }
        return deny(job, "registry-unreachable", "The computegov registry could not be asked about this job (" + why
                + "). This cluster starts GPU jobs only with the registry's answer: submit again in a few minutes, and"
                + " if it lasts, tell the cluster's administrators.");
    }

    private static Decision deny(JobRequest job, String code, String reason) {
        return new Decision(Decision.Outcome.DENY, code, reason, BigInteger.ZERO, null, job.maxChipHours(), null,
                job.licence(), null);
    }

    private void unreachable(String why) {
        if (reachable.compareAndSet(true, false)) {
            log.accept("the registry at " + decisions.base() + " cannot be asked (" + why + "); GPU jobs are "
                    + (whenUnreachable == WhenUnreachable.FAIL_OPEN ? "allowed without a hold (fail-open)" : "denied (fail-closed)")
                    + " until it answers");
        }
    }

    private void reached() {
        if (reachable.compareAndSet(false, true)) {
            log.accept("the registry at " + decisions.base() + " answers again");
        }
    }

    private static String why(IOException e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "no connection within the timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within the timeout";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String detail(JsonNode problem) {
        if (problem == null || problem.isNull()) {
            return "no body";
        }
        String title = problem.path("title").asText("");
        String detail = problem.path("detail").asText("");
        String both = title + (title.isEmpty() || detail.isEmpty() ? "" : ": ") + detail;
        return both.isEmpty() ? problem.toString() : both;
    }

    /** For tests and logs: the registry this service asks. */
    public String registry() {
        return decisions.base().toString();
    }
}
