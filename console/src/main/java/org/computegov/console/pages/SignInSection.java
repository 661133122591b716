package org.computegov.console.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.computegov.console.ConsoleRegistry;
import org.computegov.console.ConsoleSection;
import org.computegov.console.Frame;
import org.computegov.console.Page;
import org.computegov.console.Web;
import org.computegov.console.auth.ConsoleUsers;
import org.computegov.console.auth.KeySeal;
import org.computegov.console.auth.PasswordHash;
import org.computegov.console.auth.Session;
import org.computegov.console.auth.SignInThrottle;
import org.computegov.registry.kernel.Actor;

/**
 * Sign-in, sign-out and the account page. A failed sign-in says only that the pair was wrong (not which half), costs
 * the same Argon2id work whether or not the username exists, and counts towards the throttle; a throttled attempt
 * is refused before any hashing. At most two hashes run at once, so sign-ins cannot take every core.
 */
public final class SignInSection implements ConsoleSection {
    /** A hash of a random password, checked when the username is unknown so both cases cost the same. */
    private static final String DECOY = PasswordHash.hash(Web.class.getName().toCharArray(), PasswordHash.Cost.OWASP);
    private final ConsoleUsers users;
    private final ConsoleRegistry registry;
    private final SignInThrottle throttle;
    private final Semaphore hashing = new Semaphore(2);

    public SignInSection(ConsoleUsers users, ConsoleRegistry registry, SignInThrottle throttle) {
        this.users = users;
        this.registry = registry;
        this.throttle = throttle;
    }

    public record SignInModel(Frame frame, String username, String next, String error, String notice) {}

    public record AccountModel(Frame frame, Session session, Duration idle) {}

    @Override
    public String key() {
        return "account";
    }

    @Override
    public String label() {
        return "Account";
    }

    @Override
    public String path() {
        return "/console/account";
    }

    @Override
    public boolean visibleTo(Session user) {
        return false;
    }

    @Override
    public void install(RoutesConfig routes, Web web) {
        routes.get("/console/sign-in", web.page(p -> {
            String notice = p.param("expired") != null ? "Your session has ended. Sign in again to continue."
                    : p.param("signed-out") != null ? "You have signed out." : null;
            p.render("sign_in.jte", new SignInModel(p.frame("Sign in", key()), "", next(p.param("next")), null, notice));
        }));
        routes.post("/console/sign-in", web.form(this::signIn, false));
        routes.post("/console/sign-out", web.form(p -> {
            web.signOut(p.ctx());
            p.ctx().redirect("/console/sign-in?signed-out=1", HttpStatus.SEE_OTHER);
        }, false));
        routes.get(path(), web.signedIn(p -> p.render("account.jte", new AccountModel(p.frame("Your account", key()),
                p.user(), web.sessionIdle()))));
    }

    private void signIn(Page p) throws Exception {
        String username = Optional.ofNullable(p.ctx().formParam("username")).orElse("").strip().toLowerCase(java.util.Locale.ROOT);
        String password = Optional.ofNullable(p.ctx().formParam("password")).orElse("");
        String next = next(p.ctx().formParam("next"));
        if (username.isEmpty() || password.isEmpty() || username.length() > 63 || password.length() > 1024) {
            p.ctx().status(400);
            p.render("sign_in.jte", new SignInModel(p.frame("Sign in", key()), username, next,
                    "Enter your username and password.", null));
            return;
        }
        Optional<Duration> wait = throttle.wait(username, client(p));
        if (wait.isPresent()) {
            long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
            p.ctx().status(429).header("Retry-After", Long.toString(wait.get().toSeconds() + 1));
            p.render("sign_in.jte", new SignInModel(p.frame("Sign in", key()), username, next,
                    "Too many failed sign-ins. Try again in " + minutes + (minutes == 1 ? " minute." : " minutes."), null));
            return;
        }
        if (!hashing.tryAcquire(5, TimeUnit.SECONDS)) {
            p.ctx().status(503).header("Retry-After", "2");
            p.render("sign_in.jte", new SignInModel(p.frame("Sign in", key()), username, next,
                    "The console is busy. Try again in a moment.", null));
            return;
        }
        Optional<ConsoleUsers.User> user;
        boolean ok;
        try {
            user = users.find(username);
            ok = PasswordHash.verify(password.toCharArray(), user.map(ConsoleUsers.User::passwordHash).orElse(DECOY))
                    && user.isPresent();
        } finally {
            hashing.release();
        }
        Optional<Actor> actor = ok ? registry.actor(user.get().actorId()) : Optional.empty();
        if (!ok || actor.isEmpty()) {
            throttle.failed(username, client(p));
            p.ctx().status(401);
            p.render("sign_in.jte", new SignInModel(p.frame("Sign in", key()), username, next,
                    "The username or password is not right.", null));
            return;
        }
        throttle.succeeded(username);
        byte[] key = null;
        if (user.get().sealedKey() != null) {
            try {
                key = KeySeal.open(user.get().sealedKey(), password.toCharArray(), username);
            } catch (KeySeal.CannotOpen e) {
                // The password verified, so the sealed key was altered: sign in without it rather than fail.
                key = null;
            }
        }
        Actor a = actor.get();
        p.web().signIn(p.ctx(), username, a.id(), a.name(), a.roles(), key);
        p.ctx().redirect(next, HttpStatus.SEE_OTHER);
    }

    /** Only a path on this console: an absolute URL or "//host" would send the user elsewhere after sign-in. */
    static String next(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.startsWith("/console/sign-")) {
            return "/";
        }
        return next;
    }

    /**
     * The client's address as the server's request gate resolved it (behind trusted proxies, the address the proxy
     * saw), so a proxy's address is not one throttle shared by every user; the connection's own address otherwise.
     */
    private static String client(Page p) {
        Object resolved = p.ctx().attribute("org.computegov.client");
        return resolved instanceof String s ? s : p.ctx().ip();
    }
}
