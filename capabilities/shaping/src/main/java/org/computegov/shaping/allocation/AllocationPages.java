package org.computegov.shaping.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.computegov.registry.kernel.ConsolePages;
import org.computegov.registry.kernel.Json;
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
 * Allocations in the console, from {@link AllocationReads} only, so each viewer sees what the API answers it: calls
 * and resources (public), proposals (regulator and reviewers all, a researcher its own), awards with their draw-down
 * (regulator, the researcher, the providers of its resources). A reviewer scores a proposal here: the form's fields
 * become an {@code alloc-review} statement signed with the reviewer's own key, checked by the registry as any other.
 */
final class AllocationPages implements ConsolePages {
    /** At most this many points on a draw-down chart: each is one draw-down read. */
    private static final int CHART_POINTS = 40;
    private final AllocationReads reads;
    private final ReadStore store;
    private final Clock clock;

    AllocationPages(AllocationReads reads, ReadStore store, Clock clock) {
        this.reads = reads;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String key() {
        return "allocations";
    }

    @Override
    public String label() {
        return "Allocations";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.REGULATOR, Role.EVALUATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
    }

    private static boolean readsProposals(Viewer v) {
        return v.regulator() || v.is(Role.EVALUATOR) || v.is(Role.DEVELOPER);
    }

    private static boolean readsAwards(Viewer v) {
        return v.regulator() || v.is(Role.DEVELOPER) || v.is(Role.COMPUTE_PROVIDER);
    }

    @Override
    public View index(Viewer v, Map<String, String> query) throws Rejection {
        v.require("allocations", Role.REGULATOR, Role.EVALUATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        LocalDate today = today();
        List<View.Block> blocks = new ArrayList<>();
        List<List<Cell>> calls = new ArrayList<>();
        List<List<Cell>> resources = new ArrayList<>();
        for (JsonNode p : reads.programmes()) {
            for (JsonNode c : p.path("calls")) {
                boolean open = !today.isBefore(LocalDate.parse(c.path("opens").asText()))
                        && !today.isAfter(LocalDate.parse(c.path("closes").asText()));
                calls.add(List.of(Cell.of(c.path("id").asText()), Cell.of(p.path("name").asText()), Cell.of(c.path("title").asText()),
                        Cell.of(c.path("opens").asText() + " to " + c.path("closes").asText()), join(c.path("tiers")),
                        join(c.path("resources")), open ? Cell.tag("open", "good") : Cell.tag("closed", "warn")));
            }
            for (JsonNode r : p.path("resources")) {
                StringBuilder rates = new StringBuilder();
                r.path("rates").forEach(x -> rates.append(rates.length() == 0 ? "" : "; ").append(x.path("creditsPerGpuHour")
                        .asDouble()).append(" from ").append(x.path("effectiveFrom").asText()));
                resources.add(List.of(Cell.of(r.path("id").asText()), Cell.of(r.path("provider").asText()),
                        Cell.of(r.path("chip").asText() + " on " + r.path("cluster").asText()), Cell.of(rates.toString())));
            }
        }
        // Proposals and awards counted, then only the page asked for read (and, for awards, drawn down).
        View.Pages proposalPages = readsProposals(v)
                ? View.Pages.of(query, "proposals-page", View.Pages.SIZE, reads.proposalCount(v)) : null;
        View.Pages awardPages = readsAwards(v)
                ? View.Pages.of(query, "awards-page", View.Pages.SIZE, reads.awardCount(v)) : null;
        List<List<Cell>> proposals = new ArrayList<>();
        if (readsProposals(v)) {
            for (JsonNode p : reads.proposals(v, null, proposalPages.size(), proposalPages.offset())) {
                proposals.add(List.of(Cell.link(p.path("id").asText(), p.path("id").asText()), Cell.of(p.path("project").asText()),
                        Cell.of(p.path("researcher").asText()), Cell.of(p.path("tier").asText().toLowerCase(Locale.ROOT)),
                        Cell.of(credits(sum(p.path("requested")))), Cell.of(scores(p.path("reviews"))),
                        state(p.path("id").asText(), p.path("reviews").size())));
            }
        }
        List<List<Cell>> awards = new ArrayList<>();
        if (readsAwards(v)) {
            for (JsonNode a : reads.awards(v, today, awardPages.size(), awardPages.offset())) {
                double released = 0;
                double used = 0;
                for (JsonNode l : a.path("drawDown")) {
                    released += l.path("released").asDouble();
                    used += l.path("usedCredits").asDouble();
                }
                awards.add(List.of(Cell.link(a.path("award").asText(), a.path("award").asText()),
                        Cell.of(a.path("project").asText()), Cell.of(a.path("account").asText()), status(a.path("statusOn").asText()),
                        Cell.of(credits(released)), Cell.of(credits(used)), share(released <= 0 ? 0 : used / released)));
            }
        }
        blocks.add(new View.Figures(List.of(
                new View.Figure("Calls", Shown.count(calls.size()), calls.stream().filter(r -> r.get(6).text().equals("open"))
                        .count() + " open today"),
                new View.Figure("Proposals", readsProposals(v) ? Shown.count(proposalPages.total()) : "–",
                        readsProposals(v) ? (v.regulator() || v.is(Role.EVALUATOR) ? "all" : "yours") : "not yours to read"),
                new View.Figure("Awards", readsAwards(v) ? Shown.count(awardPages.total()) : "–",
                        readsAwards(v) ? "with their draw-down today" : "not yours to read"))));
        blocks.add(new View.Text("Programmes run calls with tiers (explore 400,000, discover 1,500,000, accelerate"
                + " 3,000,000 credits); providers offer GPU-hours at dated exchange rates; reviewers score proposals; the"
                + " regulator awards, releasing half at once and the rest after a progress report; the usage providers"
                + " report draws the awards down."));
        blocks.add(new View.Table("calls", "Calls", List.of(new Column("Call", false), new Column("Programme", false),
                new Column("Title", false), new Column("Open", false), new Column("Tiers", false),
                new Column("Resources", false), new Column("Today", false)), calls, "No calls yet."));
        blocks.add(new View.Table("resources", "Resources and their exchange rates (credits per GPU-hour)", List.of(
                new Column("Resource", false), new Column("Provider", false), new Column("Chips", false),
                new Column("Rates", false)), resources, "No resources offered yet."));
        if (readsProposals(v)) {
            blocks.add(new View.Table("proposals", "Proposals", List.of(new Column("Proposal", false),
                    new Column("Project", false), new Column("Researcher", false), new Column("Tier", false),
                    new Column("Requested", true), new Column("Scores", false), new Column("State", false)), proposals,
                    "No proposal you may read.", proposalPages));
        }
        if (readsAwards(v)) {
            blocks.add(new View.Table("awards", "Awards and their draw-down today", List.of(new Column("Award", false),
                    new Column("Project", false), new Column("Account", false), new Column("Status", false),
                    new Column("Released", true), new Column("Used", true), new Column("Used of released", true)), awards,
                    "No award you may read.", awardPages));
        }
        return new View(v.regulator() ? "Compute allocations" : "Your allocations", "Allocations", blocks);
    }

    @Override
    public View item(Viewer v, String id, Map<String, String> query) throws Rejection {
        v.require("allocations", Role.REGULATOR, Role.EVALUATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        boolean award = store.get(h -> h.createQuery("SELECT count(*) FROM alloc_award WHERE id = :id").bind("id", id)
                .mapTo(Long.class).one() > 0);
        List<View.Block> recorded = new ArrayList<>(); // the console adds "Recorded: …" after a form's statement
        if (award && readsAwards(v)) {
            return awardView(v, id, recorded, query);
        }
        if (readsProposals(v)) {
            for (JsonNode p : reads.proposals(v, id, 1, 0)) {
                return proposalView(v, p, recorded);
            }
        }
        throw Rejection.notFound("no proposal or award " + id + " you may read", null);
    }

    private View proposalView(Viewer v, JsonNode p, List<View.Block> blocks) {
        String id = p.path("id").asText();
        blocks.add(new View.Figures(List.of(
                new View.Figure("Requested", credits(sum(p.path("requested"))), p.path("tier").asText().toLowerCase(Locale.ROOT)
                        + " tier"),
                new View.Figure("Reviews", Shown.count(p.path("reviews").size()), scores(p.path("reviews"))),
                new View.Figure("State", state(id, p.path("reviews").size()).text(), "submitted " + p.path("submitted").asText()))));
        List<List<Cell>> terms = new ArrayList<>();
        terms.add(List.of(Cell.of("Project"), Cell.of(p.path("project").asText())));
        terms.add(List.of(Cell.of("Principal investigator"), Cell.of(p.path("piName").asText() + " (ORCID "
                + p.path("piOrcid").asText() + ")")));
        terms.add(List.of(Cell.of("Field"), Cell.of(p.path("field").asText())));
        terms.add(List.of(Cell.of("Call"), Cell.of(p.path("call").asText())));
        terms.add(List.of(Cell.of("Researcher"), Cell.of(p.path("researcher").asText())));
        p.path("requested").fields().forEachRemaining(e -> terms.add(List.of(Cell.of("Requested on " + e.getKey()),
                Cell.of(credits(e.getValue().asDouble())))));
        terms.add(List.of(Cell.of("Justification"), Cell.of(p.path("justification").asText())));
        blocks.add(new View.Table("proposal", "The proposal", List.of(new Column("", false), new Column("", false)), terms, ""));
        List<List<Cell>> reviews = new ArrayList<>();
        boolean reviewedByMe = false;
        for (JsonNode r : p.path("reviews")) {
            reviewedByMe |= r.path("reviewer").asText().equals(v.id());
            reviews.add(List.of(Cell.of(r.has("reviewer") ? r.path("reviewer").asText() : "a reviewer"),
                    Cell.of(r.path("score").asText() + " of 5"), Cell.of(credits(sum(r.path("recommended")))),
                    Cell.of(r.path("comments").asText())));
        }
        blocks.add(new View.Table("reviews", "Reviews", List.of(new Column("Reviewer", false), new Column("Score", true),
                new Column("Recommended", true), new Column("Comments", false)), reviews, "No reviews yet."));
        if (v.is(Role.EVALUATOR) && !reviewedByMe && !decided(id)) {
            List<View.Field> fields = new ArrayList<>();
            fields.add(new View.Field("score", "Score (1 to 5)", "5 is the strongest.", "number", null));
            p.path("requested").fields().forEachRemaining(e -> fields.add(new View.Field("recommended." + e.getKey(),
                    "Credits you recommend on " + e.getKey(), "Requested: " + credits(e.getValue().asDouble()) + ".",
                    "number", Long.toString(e.getValue().asLong()))));
            fields.add(new View.Field("comments", "Comments", "Seen by the regulator and, without your name, the researcher.",
                    "textarea", null));
            blocks.add(new View.Form("review", "Review this proposal", id, "review", fields, "Sign and submit the review"));
        }
        return new View("Proposal " + id, p.path("researcher").asText() + " · proposal", blocks);
    }

    private View awardView(Viewer v, String id, List<View.Block> blocks, Map<String, String> query) throws Rejection {
        LocalDate today = today();
        JsonNode a = reads.award(v, id, today);
        double awarded = 0;
        double released = 0;
        double used = 0;
        double hours = 0;
        for (JsonNode l : a.path("drawDown")) {
            awarded += l.path("awarded").asDouble();
            released += l.path("released").asDouble();
            used += l.path("usedCredits").asDouble();
            hours += l.path("usedGpuHours").asDouble();
        }
        blocks.add(new View.Figures(List.of(
                new View.Figure("Status", a.path("statusOn").asText().toLowerCase(Locale.ROOT).replace('_', ' '),
                        a.path("start").asText() + " to " + a.path("end").asText()),
                new View.Figure("Awarded", credits(awarded), a.path("progressAccepted").asBoolean() ? "all released"
                        : "half released until the progress report is accepted"),
                new View.Figure("Used", credits(used), Shown.count(hours) + " GPU-hours; " + Shown.percent(released <= 0 ? 0
                        : used / released) + " of released"))));
        blocks.add(new View.Meter("draw-down", "The award's credits: used by the account's reported usage, still"
                + " available of the released half (or all), and not yet released.", awarded, List.of(
                        new View.Part("Used", Math.min(used, awarded), credits(used), used > released ? "over" : "used"),
                        new View.Part("Available", Math.max(0, released - used), credits(Math.max(0, released - used)), "free"),
                        new View.Part("Not yet released", awarded - released, credits(awarded - released), "later"))));
        blocks.add(new View.Heading("Draw-down over time"));
        LocalDate start = LocalDate.parse(a.path("start").asText());
        LocalDate last = today.isBefore(LocalDate.parse(a.path("end").asText())) ? today : LocalDate.parse(a.path("end").asText());
        List<double[]> points = new ArrayList<>();
        if (!last.isBefore(start)) {
            long days = ChronoUnit.DAYS.between(start, last);
            long step = Math.max(1, (days + CHART_POINTS - 1) / CHART_POINTS);
            for (long d = 0; d <= days; d += step) {
                points.add(point(v, id, start.plusDays(d)));
            }
            if (days % step != 0) {
                points.add(point(v, id, last));
            }
        }
        blocks.add(new View.Chart("draw-down-chart", "Credits used by the award's account, day by day (usage charged at"
                + " the exchange rate in force on the day it ran), against the credits released and awarded.", true, false,
                "credits", List.of(new View.Series("Credits used", points, false)), List.of(
                        new View.Line("Released (" + credits(released) + ")", released),
                        new View.Line("Awarded (" + credits(awarded) + ")", awarded))));
        List<List<Cell>> lines = new ArrayList<>();
        for (JsonNode l : a.path("drawDown")) {
            lines.add(List.of(Cell.of(l.path("resource").asText()), Cell.of(credits(l.path("awarded").asDouble())),
                    Cell.of(credits(l.path("released").asDouble())), Cell.of(credits(l.path("usedCredits").asDouble())),
                    Cell.of(Shown.count(l.path("usedGpuHours").asDouble())),
                    Cell.of(Shown.count(l.path("remainingGpuHours").asDouble())),
                    l.path("overdrawn").asBoolean() ? Cell.tag("overdrawn", "bad") : Cell.tag("within", "good")));
        }
        blocks.add(new View.Table("lines", "Per resource", List.of(new Column("Resource", false), new Column("Awarded", true),
                new Column("Released", true), new Column("Used (credits)", true), new Column("Used (GPU-hours)", true),
                new Column("Remaining (GPU-hours)", true), new Column("State", false)), lines, "No resources."));
        // The draw-down weighs every usage record of the account (that is what it is), so the records it did not
        // charge are all in hand: shown a page at a time, not all drawn.
        JsonNode uncharged = a.path("refused");
        View.Pages refusedPages = View.Pages.of(query, "refused-page", View.Pages.SIZE, uncharged.size());
        List<List<Cell>> refused = new ArrayList<>();
        for (long i = refusedPages.offset(); i < Math.min(uncharged.size(), refusedPages.offset() + refusedPages.size()); i++) {
            JsonNode r = uncharged.get((int) i);
            refused.add(List.of(Cell.of(r.path("recordId").asText()), Cell.of(r.path("reason").asText())));
        }
        blocks.add(new View.Table("refused", "Usage not charged to the award", List.of(new Column("Record", false),
                new Column("Why", false)), refused, "Every usage record of the account in the period was charged.",
                refusedPages));
        List<List<Cell>> reports = new ArrayList<>();
        a.path("reports").forEach(r -> reports.add(List.of(Cell.of(r.path("day").asText()), Cell.of(r.path("summary").asText()),
                r.path("acceptedAt").isNull() || r.path("acceptedAt").isMissingNode() ? Cell.tag("awaiting", "warn")
                        : Cell.tag("accepted", "good"))));
        blocks.add(new View.Table("reports", "Progress reports", List.of(new Column("Day", false), new Column("Summary", false),
                new Column("State", false)), reports, "No progress report yet."));
        return new View("Award " + id, a.path("researcher").asText() + " · award", blocks);
    }

    private double[] point(Viewer v, String id, LocalDate day) throws Rejection {
        double used = 0;
        for (JsonNode l : reads.award(v, id, day).path("drawDown")) {
            used += l.path("usedCredits").asDouble();
        }
        return new double[] {day.atStartOfDay(ZoneOffset.UTC).toEpochSecond(), used};
    }

    @Override
    public Submission act(Viewer v, String item, String action, Map<String, String> form, StatementWriter signer)
            throws Rejection {
        if (!action.equals("review")) {
            throw Rejection.notFound("no action " + action + " on proposals", null);
        }
        v.require("reviewing proposals", Role.EVALUATOR);
        var body = Json.object().put("proposal", item);
        String score = form.getOrDefault("score", "");
        if (!score.matches("[1-5]")) {
            throw Rejection.badInput("Score must be a whole number from 1 to 5, got '" + score + "'", "score", null);
        }
        body.put("score", Integer.parseInt(score));
        var recommended = body.putObject("recommended");
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (e.getKey().startsWith("recommended.")) {
                String resource = e.getKey().substring("recommended.".length());
                try {
                    double c = Double.parseDouble(e.getValue().replace(",", ""));
                    if (!(c >= 0) || Double.isInfinite(c)) {
                        throw new NumberFormatException();
                    }
                    recommended.put(resource, c);
                } catch (NumberFormatException bad) {
                    throw Rejection.badInput("Credits recommended on " + resource + " must be a number of credits (0 or"
                            + " more), got '" + e.getValue() + "'", e.getKey(), null);
                }
            }
        }
        if (form.containsKey("comments")) {
            body.put("comments", form.get("comments"));
        }
        return AllocationStatements.review(signer, body);
    }

    private boolean decided(String proposal) {
        return store.get(h -> h.createQuery("SELECT count(*) FROM alloc_award WHERE proposal = :p").bind("p", proposal)
                .mapTo(Long.class).one() > 0);
    }

    private Cell state(String proposal, int reviews) {
        return decided(proposal) ? Cell.tag("awarded", "good") : reviews > 0 ? Cell.tag("reviewed", "warn")
                : Cell.tag("awaiting review", "warn");
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static double sum(JsonNode amounts) {
        double s = 0;
        for (JsonNode x : amounts) {
            s += x.asDouble();
        }
        return s;
    }

    private static String scores(JsonNode reviews) {
        if (reviews.isEmpty()) {
            return "none yet";
        }
        StringBuilder sb = new StringBuilder();
        reviews.forEach(r -> sb.append(sb.length() == 0 ? "" : ", ").append(r.path("score").asInt()));
        return sb + " of 5";
    }

    private static Cell join(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(x -> out.add(x.asText().toLowerCase(Locale.ROOT)));
        return Cell.of(String.join(", ", out));
    }

    private static Cell status(String s) {
        return Cell.tag(s.toLowerCase(Locale.ROOT).replace('_', ' '), s.equals("ACTIVE") ? "good" : "warn");
    }

    private static Cell share(double share) {
        return share >= 1 ? Cell.tag(Shown.percent(share), "bad") : share >= 0.8 ? Cell.tag(Shown.percent(share), "warn")
                : Cell.of(Shown.percent(share));
    }

    static String credits(double c) {
        return String.format(Locale.ROOT, "%,.0f", c) + " credits";
    }
}
