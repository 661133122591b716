package org.computegov.licensing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.computegov.licensing.admission.LicenceSource;
import org.computegov.licensing.admission.LicenceState;
import org.computegov.licensing.budget.BudgetSnapshot;
import org.computegov.licensing.budget.Tranche;
import org.computegov.registry.kernel.ConsolePages;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Shown;
import org.computegov.registry.kernel.View;
import org.computegov.registry.kernel.View.Cell;
import org.computegov.registry.kernel.View.Column;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;

/**
 * Licences in the console: the list a viewer may read and each licence's budget burn-down (used, held and available
 * of the released budget, and the tranches still to come). Who sees a licence is {@link #visible}, the rule
 * {@code GET /api/v1/licences/{id}} applies: the regulator, the licensed developer, and providers whose clusters it
 * names; anyone else is told it does not exist.
 */
final class LicencePages implements ConsolePages {
    private final RegistryLicences licences;
    private final ReadStore store;

    LicencePages(RegistryLicences licences, ReadStore store) {
        this.licences = licences;
        this.store = store;
    }

    /** {@link #visible} for a viewer other than the regulator, over a licence row (its terms as LicenceJson wrote them). */
    private static final String VISIBLE = "developer = :me OR EXISTS (SELECT 1 FROM jsonb_array_elements_text("
            + "CAST(terms AS jsonb) -> 'clusters') AS c(cluster) WHERE starts_with(c.cluster, :me || '/'))";

    static boolean visible(Viewer v, LicenceState s) {
        String id = v.id();
        return v.regulator() || s.licence().developer().equals(id)
                || s.licence().clusters().stream().anyMatch(c -> c.startsWith(id + "/"));
    }

    @Override
    public String key() {
        return "licences";
    }

    @Override
    public String label() {
        return "Licences";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
    }

