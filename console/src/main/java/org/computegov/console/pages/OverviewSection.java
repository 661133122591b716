package org.computegov.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import org.computegov.console.ConsoleLog;
import org.computegov.console.ConsoleRegistry;
import org.computegov.console.ConsoleSection;
import org.computegov.console.Frame;
import org.computegov.console.Web;
import org.computegov.console.auth.Session;

/**
 * The first page: the registry's public figures, the log's latest checkpoint, and who is signed in. Public figures
 * are the API's public statistics (counts and totals, no identities), so this page needs no sign-in.
 */
public final class OverviewSection implements ConsoleSection {
    private final ConsoleRegistry registry;
    private final ConsoleLog log;

    public OverviewSection(ConsoleRegistry registry, ConsoleLog log) {
        this.registry = registry;
        this.log = log;
    }

    /** A headline figure: what it counts, the number as shown, and a line saying more. */
    public record Figure(String label, String value, String detail) {}

    public record Model(Frame frame, List<Figure> figures, List<Figure> roles, CheckpointView checkpoint, long logSize) {}

    @Override
    public String key() {
        return "overview";
    }

    @Override
    public String label() {
        return "Overview";
    }

    @Override
    public String path() {
        return "/";
    }

    @Override
    public boolean visibleTo(Session user) {
        return true;
    }

    @Override
    public void install(RoutesConfig routes, Web web) {
        routes.get("/console", ctx -> ctx.redirect("/", HttpStatus.MOVED_PERMANENTLY));
        routes.get("/", web.page(p -> {
            JsonNode s = registry.stats();
            List<Figure> figures = List.of(
                    new Figure("Training compute reported", Numbers.flop(s.path("flop").asDouble()),
                            Numbers.count(s.path("chipHours").asDouble()) + " accelerator-hours"),
                    new Figure("Usage records", Numbers.count(s.path("usageRecords").asDouble()), "from compute providers"),
                    new Figure("Training runs declared", Numbers.count(s.path("runs").asDouble()), "by developers"),
                    new Figure("Customers known to providers", Numbers.count(s.path("customers").asDouble()),
                            Numbers.count(s.path("customersWithScreeningHits").asDouble()) + " with screening hits"),
                    new Figure("Signed statements", Numbers.count(s.path("statements").asDouble()), "applied to the registry"));
            List<Figure> roles = new ArrayList<>();
            s.path("actorsByRole").fields().forEachRemaining(e -> roles.add(new Figure(e.getKey(),
                    Numbers.count(e.getValue().asDouble()), "")));
            p.render("overview.jte", new Model(p.frame("Overview", key()), figures, roles,
                    CheckpointView.parse(log.checkpoint()), log.size()));
        }));
    }
}
