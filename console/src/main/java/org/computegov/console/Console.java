package org.computegov.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.computegov.api.Json;
import org.computegov.api.KnowledgeApi;
import org.computegov.api.Problem;
import org.computegov.api.TrendsApi;
import org.computegov.console.auth.ConsoleUsers;
import org.computegov.console.auth.Enrolment;
import org.computegov.console.auth.Sessions;
import org.computegov.console.auth.SignInThrottle;
import org.computegov.console.pages.KnowledgeSection;
import org.computegov.console.pages.LogSection;
import org.computegov.console.pages.OverviewSection;
import org.computegov.console.pages.SignInSection;
import org.computegov.registry.statement.Rejection;

/**
 * The web console, as the server mounts it: pages at {@code /} and under {@code /console/}, its assets, and the API
 * route that enrols console users. The server composes it with the ports it needs (the log, the registry's reads,
 * the knowledge core) and the sections capabilities contribute.
 */
public final class Console {
    public static final String ENROL_PATH = "/api/v1/console/users";
    private final List<ConsoleSection> sections = new ArrayList<>();
    private final Web web;
    private final Enrolment enrolment;
    private final ConsoleUsers users;

    private Console(Web web, Enrolment enrolment, ConsoleUsers users) {
        this.web = web;
        this.enrolment = enrolment;
        this.users = users;
    }

    /**
     * Brings the console's schema up to date and builds it.
     *
     * @param extra sections contributed by capabilities, shown after the console's own
     */
    public static Console create(ConsoleOptions options, DataSource migrations, DataSource pool, KnowledgeApi knowledge,
            TrendsApi trends, ConsoleRegistry registry, ConsoleLog log, Clock clock, List<ConsoleSection> extra) {
        ConsoleUsers.migrate(migrations);
        ConsoleUsers users = new ConsoleUsers(pool);
        Sessions sessions = new Sessions(clock, options.idle(), options.absolute());
        List<ConsoleSection> sections = new ArrayList<>();
        Web web = new Web(new Templates(), sessions, options.secureCookies(), () -> sections);
        Console console = new Console(web, new Enrolment(registry, users, sessions, clock), users);
        sections.add(new OverviewSection(registry, log));
        sections.addAll(extra);
        sections.add(new KnowledgeSection(knowledge, trends));
        sections.add(new LogSection(log));
        sections.add(new SignInSection(users, registry,
                new SignInThrottle(clock, options.failedSignInLimit(), options.failedSignInWindow())));
        console.sections.addAll(sections);
        return console;
    }

    public void install(RoutesConfig routes) {
        new Assets().install(routes);
        for (ConsoleSection s : sections) {
            s.install(routes, web);
        }
        routes.post(ENROL_PATH, this::enrol);
    }

    /** Whether a route belongs to the console's pages (not the API, so not in the OpenAPI document). */
    public static boolean isPage(String path) {
        return path.equals("/") || path.equals("/console") || path.startsWith("/console/");
    }

    public ConsoleUsers users() {
        return users;
    }

    public Enrolment enrolment() {
        return enrolment;
    }

    private void enrol(Context ctx) throws Exception {
        try {
            Enrolment.Request r = enrolment.enrol(ctx.bodyAsBytes());
            ctx.status(201).contentType("application/json").result(Json.write(Map.of("username", r.username(),
                    "actor", r.actor(), "keyStored", r.sealedKey() != null)).getBytes(StandardCharsets.UTF_8));
        } catch (Rejection e) {
            ctx.status(e.status()).contentType(Problem.MEDIA_TYPE).result(Json.write(Problem.of(e.type(), e.title(),
                    e.status(), e.getMessage(), ctx.path(), e.field(), e.hint())));
        }
    }
}
