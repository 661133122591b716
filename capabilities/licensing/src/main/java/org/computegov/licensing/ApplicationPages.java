package org.computegov.licensing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.computegov.registry.kernel.ConsolePages;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Shown;
import org.computegov.registry.kernel.View;
import org.computegov.registry.kernel.View.Cell;
import org.computegov.registry.kernel.View.Column;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;

/**
 * Licence applications in the console: the regulator sees every application, those awaiting a decision first, and
 * decides from an application's page (approve with conditions, ask for changes, deny, each with reasons) — a signed
 * {@code licence-decision} that goes through the registry like any other; a developer sees its own applications and
 * the decisions on them. Applications are sealed: nobody else reads them, here as in the API.
 */
final class ApplicationPages implements ConsolePages {
    private static final String SUBMITTED = "submitted";
    private final LicensingReads reads;
    private final ReadStore store;

    ApplicationPages(LicensingReads reads, ReadStore store) {
        this.reads = reads;
        this.store = store;
    }

    @Override
    public String key() {
        return "applications";
    }

    @Override
    public String label() {
        return "Applications";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.REGULATOR, Role.DEVELOPER);
    }

    @Override
    public View index(Viewer v, Map<String, String> query) throws Rejection {
        v.require("licence applications", Role.REGULATOR, Role.DEVELOPER);
        String dev = v.regulator() ? null : v.id();
        long waiting = store.get(h -> h.createQuery("SELECT count(*) FROM licence_application WHERE state = 'submitted'"
                + " AND (CAST(:d AS text) IS NULL OR developer = :d)").bind("d", dev).mapTo(Long.class).one());
        long total = store.get(h -> h.createQuery("SELECT count(*) FROM licence_application WHERE CAST(:d AS text) IS NULL"
                + " OR developer = :d").bind("d", dev).mapTo(Long.class).one());
        View.Pages pages = View.Pages.of(query, "page", View.Pages.SIZE, total);
        List<List<Cell>> rows = store.get(h -> h.createQuery("""
                SELECT developer, application_id, run, planned_flop, chip, chip_count, version, state, licence_id, log_index
                FROM licence_application WHERE CAST(:d AS text) IS NULL OR developer = :d
                ORDER BY state = 'submitted' DESC, log_index DESC LIMIT :limit OFFSET :offset""")
                .bind("d", dev).bind("limit", pages.size()).bind("offset", pages.offset())
                .map((rs, c) -> List.of(Cell.link(rs.getString(1) + "/" + rs.getString(2), rs.getString(1) + "~" + rs.getString(2)),
                        Cell.of(rs.getString(3)), Cell.of(Shown.flop(new BigDecimal(rs.getString(4)).doubleValue())),
                        Cell.of(String.format(java.util.Locale.ROOT, "%,d %s", rs.getInt(6), rs.getString(5))),
                        Cell.of(Integer.toString(rs.getInt(7))), state(rs.getString(8)),
                        Cell.of(rs.getString(9) == null ? "—" : rs.getString(9)), Cell.entry(rs.getLong(10)))).list());
        List<View.Block> blocks = new ArrayList<>();
        blocks.add(new View.Text("A developer applies before training a run that a licensing regime covers: planned compute"
                + " with the estimate behind it, chips, clusters, schedule and a safety case. The regulator approves with"
                + " conditions, asks for changes or denies, with reasons; an approved application is then licensed."));
        blocks.add(new View.Figures(List.of(new View.Figure("Awaiting a decision", Long.toString(waiting),
                v.regulator() ? "applications submitted and not yet decided" : "of your applications"),
                new View.Figure("Applications", Long.toString(total), v.regulator() ? "in all" : "yours"))));
        blocks.add(new View.Table("applications", "Applications, those awaiting a decision first", List.of(
                new Column("Application", false), new Column("Run", false), new Column("Planned compute", true),
                new Column("Chips", true), new Column("Version", true), new Column("State", false),
                new Column("Licence", false), new Column("Log entry", false)), rows,
                v.regulator() ? "No application yet." : "You have not applied for a licence.", pages));
        return new View(v.regulator() ? "Licence applications" : "Your licence applications", "Licences", blocks);
    }

    @Override
    public View item(Viewer v, String item, Map<String, String> query) throws Rejection {
        String[] id = split(item);
        JsonNode a = reads.application(v, id[0], id[1]); // the API's read: 404 for anyone but the developer and regulator
        List<View.Block> blocks = new ArrayList<>();
        blocks.add(new View.Figures(List.of(
                new View.Figure("State", a.path("state").asText(), "version " + a.path("version").asInt()),
                new View.Figure("Planned compute", Shown.flop(new BigDecimal(a.path("plannedFlop").asText()).doubleValue()),
                        a.has("architectureFlop") ? "estimate 6 × parameters × tokens: "
                                + Shown.flop(a.path("architectureFlop").asDouble()) : "no architecture estimate given"),
                new View.Figure("Chips", String.format(java.util.Locale.ROOT, "%,d %s", a.path("chips").path("count").asInt(),
                        a.path("chips").path("type").asText()), "at most " + Shown.flop(a.path("hardwareFlop").asDouble())
                        + " over the schedule"))));
        blocks.add(new View.Text(capitalized(a.path("regimeMessage").asText()) + "."));
        List<List<Cell>> terms = new ArrayList<>();
        terms.add(List.of(Cell.of("Run"), Cell.of(a.path("run").asText())));
        terms.add(List.of(Cell.of("Clusters"), Cell.of(join(a.path("clusters")))));
        terms.add(List.of(Cell.of("Schedule"), Cell.of(a.path("schedule").path("start").asText().substring(0, 10) + " to "
                + a.path("schedule").path("end").asText().substring(0, 10))));
        a.path("safetyCase").fields().forEachRemaining(e -> terms.add(List.of(Cell.of(safetyLabel(e.getKey())),
                Cell.of(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()))));
        terms.add(List.of(Cell.of("Submitted"), Cell.entry(a.path("logIndex").asLong())));
        blocks.add(new View.Table("application", "What the developer applied for", List.of(new Column("Item", false),
                new Column("Value", false)), terms, ""));
        String state = a.path("state").asText();
        if (!state.equals(SUBMITTED)) {
            List<List<Cell>> decision = new ArrayList<>();
            decision.add(List.of(Cell.of("Outcome"), state(state)));
            decision.add(List.of(Cell.of("Reasons"), Cell.of(a.path("reasons").isEmpty() ? "—" : join(a.path("reasons")))));
            decision.add(List.of(Cell.of("Conditions"), Cell.of(a.path("conditions").isEmpty() ? "—" : join(a.path("conditions")))));
            if (a.has("licence")) {
                decision.add(List.of(Cell.of("Licence"), Cell.of(a.path("licence").asText())));
            }
            blocks.add(new View.Table("decision", "The regulator's decision", List.of(new Column("Item", false),
                    new Column("Value", false)), decision, ""));
        } else if (v.regulator()) {
            String app = id[0] + "/" + id[1];
            View.Field reasons = new View.Field("reasons", "Reasons", "One a line; the developer reads them.", "textarea", null);
            blocks.add(new View.Form("approve", "Approve", item, "approve", List.of(new View.Field("conditions",
                    "Conditions", "One a line, e.g. monthly evaluation reports. The licence is issued separately.", "textarea",
                    null), reasons), "Sign and approve " + app));
            blocks.add(new View.Form("request-changes", "Ask for changes", item, "request-changes", List.of(reasons),
                    "Sign and ask for changes"));
            blocks.add(new View.Form("deny", "Deny", item, "deny", List.of(reasons), "Sign and deny " + app));
        } else {
            blocks.add(new View.Text("Awaiting the regulator's decision."));
        }
        return new View("Application " + id[0] + "/" + id[1], id[0] + " · licence application", blocks);
    }

    @Override
    public Submission act(Viewer v, String item, String action, Map<String, String> form, StatementWriter signer)
            throws Rejection {
        if (!Set.of("approve", "request-changes", "deny").contains(action)) {
            throw Rejection.notFound("no action " + action + " on applications", null);
        }
        v.require("deciding licence applications", Role.REGULATOR);
        String[] id = split(item);
        List<String> reasons = lines(form.get("reasons"));
        List<String> conditions = action.equals("approve") ? lines(form.get("conditions")) : List.of();
        if (!action.equals("approve") && reasons.isEmpty()) {
            throw Rejection.badInput("Give the reasons for the decision, one a line: the developer needs them to change"
                    + " or understand the application", "reasons", null);
        }
        // The kind checks the rest (the application exists and awaits a decision, sizes) as for any client.
        return LicensingStatements.decision(signer, id[0] + "/" + id[1], action, reasons, conditions);
    }

    private static String[] split(String item) throws Rejection {
        String[] id = item.split("~", -1);
        if (id.length != 2 || id[0].isEmpty() || id[1].isEmpty()) {
            throw Rejection.notFound("no application " + item, null);
        }
        return id;
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\r?\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Items as one line: sentences side by side, phrases separated by semicolons. */
    private static String join(JsonNode list) {
        StringBuilder out = new StringBuilder();
        for (JsonNode x : list) {
            if (out.length() > 0) {
                out.append(".!?".indexOf(out.charAt(out.length() - 1)) >= 0 ? " " : "; ");
            }
            out.append(x.asText());
        }
        return out.toString();
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String safetyLabel(String key) {
        return switch (key) {
            case "riskFramework" -> "Risk-management framework";
            case "evaluationPlan" -> "Evaluation plan";
            case "securityLevel" -> "Security level";
            case "responsibleOfficer" -> "Responsible officer";
            default -> key;
        };
    }

    private static Cell state(String state) {
        return switch (state) {
            case SUBMITTED -> Cell.tag("awaiting decision", "warn");
            case "approved" -> Cell.tag("approved", "good");
            case "denied" -> Cell.tag("denied", "bad");
            default -> Cell.tag(state, "warn");
        };
    }
}
