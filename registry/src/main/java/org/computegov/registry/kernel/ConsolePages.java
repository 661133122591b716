package org.computegov.registry.kernel;

import java.util.Map;
import java.util.Set;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;

/**
 * A capability's pages in the web console, as data: the console draws each {@link View} with its design system and
 * charts, so a capability needs no template, no HTML and no dependency on the console. Each page is built by the
 * capability's own reads called with the signed-in user's {@link Viewer}; a read that refuses the viewer (a
 * {@link Rejection}) is a refused page, so the console never shows what the API would refuse.
 */
public interface ConsolePages {
    /** A short stable key, also the pages' path: {@code /console/<key>} and {@code /console/<key>/<item>}. */
    String key();

    /** The navigation label. */
    String label();

    /** Roles the navigation offers the section to; the reads decide again on every page. */
    Set<Role> roles();

    /** The section's entry page; {@code query} holds the page's query parameters. */
    View index(Viewer viewer, Map<String, String> query) throws Rejection;

    /** One item's page (a row's {@link View.Cell#item()}); unknown or hidden items are a 404 as in the API. */
    View item(Viewer viewer, String item, Map<String, String> query) throws Rejection;

    /**
     * A {@link View.Form}'s submission: the statement {@code action} on {@code item} makes of the {@code form}'s fields,
     * signed by {@code signer} (the signed-in user's own key). The console submits it through the registry's front door,
     * which checks signature, roles and state as for any statement; a refusal is shown to the user and nothing is
     * stored. Bad fields are a 400 {@link Rejection} naming the field.
     */
    default org.computegov.registry.statement.Submission act(Viewer viewer, String item, String action,
            Map<String, String> form, org.computegov.registry.statement.StatementWriter signer) throws Rejection {
        throw Rejection.notFound("no action " + action + " on " + item, null);
    }
}
