package org.computegov.console;

import java.util.List;
import org.computegov.console.auth.Session;

/**
 * What every page's layout needs: the title, which section is current, who is signed in (null: nobody), the CSRF
 * token for the page's forms, and the navigation the signed-in user may follow.
 */
public record Frame(String title, String section, Session user, String csrf, List<NavItem> nav) {
    public Frame {
        nav = List.copyOf(nav);
    }

    public record NavItem(String label, String href, boolean current) {}

    public boolean signedIn() {
        return user != null;
    }
}
