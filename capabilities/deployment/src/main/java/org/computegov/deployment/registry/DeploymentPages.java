package org.computegov.deployment.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
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
 * Deployments in the console: where models are served, incidents filed against them, corrective orders with their
 * deadlines and standing (open, acknowledged, complied, overdue with its escalation level), and the off switches with
 * their k-of-n votes; a deployment's page walks its attribution (deployment → deployer → model → developer → training
 * run → the providers whose compute trained it). The same reads as the API with the signed-in viewer: orders only for
 * the regulator and the provider addressed (anyone else's request is refused there, so the table is not drawn), the
 * deployer's KYC identity only for the regulator. An item is {@code <provider>~<deployment>}.
 */
final class DeploymentPages implements ConsolePages {
    private final DeploymentReads reads;
    private final Clock clock;

    DeploymentPages(DeploymentReads reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    @Override
    public String key() {
        return "deployments";
    }

    @Override
    public String label() {
        return "Deployments";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.values());
    }

    /** Whether the orders read answers this viewer (the API's rule: the regulator, or a provider for its own). */
    static boolean seesOrders(Viewer v) {
        return v.regulator() || v.is(Role.COMPUTE_PROVIDER);
    }

    @Override
    public View index(Viewer v, Map<String, String> query) throws Rejection {
        // Every list is counted, then only the page asked for is read: the page costs the same at any size.
        List<View.Block> blocks = new ArrayList<>();
        View.Pages deploymentPages = View.Pages.of(query, "deployments-page", View.Pages.SIZE, reads.count("deployment"));
        View.Pages incidentPages = View.Pages.of(query, "incidents-page", View.Pages.SIZE, reads.count("incident"));
        View.Pages switchPages = View.Pages.of(query, "switches-page", View.Pages.SIZE, reads.count("off_switch"));
        long[] orderCounts = seesOrders(v) ? reads.orderCounts(v, clock.instant(), null, null) : new long[] {0, 0};
        blocks.add(new View.Figures(List.of(
                new View.Figure("Deployments", Shown.count(deploymentPages.total()), "endpoints serving registered models"),
                new View.Figure("Incidents", Shown.count(incidentPages.total()), "filed against deployments"),
                new View.Figure("Corrective orders", seesOrders(v) ? Shown.count(orderCounts[0]) : "—",
                        seesOrders(v) ? orderCounts[1] + " overdue" : "for the regulator and the providers addressed"),
                new View.Figure("Off switches", Shown.count(switchPages.total()), reads.haltedSwitches() + " halted"))));
        List<List<Cell>> rows = new ArrayList<>();
        for (JsonNode d : reads.deployments(deploymentPages.size(), deploymentPages.offset())) {
            String provider = d.path("provider").asText();
            String id = d.path("deploymentId").asText();
            rows.add(List.of(Cell.link(provider + "/" + id, provider + ModelPages.SEP + id), Cell.of(d.path("model").asText("—")),
                    Cell.of(d.path("deployer").asText()), Cell.of(d.path("region").asText()),
                    Cell.of(d.path("authorizationId").asText("none")), Cell.of(d.path("endpoint").asText())));
        }
        blocks.add(new View.Table("deployments", "Deployments", List.of(new Column("Deployment", false),
                new Column("Model", false), new Column("Deployer (account)", false), new Column("Region", false),
                new Column("Authorization", false), new Column("Endpoint", false)), rows, "Nothing is deployed.",
                deploymentPages));
        blocks.add(incidents(reads.incidents(incidentPages.size(), incidentPages.offset()), true, incidentPages));
        if (seesOrders(v)) {
            View.Pages orderPages = View.Pages.of(query, "orders-page", View.Pages.SIZE, orderCounts[0]);
            blocks.add(orders(reads.orders(v, clock.instant(), null, null, orderPages.size(), orderPages.offset()), orderPages));
        }
        List<List<Cell>> sw = new ArrayList<>();
        for (JsonNode s : reads.switches(switchPages.size(), switchPages.offset())) {
            JsonNode status = reads.switchStatus(s.path("id").asText());
            List<String> voted = new ArrayList<>();
            status.path("votesThisEpoch").forEach(x -> voted.add(x.path("holder").asText() + " (" + x.path("action").asText() + ")"));
            String state = s.path("status").asText();
            sw.add(List.of(Cell.of(s.path("id").asText()), Cell.of(s.path("owner").asText()),
                    Cell.tag(state, "running".equals(state) ? "good" : "bad"),
                    Cell.of(s.path("threshold").asInt() + " of " + s.path("holders").size()),
                    Cell.of(voted.isEmpty() ? "none" : String.join(", ", voted)),
                    Cell.of(status.path("votesNeeded").asInt() + " more to " + status.path("pendingAction").asText()),
                    Cell.of(list(s.path("holders")))));
        }
        blocks.add(new View.Table("switches", "Off switches (k of n key holders)", List.of(new Column("Switch", false),
                new Column("Owner", false), new Column("Status", false), new Column("Needs", false),
                new Column("Votes this epoch", false), new Column("To flip", false), new Column("Holders", false)),
                sw, "No off switch is registered.", switchPages));
        return new View("Deployments, incidents and orders", "Deployments", blocks);
    }

    @Override
    public View item(Viewer v, String item, Map<String, String> query) throws Rejection {
        int at = item.indexOf(ModelPages.SEP);
        if (at <= 0) {
            throw Rejection.notFound("no deployment " + item, null);
        }
        String provider = item.substring(0, at);
        String id = item.substring(at + 1);
        JsonNode a = reads.attribution(v, provider, id, false);
        JsonNode d = a.path("deployment");
        JsonNode model = a.path("model");
        JsonNode deployer = a.path("deployer");
        List<List<Cell>> chain = new ArrayList<>();
        chain.add(List.of(Cell.of("Deployment"), Cell.of(provider + "/" + id + " at " + d.path("endpoint").asText()
                + " (" + d.path("region").asText() + ", authorization " + d.path("authorizationId").asText("none") + ")")));
        String who = deployer.path("customerId").asText() + " at " + provider;
        if (deployer.has("kyc") && deployer.path("kyc").isObject()) {
            JsonNode k = deployer.path("kyc");
            who += ": " + k.path("legalName").asText() + " (" + k.path("country").asText() + "), KYC "
                    + k.path("verificationState").asText() + ", risk " + k.path("riskRating").asText();
        }
        chain.add(List.of(Cell.of("Deployer"), Cell.of(who)));
        chain.add(List.of(Cell.of("Model"), Cell.of(model.path("name").asText() + " (root "
                + model.path("root").asText().substring(0, 16) + "…)")));
        chain.add(List.of(Cell.of("Developer"), Cell.of(a.path("developer").asText())));
        JsonNode run = a.path("trainingRun");
        chain.add(List.of(Cell.of("Training run"), Cell.of(run.isObject() ? a.path("developer").asText() + "/"
                + run.path("runId").asText() + (run.has("name") ? " — " + run.path("name").asText() : "") : "none declared")));
        List<String> providers = new ArrayList<>();
        for (JsonNode p : a.path("trainingProviders")) {
            providers.add(p.path("provider").asText() + ": " + Shown.flop(p.path("flop").asDouble()) + " in "
                    + Shown.count(p.path("records").asDouble()) + " usage records");
        }
        chain.add(List.of(Cell.of("Compute providers"), Cell.of(providers.isEmpty() ? "no usage attributed" : String.join("; ", providers))));
        List<View.Block> blocks = new ArrayList<>();
        blocks.add(new View.Text(v.regulator() ? "Attribution as the regulator sees it, with the deployer's KYC identity."
                : "Attribution as the public log shows it; the deployer's KYC identity is for the regulator only."));
        blocks.add(new View.Table("attribution", "Attribution: from the deployment to the compute that trained the model",
                List.of(new Column("Link", false), new Column("Who or what", false)), chain, ""));
        // The deployment's own incidents and orders, a page at a time (attribution's incident list is the API's).
        View.Pages incidentPages = View.Pages.of(query, "incidents-page", View.Pages.SIZE, reads.incidentCount(provider, id));
        blocks.add(incidents(reads.incidents(provider, id, incidentPages.size(), incidentPages.offset()), false, incidentPages));
        if (seesOrders(v)) {
            View.Pages orderPages = View.Pages.of(query, "orders-page", View.Pages.SIZE,
                    reads.orderCounts(v, clock.instant(), provider, id)[0]);
            blocks.add(orders(reads.orders(v, clock.instant(), provider, id, orderPages.size(), orderPages.offset()),
                    orderPages));
        }
        return new View("Deployment " + provider + "/" + id, provider + " · deployment", blocks);
    }

    private static View.Table incidents(JsonNode incidents, boolean withDeployment, View.Pages pages) {
        List<List<Cell>> rows = new ArrayList<>();
        for (JsonNode i : incidents) {
            String severity = i.path("severity").asText();
            List<Cell> row = new ArrayList<>(List.of(Cell.of(i.path("filer").asText() + "/" + i.path("incidentId").asText()),
                    Cell.tag(severity, "high".equals(severity) || "critical".equals(severity) ? "bad" : "warn"),
                    Cell.of(ModelPages.day(i.path("occurredAt"), "—")), Cell.of(i.path("description").asText())));
            if (withDeployment) {
                String dep = i.path("deployment").asText();
                row.add(1, Cell.link(dep, dep.replaceFirst("/", ModelPages.SEP)));
            }
            rows.add(row);
        }
        List<Column> cols = new ArrayList<>(List.of(new Column("Incident", false), new Column("Severity", false),
                new Column("Occurred", false), new Column("What happened", false)));
        if (withDeployment) {
            cols.add(1, new Column("Deployment", false));
        }
        return new View.Table("incidents", "Incidents", cols, rows, "No incident is filed.", pages);
    }

    private static View.Table orders(JsonNode orders, View.Pages pages) {
        List<List<Cell>> rows = new ArrayList<>();
        for (JsonNode o : orders) {
            String standing = o.path("standing").asText();
            String tone = switch (standing) {
                case "complied" -> "good";
                case "overdue", "complied_late" -> "bad";
                default -> "warn";
            };
            int level = o.path("escalation").asInt();
            rows.add(List.of(Cell.of(o.path("id").asText()), Cell.of(o.path("provider").asText() + "/" + o.path("deploymentId").asText()),
                    Cell.of(o.path("measure").asText()), Cell.of(time(o.path("ackBy"))), Cell.of(time(o.path("complyBy"))),
                    Cell.tag(standing.replace('_', ' ') + (level > 0 ? ", escalated to level " + level : ""), tone),
                    Cell.of(o.path("explanation").asText())));
        }
        return new View.Table("orders", "Corrective orders and their deadlines", List.of(new Column("Order", false),
                new Column("Deployment", false), new Column("Measure", false), new Column("Acknowledge by", false),
                new Column("Comply by", false), new Column("Standing", false), new Column("Explanation", false)),
                rows, "No corrective order.", pages);
    }

    private static String time(JsonNode t) {
        return t.isTextual() && t.asText().length() >= 16 ? t.asText().substring(0, 16).replace('T', ' ') + " UTC" : "—";
    }

    private static String list(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return String.join(", ", out);
    }
}
