package org.computegov.console;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.computegov.console.auth.Session;
import org.computegov.console.auth.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every console request is handled: the session is looked up from its cookie, pages that need a signed-in user
 * send others to sign in (saying so when their session ended), every POST must carry the CSRF token of its session
 * (or, before sign-in, of its double-submit cookie) and come from this origin, and responses carry headers that keep
 * pages out of frames, scripts to this origin and signed-in pages out of caches. Errors become HTML pages here.
 */
public final class Web {
    private static final Logger LOG = LoggerFactory.getLogger(Web.class);
    static final String CSRF_FIELD = "csrf";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    /** A page's work; may throw, and the error becomes an HTML page. */
    public interface PageHandler {
        void handle(Page page) throws Exception;
    }

    private final Templates templates;
    private final Sessions sessions;
    private final boolean secure;
    private final Supplier<List<ConsoleSection>> sections;

    Web(Templates templates, Sessions sessions, boolean secure, Supplier<List<ConsoleSection>> sections) {
        this.templates = templates;
        this.sessions = sessions;
        this.secure = secure;
        this.sections = sections;
    }

    public Templates templates() {
        return templates;
    }

    /** A page anyone may read; it shows more to a signed-in user. */
    public Handler page(PageHandler h) {
        return ctx -> run(ctx, h, false);
    }

    /** A page only a signed-in user may read; others are sent to sign in and brought back after. */
    public Handler signedIn(PageHandler h) {
        return ctx -> run(ctx, h, true);
    }

    /** A form submission: refused (403) without the right CSRF token or from another origin. */
    public Handler form(PageHandler h, boolean needsSignIn) {
        return ctx -> {
            headers(ctx);
            Session user = session(ctx);
            if (!sameOrigin(ctx) || !csrfMatches(ctx, user)) {
                ctx.status(403);
                new Page(ctx, user, csrf(ctx, user), this).render("error.jte", new ErrorModel(frame("Form refused",
                        "", user, csrf(ctx, user)), "This form could not be accepted",
                        "It did not come from a page of this console, or the page was open too long. Go back,"
                                + " reload the page and try again."));
                return;
            }
            run(ctx, h, needsSignIn);
        };
    }

