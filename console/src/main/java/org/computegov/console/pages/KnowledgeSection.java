package org.computegov.console.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.computegov.api.EstimateView;
import org.computegov.api.KnowledgeApi;
import org.computegov.console.ConsoleSection;
import org.computegov.console.Frame;
import org.computegov.console.Page;
import org.computegov.console.Web;
import org.computegov.console.auth.Session;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.export.ExportClassification;
import org.computegov.knowledge.thresholds.ThresholdReport;

/**
 * The knowledge core as forms: chip classification, compute estimation and threshold checks. The forms are GET
 * (a question, not an action), so an answer has a URL to share; inputs go through {@link KnowledgeApi}, the one
 * place the CLI and the API check them too, and a bad input comes back as an error beside its field.
 */
public final class KnowledgeSection implements ConsoleSection {
    private final KnowledgeApi knowledge;
    private final TrendsPage trends;

    public KnowledgeSection(KnowledgeApi knowledge, org.computegov.api.TrendsApi trends) {
        this.knowledge = knowledge;
        this.trends = new TrendsPage(trends, knowledge);
    }

    /** An input's problem: the form field's id (e.g. "asOf"), what is wrong, and how to put it right. */
    public record FieldError(String field, String message, String hint) {
        static FieldError of(InvalidInputException e) {
            return new FieldError(fieldId(e.field()), e.getMessage(), e.hint());
        }
    }

    public record ClassifyModel(Frame frame, List<String> chips, Map<String, String> values,
            ExportClassification result, FieldError error) {}

    public record EstimateModel(Frame frame, List<String> chips, Map<String, String> values, EstimateView result,
            FieldError error) {}

    public record ThresholdModel(Frame frame, Map<String, String> values, ThresholdReport result, FieldError error) {}

    @Override
    public String key() {
        return "knowledge";
    }

    @Override
    public String label() {
        return "Knowledge";
    }

    @Override
    public String path() {
        return "/console/knowledge";
    }

    @Override
    public boolean visibleTo(Session user) {
        return true;
    }

    @Override
    public void install(RoutesConfig routes, Web web) {
        routes.get(path(), ctx -> ctx.redirect(path() + "/chips", HttpStatus.FOUND));
        routes.get(path() + "/chips", web.page(this::classify));
        routes.get(path() + "/estimate", web.page(this::estimate));
        routes.get(path() + "/thresholds", web.page(this::thresholds));
        routes.get(path() + "/trends", web.page(p -> p.render("view.jte", new CapabilityPagesSection.ViewModel(
                p.frame("Trends", key()), path(), false, trends.view(p)))));
    }

    private void classify(Page p) throws Exception {
        Map<String, String> v = values(p, "chip", "asOf");
        ExportClassification result = null;
        FieldError error = null;
        if (v.get("chip") != null) {
            try {
                result = knowledge.classify(v.get("chip"), v.get("asOf"));
            } catch (InvalidInputException e) {
                error = FieldError.of(e);
                p.ctx().status(400);
            }
        }
        p.render("knowledge_chips.jte", new ClassifyModel(p.frame(title("Classify a chip", result != null || error != null),
                key()), chipNames(), v, result, error));
    }

    private void estimate(Page p) throws Exception {
        Map<String, String> v = values(p, "method", "params", "activeParams", "tokens", "recompute", "chip", "count",
                "hours", "gpuHours", "precision", "utilization");
        String method = "hardware".equals(v.get("method")) ? "hardware" : "architecture";
        v.put("method", method);
        EstimateView result = null;
        FieldError error = null;
        boolean asked = "architecture".equals(method) ? v.get("params") != null || v.get("tokens") != null
                : v.get("chip") != null;
        if (asked) {
            try {
                result = "architecture".equals(method)
                        ? knowledge.estimateFromArchitecture(need(v, "params", "--params"), need(v, "tokens", "--tokens"),
                                v.get("activeParams"), v.get("recompute") != null)
                        : knowledge.estimateFromHardware(v.get("chip"), v.get("count"), v.get("hours"), v.get("gpuHours"),
                                v.get("precision"), v.get("utilization"), null, null);
            } catch (InvalidInputException e) {
                error = FieldError.of(e);
                p.ctx().status(400);
            }
        }
        p.render("knowledge_estimate.jte", new EstimateModel(p.frame(title("Estimate training compute", asked), key()),
                chipNames(), v, result, error));
    }

    private void thresholds(Page p) throws Exception {
        Map<String, String> v = values(p, "flop", "baseFlop", "costUsd", "revenueUsd", "date", "bio");
        ThresholdReport result = null;
        FieldError error = null;
        if (v.get("flop") != null) {
            try {
                result = knowledge.checkRun(v.get("flop"), v.get("baseFlop"), v.get("bio") != null, v.get("costUsd"),
                        v.get("revenueUsd"), v.get("date"));
            } catch (InvalidInputException e) {
                error = FieldError.of(e);
                p.ctx().status(400);
            }
        }
        p.render("knowledge_thresholds.jte", new ThresholdModel(p.frame(title("Check thresholds", v.get("flop") != null),
                key()), v, result, error));
    }

    private static String need(Map<String, String> v, String key, String option) throws InvalidInputException {
        String s = v.get(key);
        if (s == null) {
            throw new InvalidInputException(option, "Enter a value.", null);
        }
        return s;
    }

    /** A title for the browser tab; results pages say so, as GOV.UK's pattern for errors does. */
    private static String title(String base, boolean answered) {
        return answered ? base + " – result" : base;
    }

    private List<String> chipNames() throws InvalidInputException {
        return knowledge.chips().stream().map(c -> c.name()).toList();
    }

    private static Map<String, String> values(Page p, String... names) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String n : names) {
            String s = p.param(n);
            if (s != null && s.length() <= 200) {
                v.put(n, s);
            }
        }
        return v;
    }

    /** "--as-of" → "asOf", the id of the form field the knowledge core's option name stands for. */
    static String fieldId(String option) {
        if (option == null) {
            return null;
        }
        String bare = option.startsWith("--") ? option.substring(2) : option;
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : bare.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
