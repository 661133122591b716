package org.computegov.console;

import io.javalin.http.Context;
import org.computegov.console.auth.Session;

/** One request to a console page: the context, who is signed in (null: nobody) and the CSRF token for its forms. */
public record Page(Context ctx, Session user, String csrf, Web web) {
    /** The layout's model for this page. */
    public Frame frame(String title, String section) {
        return web.frame(title, section, user, csrf);
    }

    public void render(String template, Object model) {
        ctx.contentType("text/html; charset=utf-8").result(web.templates().render(template, model));
    }

    /** The query parameter trimmed, or null when absent or blank. */
    public String param(String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