    private void run(Context ctx, PageHandler h, boolean needsSignIn) {
        headers(ctx);
        Session user = session(ctx);
        if (needsSignIn && user == null) {
            boolean expired = Boolean.TRUE.equals(ctx.attribute("cgov.expired"));
            String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect("/console/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)
                    + (expired ? "&expired=1" : ""), io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        if (user != null) {
            ctx.header("Cache-Control", "no-store");
        }
        Page page = new Page(ctx, user, csrf(ctx, user), this);
        long started = System.nanoTime();
        try {
            h.handle(page);
            serverTiming(ctx, started);
        } catch (NotFound e) {
            ctx.status(404);
            page.render("error.jte", new ErrorModel(page.frame("Not found", ""), "Page not found", e.getMessage()));
        } catch (org.computegov.registry.statement.Rejection e) {
            // The registry's own read refused this viewer, as the API would: the page says so and shows nothing else.
            ctx.status(e.status());
            String heading = e.status() == 404 ? "Page not found" : e.status() == 403 ? "You cannot see this page"
                    : "This page cannot be shown";
            page.render("error.jte", new ErrorModel(page.frame(heading, ""), heading, e.getMessage() + "."));
        } catch (org.computegov.knowledge.InvalidInputException e) {
            // A page's query parameter is wrong (e.g. a date that is not one): say which and how to put it right.
            ctx.status(400);
            page.render("error.jte", new ErrorModel(page.frame("This page cannot be shown", ""), "This page cannot be shown",
                    e.getMessage() + (e.hint() == null ? "" : " " + e.hint())));
        } catch (Exception e) {
            LOG.error("console error on {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500);
            page.render("error.jte", new ErrorModel(page.frame("Something went wrong", ""), "Sorry, something went wrong",
                    "The server could not show this page; the error is in its log."));
        }
    }

    /**
     * How long the page took to build and render, as a Server-Timing header (the browser's developer tools show it,
     * and {@code cgov bench console} reads it): reads and template, not the network.
     */
    private static void serverTiming(Context ctx, long started) {
        ctx.header("Server-Timing", String.format(java.util.Locale.ROOT, "render;dur=%.3f",
                (System.nanoTime() - started) / 1e6));
    }

    /** Thrown by a page for something that does not exist (or that this user may not know exists). */
    public static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }

    public record ErrorModel(Frame frame, String heading, String message) {}

    Frame frame(String title, String section, Session user, String csrf) {
        List<Frame.NavItem> nav = new ArrayList<>();
        for (ConsoleSection s : sections.get()) {
            if (s.visibleTo(user)) {
                nav.add(new Frame.NavItem(s.label(), s.path(), s.key().equals(section)));
            }
        }
        return new Frame(title, section, user, csrf, nav);
    }

    Session session(Context ctx) {
        Object cached = ctx.attribute("cgov.session");
        if (cached instanceof Session s) {
            return s;
        }
        if (Boolean.TRUE.equals(ctx.attribute("cgov.noSession"))) {
            return null;
        }
        Sessions.Lookup found = sessions.find(ctx.cookie(sessionCookie()));
        if (found instanceof Sessions.Lookup.Active a) {
            ctx.attribute("cgov.session", a.session());
            return a.session();
        }
        if (found instanceof Sessions.Lookup.Expired) {
            ctx.attribute("cgov.expired", true);
            clearCookie(ctx, sessionCookie());
        }
        ctx.attribute("cgov.noSession", true);
        return null;
    }

    /** The CSRF token of the session, or before sign-in the double-submit cookie's (set now if missing). */
    String csrf(Context ctx, Session user) {
        if (user != null) {
            return user.csrf();
        }
        String existing = ctx.cookie(csrfCookie());
        if (existing != null && existing.length() == 43) {
            return existing;
        }
        Object made = ctx.attribute("cgov.csrfMade");
        if (made instanceof String s) {
            return s;
        }
        String token = randomToken();
        ctx.attribute("cgov.csrfMade", token);
        setCookie(ctx, csrfCookie(), token);
        return token;
    }

    private boolean csrfMatches(Context ctx, Session user) {
        String sent = ctx.formParam(CSRF_FIELD);
        String expected = user != null ? user.csrf() : ctx.cookie(csrfCookie());
        return sent != null && expected != null && expected.length() == 43
                && MessageDigest.isEqual(sent.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII));
    }

    /** A browser names the page a POST came from; one from another site is refused even with a token. */
    private static boolean sameOrigin(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return false;
        }
        String origin = ctx.header("Origin");
        if (origin == null || origin.equals("null")) {
            return fetchSite != null || origin == null;
        }
        try {
            URI o = URI.create(origin);
            String host = ctx.header("Host");
            return host != null && (o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort())).equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP).header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "same-origin");
    }

    String sessionCookie() {
        // The __Host- prefix (only over TLS) makes the browser refuse the cookie from any other host or path.
        return secure ? "__Host-cgov_session" : "cgov_session";
    }

    String csrfCookie() {
        return secure ? "__Host-cgov_csrf" : "cgov_csrf";
    }

    void setCookie(Context ctx, String name, String value) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }

    void clearCookie(Context ctx, String name) {
        ctx.res().addHeader("Set-Cookie", name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }

    Sessions sessions() {
        return sessions;
    }

    static String randomToken() {
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Starts a session for a user who just proved their password, with a new token (no session fixation). */
    public void signIn(Context ctx, String username, String actorId, String actorName,
            java.util.Set<org.computegov.registry.statement.Role> roles, byte[] actorKey) {
        String old = ctx.cookie(sessionCookie());
        if (old != null) {
            sessions.end(old);
        }
        Sessions.Started s = sessions.start(username, actorId, actorName, roles, actorKey);
        setCookie(ctx, sessionCookie(), s.token());
    }

    public void signOut(Context ctx) {
        sessions.end(ctx.cookie(sessionCookie()));
        clearCookie(ctx, sessionCookie());
    }

    public java.time.Duration sessionIdle() {
        return sessions.idle();
    }
}