    @Override
    public View index(Viewer v, Map<String, String> query) throws Rejection {
        v.require("licences", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        // The licences this viewer may read, counted and then read a page at a time in SQL: the regulator every one,
        // a developer its own, a provider those whose clusters name it ({@link #visible}, said over the stored terms).
        String where = v.regulator() ? "CAST(:me AS text) IS NOT NULL OR true" : VISIBLE;
        long total = store.get(h -> h.createQuery("SELECT count(*) FROM licence WHERE " + where).bind("me", v.id())
                .mapTo(Long.class).one());
        View.Pages pages = View.Pages.of(query, "page", View.Pages.SIZE, total);
        List<String> ids = store.get(h -> h.createQuery("SELECT id FROM licence WHERE " + where
                + " ORDER BY id LIMIT :limit OFFSET :offset").bind("me", v.id()).bind("limit", pages.size())
                .bind("offset", pages.offset()).mapTo(String.class).list());
        List<List<Cell>> rows = new ArrayList<>();
        for (String id : ids) {
            LicenceState s = find(id);
            if (s == null || !visible(v, s)) {
                continue;
            }
            BudgetSnapshot b = s.budget().snapshot();
            rows.add(List.of(Cell.link(id, id), Cell.of(s.licence().developer()), Cell.of(s.licence().run()),
                    standing(s), Cell.of(flop(b.released()) + " of " + flop(b.total())), Cell.of(flop(b.used())),
                    Cell.of(flop(b.available())), usedShare(b)));
        }
        return new View(v.regulator() ? "Every licence" : "Your licences", "Licences", List.of(
                new View.Text("Each licence authorizes one training run up to a compute budget released in tranches;"
                        + " providers admit jobs against it. Used is what providers reported, held what running jobs reserved."),
                new View.Table("licences", "Licences with their budgets", List.of(new Column("Licence", false),
                        new Column("Developer", false), new Column("Run", false), new Column("Standing", false),
                        new Column("Released", true), new Column("Used", true), new Column("Available", true),
                        new Column("Used of released", true)), rows, "No licence names you.", pages)));
    }

    @Override
    public View item(Viewer v, String id, Map<String, String> query) throws Rejection {
        v.require("licences", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        LicenceState s = find(id);
        if (s == null || !visible(v, s)) {
            throw Rejection.notFound("no licence " + id, null); // others do not learn it exists
        }
        BudgetSnapshot b = s.budget().snapshot();
        var l = s.licence();
        List<View.Block> blocks = new ArrayList<>();
        blocks.add(new View.Figures(List.of(
                new View.Figure("Standing", s.standing().name().toLowerCase(Locale.ROOT),
                        s.standingReason().isBlank() ? "valid until " + l.validUntil().toString().substring(0, 10) : s.standingReason()),
                new View.Figure("Released", flop(b.released()), b.tranchesReleased() + " of " + b.tranches() + " tranches"),
                new View.Figure("Used", flop(b.used()), Shown.percent(b.usedShareOfReleased()) + " of released"),
                new View.Figure("Available", flop(b.available()), b.openHolds() + " jobs holding " + flop(b.held())))));
        blocks.add(new View.Heading("Budget burn-down"));
        BigInteger over = b.available().signum() < 0 ? b.available().negate() : BigInteger.ZERO;
        blocks.add(new View.Meter("burn-down", "The licence's whole budget: what providers reported used, what running"
                + " jobs hold, what is still available of the released tranches, and the tranches not yet released.",
                b.total().doubleValue(), List.of(
                        new View.Part("Used", b.used().doubleValue(), flop(b.used()), over.signum() > 0 ? "over" : "used"),
                        new View.Part("Held by running jobs", b.held().doubleValue(), flop(b.held()), "held"),
                        new View.Part("Available", b.available().max(BigInteger.ZERO).doubleValue(),
                                flop(b.available().max(BigInteger.ZERO)), "free"),
                        new View.Part("Not yet released", b.total().subtract(b.released()).doubleValue(),
                                flop(b.total().subtract(b.released())), "later"))));
        if (over.signum() > 0) {
            blocks.add(new View.Text("Overrun: usage exceeds the released budget by " + flop(over) + "."));
        }
        List<List<Cell>> tranches = new ArrayList<>();
        for (Tranche t : l.tranches()) {
            tranches.add(List.of(Cell.of(Integer.toString(t.number())), Cell.of(flop(t.flop())),
                    t.number() <= b.tranchesReleased() ? Cell.tag("released", "good") : Cell.tag("not released", "warn"),
                    Cell.of(t.condition().isBlank() ? "on grant" : t.condition())));
        }
        blocks.add(new View.Table("tranches", "Tranches", List.of(new Column("Tranche", false), new Column("Budget", true),
                new Column("State", false), new Column("Released when", false)), tranches, "No tranches."));
        List<List<Cell>> terms = new ArrayList<>();
        terms.add(List.of(Cell.of("Developer"), Cell.of(l.developer())));
        terms.add(List.of(Cell.of("Run"), Cell.of(l.run())));
        terms.add(List.of(Cell.of("Clusters"), Cell.of(String.join(", ", new java.util.TreeSet<>(l.clusters())))));
        terms.add(List.of(Cell.of("Valid"), Cell.of(l.validFrom().toString().substring(0, 10) + " to "
                + l.validUntil().toString().substring(0, 10))));
        terms.add(List.of(Cell.of("Conditions"), Cell.of(String.join("; ", l.conditions()))));
        blocks.add(new View.Table("terms", "Terms", List.of(new Column("Term", false), new Column("Value", false)), terms, ""));
        blocks.add(amendments(id, query));
        return new View("Licence " + id, l.developer() + " · licence", blocks);
    }

    /**
     * The licence's amendments, newest first, a page at a time: who signed each (the issuer of its log entry), when,
     * why, what it changed (field by field, from and to) and the log entry, linked to its inclusion proof. The same rows
     * as {@code GET /api/v1/licences/{id}/amendments}; the page is asked for once the licence is known to be visible.
     */
    private View.Table amendments(String id, Map<String, String> query) throws Rejection {
        long total = store.get(h -> h.createQuery("SELECT count(*) FROM licence_amendment WHERE licence = :l").bind("l", id)
                .mapTo(Long.class).one());
        View.Pages pages = View.Pages.of(query, "amendments-page", View.Pages.SIZE, total);
        List<List<Cell>> rows = store.get(h -> h.createQuery("""
                SELECT a.number, s.issuer, a.issued_at, a.reason, a.changes, a.log_index
                FROM licence_amendment a LEFT JOIN statement s ON s.log_index = a.log_index
                WHERE a.licence = :l ORDER BY a.number DESC LIMIT :limit OFFSET :offset""").bind("l", id)
                .bind("limit", pages.size()).bind("offset", pages.offset())
                .map((rs, c) -> List.of(Cell.of(Integer.toString(rs.getInt(1))), Cell.of(rs.getString(2) == null ? "—" : rs.getString(2)),
                        Cell.of(rs.getTimestamp(3).toInstant().toString().substring(0, 16).replace('T', ' ') + " UTC"),
                        Cell.of(rs.getString(4)), Cell.of(changes(rs.getString(5))), Cell.entry(rs.getLong(6)))).list());
        return new View.Table("amendments", "Amendments to the licence's terms, newest first", List.of(
                new Column("Amendment", true), new Column("By", false), new Column("When", false), new Column("Why", false),
                new Column("What changed", false), new Column("Log entry", false)), rows,
                "The licence has not been amended.", pages);
    }

    /** An amendment's changes ({@code [{field, from, to}]}) as a line: "clusters: cloud-a/* → cloud-a/*, cloud-b/*; …". */
    static String changes(String json) {
        List<String> out = new ArrayList<>();
        try {
            for (var c : org.computegov.registry.kernel.Json.MAPPER.readTree(json)) {
                String field = c.path("field").asText();
                out.add(field + ": " + shown(field, c.path("from")) + " → " + shown(field, c.path("to")));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("an amendment's changes are not JSON", e);
        }
        return String.join("; ", out);
    }

    private static String shown(String field, com.fasterxml.jackson.databind.JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            for (var x : v) {
                // Tranches: their budgets (a condition, if any, in brackets).
                items.add(x.isObject() ? flop(new BigInteger(x.path("flop").asText("0")))
                        + (x.hasNonNull("condition") ? " (" + x.path("condition").asText() + ")" : "") : x.asText());
            }
            return items.isEmpty() ? "none" : String.join(", ", items);
        }
        if (field.endsWith("Flop") && v.isTextual()) {
            return flop(new BigInteger(v.asText()));
        }
        return v.asText();
    }

    private LicenceState find(String id) throws Rejection {
        try {
            return licences.find(id).orElse(null);
        } catch (LicenceSource.Unreachable e) {
            throw new Rejection(503, "registry-unavailable", "Registry unavailable", e.getMessage(), null, null);
        }
    }

    private static Cell standing(LicenceState s) {
        String name = s.standing().name().toLowerCase(Locale.ROOT);
        return Cell.tag(name, s.standing() == LicenceState.Standing.ACTIVE ? "good" : "bad");
    }

    private static Cell usedShare(BudgetSnapshot b) {
        double share = b.usedShareOfReleased();
        return share >= 1 ? Cell.tag(Shown.percent(share), "bad") : share >= 0.8 ? Cell.tag(Shown.percent(share), "warn")
                : Cell.of(Shown.percent(share));
    }

    private static String flop(BigInteger f) {
        return Shown.flop(new BigDecimal(f).doubleValue());
    }
}
