package org.computegov.console.pages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.computegov.api.Json;
import org.computegov.console.ConsoleSection;
import org.computegov.console.Frame;
import org.computegov.console.Page;
import org.computegov.console.Viewers;
import org.computegov.console.Web;
import org.computegov.console.auth.Session;
import org.computegov.registry.kernel.ConsolePages;
import org.computegov.registry.kernel.View;

/**
 * A capability's pages ({@link ConsolePages}) as a console section: {@code /console/<key>} and
 * {@code /console/<key>/<item>}, signed-in only, each drawn by view.jte from the {@link View} the capability's reads
 * built for the signed-in user's viewer. The capability knows nothing of HTML; the console nothing of its tables.
 */
public final class CapabilityPagesSection implements ConsoleSection {
    private final ConsolePages pages;
    private final org.computegov.registry.kernel.Registry registry;

    public CapabilityPagesSection(ConsolePages pages, org.computegov.registry.kernel.Registry registry) {
        this.pages = pages;
        this.registry = registry;
    }

    /** What view.jte draws: the view, and where its items' pages are. */
    public record ViewModel(Frame frame, String base, boolean item, View view, String path,
            Map<String, java.util.List<String>> query) {
        /** A view drawn at {@code base} itself, with no query (no table of it is paged). */
        public ViewModel(Frame frame, String base, boolean item, View view) {
            this(frame, base, item, view, base, Map.of());
        }

        public String href(String item) {
            return base + "/" + URLEncoder.encode(item, StandardCharsets.UTF_8).replace("+", "%20");
        }

        /** A paged table's pager: its links keep the page's other query parameters (the other tables' pages). */
        public Paging paging(View.Table t) {
            return Paging.of(t.pages(), Paging.base(path, query, t.pages().param()));
        }

        /** A chart's data for view-chart.js: {time, logY, yLabel, series:[{label, dots, points}], lines:[{label, y}]}. */
        public String chartJson(View.Chart c) {
            ObjectNode o = Json.mapper().createObjectNode().put("time", c.time()).put("logY", c.logY())
                    .put("yLabel", c.yLabel());
            ArrayNode series = o.putArray("series");
            for (View.Series s : c.series()) {
                ArrayNode pts = series.addObject().put("label", s.label()).put("dots", s.dots()).putArray("points");
                s.points().forEach(p -> pts.addArray().add(p[0]).add(p[1]));
            }
            ArrayNode lines = o.putArray("lines");
            c.lines().forEach(l -> lines.addObject().put("label", l.label()).put("y", l.y()));
            return Json.write(o);
        }

        /**
         * Where each part sits on its meter's bar, in percent of the bar's width ({x, width}), drawn as SVG rectangles:
         * the console's content security policy forbids inline styles.
         */
        public java.util.List<double[]> segments(View.Meter m) {
            java.util.List<double[]> out = new java.util.ArrayList<>();
            double x = 0;
            for (View.Part p : m.parts()) {
                double w = m.whole() <= 0 ? 0 : Math.min(100 - x, Math.max(0, p.value() / m.whole() * 100));
                out.add(new double[] {x, w});
                x += w;
            }
            return out;
        }
    }

    @Override
    public String key() {
        return pages.key();
    }

    @Override
    public String label() {
        return pages.label();
    }

    @Override
    public String path() {
        return "/console/" + pages.key();
    }

    @Override
    public boolean visibleTo(Session user) {
        return user != null && pages.roles().stream().anyMatch(user::has);
    }

    @Override
    public void install(RoutesConfig routes, Web web) {
        routes.get(path(), web.signedIn(p -> render(p, pages.index(Viewers.of(p.user()), query(p)), false)));
        routes.get(path() + "/{item}", web.signedIn(p -> render(p,
                recorded(p, pages.item(Viewers.of(p.user()), p.ctx().pathParam("item"), query(p))), true)));
        routes.post(path() + "/{item}/{action}", web.form(this::act, true));
    }

    /**
     * A page's form: the capability makes the statement of the fields, signed here with the user's own key (stored
     * sealed, opened at sign-in); the registry's front door checks it like any other. Then back to the item's page,
     * which names the log entry.
     */
    private void act(Page p) throws Exception {
        if (!p.user().canSign()) {
            throw new org.computegov.registry.statement.Rejection(403, "no-key", "No key to sign with", "The console"
                    + " holds no signing key for " + p.user().username() + ", so it cannot act for "
                    + p.user().actorId() + "; enrol with cgov console user add --store-key, or sign with the CLI", null, null);
        }
        Map<String, String> form = new LinkedHashMap<>();
        p.ctx().formParamMap().forEach((k, v) -> {
            if (!k.equals("csrf") && !v.isEmpty()) {
                form.put(k, v.get(0).strip());
            }
        });
        String item = p.ctx().pathParam("item");
        org.computegov.ledger.keys.SignerKey key = org.computegov.ledger.keys.SignerKey.parse(
                new String(p.user().actorKey(), StandardCharsets.UTF_8));
        var writer = new org.computegov.registry.statement.StatementWriter(key, p.user().actorId(), registry.clock());
        var accepted = registry.submit(pages.act(Viewers.of(p.user()), item, p.ctx().pathParam("action"), form, writer));
        p.ctx().redirect(new ViewModel(null, path(), true, null).href(item) + "?recorded=" + accepted.logIndex(),
                io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** After a form's statement was accepted ({@link #act} redirects with its entry): the page says where it is. */
    private static View recorded(Page p, View view) {
        String entry = p.ctx().queryParam("recorded");
        if (entry == null || !entry.matches("\\d{1,19}")) {
            return view;
        }
        java.util.List<View.Block> blocks = new java.util.ArrayList<>();
        blocks.add(new View.Text("Recorded: your statement is entry " + entry + " of the transparency log."));
        blocks.addAll(view.blocks());
        return new View(view.title(), view.caption(), blocks);
    }

    private void render(Page p, View view, boolean item) {
        p.render("view.jte", new ViewModel(p.frame(view.title(), key()), path(), item, view, p.ctx().path(),
                p.ctx().queryParamMap()));
    }

    private static Map<String, String> query(Page p) {
        Map<String, String> out = new LinkedHashMap<>();
        p.ctx().queryParamMap().forEach((k, v) -> {
            if (!v.isEmpty() && !v.get(0).isBlank()) {
                out.put(k, v.get(0).strip());
            }
        });
        return out;
    }
}
