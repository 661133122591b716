package org.computegov.console;

/** The webjar versions the console serves from (kept in step with the root pom's properties by ConsoleAssetsTest). */
final class Versions {
    static final String GOVUK_FRONTEND = "5.14.0";
    static final String UPLOT = "1.6.30";

    private Versions() {}
}
