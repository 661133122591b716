package org.computegov.console;

import io.javalin.config.RoutesConfig;
import org.computegov.console.auth.Session;

/**
 * A part of the console with its own pages and navigation entry. The console's own sections (overview, knowledge,
 * the log, account) are sections like any other; a capability (licences, deployment, allocation, …) contributes
 * its pages by implementing this and being listed where the server composes the console.
 */
public interface ConsoleSection {
    /** A short stable key, e.g. "log"; pages of this section mark it current in the navigation. */
    String key();

    /** The navigation label, e.g. "Log". */
    String label();

    /** The section's entry page, e.g. "/console/log". */
    String path();

    /** Whether the navigation shows this section to {@code user} (null: nobody signed in). Pages check again. */
    boolean visibleTo(Session user);

    /** Registers the section's routes; handlers go through {@link Web#page} or {@link Web#form}. */
    void install(RoutesConfig routes, Web web);
}
