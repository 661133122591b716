package org.computegov.deployment.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.computegov.registry.kernel.ConsolePages;
import org.computegov.registry.kernel.Shown;
import org.computegov.registry.kernel.View;
import org.computegov.registry.kernel.View.Cell;
import org.computegov.registry.kernel.View.Column;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;

/**
 * Models in the console: registered models with their evaluation certificates and deployment authorizations, and a
 * model's page with the notification regimes that apply to it. All of it comes from {@link DeploymentReads}, whose
 * model, certificate and authorization reads are public (their statements are in the public log), so every signed-in
 * role sees the same pages; a model that is not registered is a 404 as in the API. An item is
 * {@code <developer>~<model>} ('~' is in no actor's or model's id).
 */
final class ModelPages implements ConsolePages {
    static final String SEP = "~";
    private final DeploymentReads reads;

    ModelPages(DeploymentReads reads) {
        this.reads = reads;
    }

    @Override
    public String key() {
        return "models";
    }

    @Override
    public String label() {
        return "Models";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.values());
    }

    @Override
    public View index(Viewer v, Map<String, String> query) throws Rejection {
        // Each list counted, then only the page asked for read.
        View.Pages modelPages = View.Pages.of(query, "models-page", View.Pages.SIZE, reads.count("model"));
        View.Pages certificatePages = View.Pages.of(query, "certificates-page", View.Pages.SIZE, reads.count("certificate"));
        View.Pages authorizationPages = View.Pages.of(query, "authorizations-page", View.Pages.SIZE,
                reads.count("authorization_grant"));
        View.Pages evaluatorPages = View.Pages.of(query, "evaluators-page", View.Pages.SIZE, reads.count("evaluator"));
        List<List<Cell>> models = new ArrayList<>();
        for (JsonNode m : reads.models(modelPages.size(), modelPages.offset())) {
            String developer = m.path("developer").asText();
            String id = m.path("modelId").asText();
            models.add(List.of(Cell.link(m.path("name").asText(id), developer + SEP + id), Cell.of(developer),
                    Cell.of(m.path("trainingRun").isNull() || m.path("trainingRun").isMissingNode() ? "—"
                            : developer + "/" + m.path("trainingRun").asText()),
                    Cell.of(m.path("root").asText().substring(0, 16) + "…")));
        }
        List<View.Block> blocks = new ArrayList<>();
        blocks.add(new View.Text("Models are registered by their OpenSSF Model Signing root (a hash over every file of the"
                + " weights), evaluated by accredited evaluators, and authorized for deployment by the regulator."));
        blocks.add(new View.Table("models", "Registered models", List.of(new Column("Model", false),
                new Column("Developer", false), new Column("Training run", false), new Column("Root", false)),
                models, "No model is registered.", modelPages));
        blocks.add(certificates(reads.certificates(null, certificatePages.size(), certificatePages.offset()), true,
                certificatePages));
        blocks.add(authorizations(reads.authorizations(authorizationPages.size(), authorizationPages.offset()),
                authorizationPages));
        List<List<Cell>> evaluators = new ArrayList<>();
        for (JsonNode e : reads.evaluators(evaluatorPages.size(), evaluatorPages.offset())) {
            evaluators.add(List.of(Cell.of(e.path("evaluator").asText()), Cell.of(e.path("scope").asText()),
                    Cell.of(day(e.path("validUntil"), "no end")), e.path("withdrawn").asBoolean()
                            ? Cell.tag("withdrawn", "bad") : Cell.tag("accredited", "good")));
        }
        blocks.add(new View.Table("evaluators", "Accredited evaluators", List.of(new Column("Evaluator", false),
                new Column("Scope", false), new Column("Valid until", false), new Column("Standing", false)),
                evaluators, "No evaluator is accredited.", evaluatorPages));
        return new View("Models, evaluations and authorizations", "Models", blocks);
    }

    @Override
    public View item(Viewer v, String item, Map<String, String> query) throws Rejection {
        int at = item.indexOf(SEP);
        if (at <= 0) {
            throw Rejection.notFound("no model " + item, null);
        }
        String developer = item.substring(0, at);
        // The model with its lists counted, then only the page of each list asked for read.
        JsonNode m = reads.model(developer, item.substring(at + 1), false);
        String root = m.path("root").asText();
        View.Pages certificatePages = View.Pages.of(query, "certificates-page", View.Pages.SIZE,
                m.path("certificateCount").asLong());
        View.Pages authorizationPages = View.Pages.of(query, "authorizations-page", View.Pages.SIZE,
                m.path("authorizationCount").asLong());
        List<View.Block> blocks = new ArrayList<>();
        blocks.add(new View.Figures(List.of(
                new View.Figure("Training compute", m.has("trainingFlop") ? Shown.flop(m.path("trainingFlop").asDouble()) : "—",
                        m.path("trainingRun").isTextual() ? "run " + developer + "/" + m.path("trainingRun").asText() : "no run declared"),
                new View.Figure("Evaluation certificates", Long.toString(certificatePages.total()),
                        m.path("certificatesPassed").asLong() + " passed"),
                new View.Figure("Deployment authorizations", Long.toString(authorizationPages.total()),
                        m.path("authorizationsValid").asLong() + " valid"))));
        List<List<Cell>> facts = new ArrayList<>();
        facts.add(List.of(Cell.of("Developer"), Cell.of(developer)));
        facts.add(List.of(Cell.of("Root (OMS)"), Cell.of(m.path("root").asText())));
        facts.add(List.of(Cell.of("Base model"), Cell.of(m.path("baseModel").asText("—"))));
        facts.add(List.of(Cell.of("Log entry"), Cell.of(m.path("logIndex").asText())));
        blocks.add(new View.Table("model", "The model", List.of(new Column("Fact", false), new Column("Value", false)), facts, ""));
        blocks.add(certificates(reads.certificates(root, certificatePages.size(), certificatePages.offset()), false,
                certificatePages));
        blocks.add(authorizations(reads.authorizations(root, authorizationPages.size(), authorizationPages.offset()),
                authorizationPages));
        List<List<Cell>> notification = new ArrayList<>();
        for (JsonNode n : m.path("notification")) {
            Cell met = !n.has("met") ? Cell.of("—") : n.path("met").asBoolean() ? Cell.tag("met", "good") : Cell.tag("late", "bad");
            notification.add(List.of(Cell.of(n.path("name").asText(n.path("regime").asText())), Cell.of(n.path("why").asText()),
                    Cell.of(n.path("dueBy").asText(n.path("deadline").asText())), met, Cell.of(n.path("citation").asText())));
        }
        blocks.add(new View.Table("notification", "Notification regimes that apply", List.of(new Column("Regime", false),
                new Column("Why", false), new Column("Due", false), new Column("Met", false), new Column("Citation", false)),
                notification, "No notification regime applies to this model."));
        return new View(m.path("name").asText(), developer + " · model", blocks);
    }

    static View.Table certificates(JsonNode certs, boolean withRoot, View.Pages pages) {
        List<List<Cell>> rows = new ArrayList<>();
        for (JsonNode c : certs) {
            List<Cell> row = new ArrayList<>(List.of(Cell.of(c.path("evaluator").asText() + "/" + c.path("certId").asText()),
                    Cell.of(c.path("suite").asText() + " " + c.path("suiteVersion").asText()),
                    "passed".equals(c.path("verdict").asText()) ? Cell.tag("passed", "good") : Cell.tag(c.path("verdict").asText(), "bad"),
                    Cell.of(c.path("evaluatedOn").asText()), Cell.of(results(c.path("results")))));
            if (withRoot) {
                row.add(Cell.of(c.path("root").asText().substring(0, 16) + "…"));
            }
            rows.add(row);
        }
        List<Column> cols = new ArrayList<>(List.of(new Column("Certificate", false), new Column("Suite", false),
                new Column("Verdict", false), new Column("Evaluated", false), new Column("Results", false)));
        if (withRoot) {
            cols.add(new Column("Model root", false));
        }
        return new View.Table("certificates", "Evaluation certificates", cols, rows, "No evaluation certificate.", pages);
    }

    static View.Table authorizations(JsonNode auths, View.Pages pages) {
        List<List<Cell>> rows = new ArrayList<>();
        for (JsonNode a : auths) {
            String state = a.path("state").asText();
            rows.add(List.of(Cell.of(a.path("id").asText()), Cell.tag(state, "valid".equals(state) ? "good" : "bad"),
                    Cell.of(list(a.path("regions"))), Cell.of(list(a.path("providers"))),
                    Cell.of(day(a.path("validFrom"), "—") + " to " + day(a.path("validUntil"), "no end")),
                    Cell.of(a.path("reason").asText(""))));
        }
        return new View.Table("authorizations", "Deployment authorizations", List.of(new Column("Authorization", false),
                new Column("State", false), new Column("Regions", false), new Column("Providers", false),
                new Column("In force", false), new Column("Reason", false)), rows, "No deployment authorization.", pages);
    }

    static String day(JsonNode t, String none) {
        return t.isTextual() && t.asText().length() >= 10 ? t.asText().substring(0, 10) : none;
    }

    private static String list(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out.isEmpty() ? "any" : String.join(", ", out);
    }

    private static String results(JsonNode r) {
        List<String> out = new ArrayList<>();
        r.fields().forEachRemaining(e -> out.add(e.getKey() + " " + e.getValue().asText()));
        return String.join("; ", out);
    }
}
