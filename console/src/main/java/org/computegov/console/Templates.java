package org.computegov.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The console's jte templates, compiled to Java classes at build time by the jte Maven plugin: no template compiler
 * runs in the server, nothing is written to disk at run time, and a template that does not compile fails the build.
 */
public final class Templates {
    static final String PACKAGE = "org.computegov.console.templates";
    private final TemplateEngine engine =
            TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

    /** Renders {@code name} (e.g. "log.jte") with its one parameter, the page's model. */
    public String render(String name, Object model) {
        StringOutput out = new StringOutput(16 * 1024);
        engine.render(name, model, out);
        return out.toString();
    }
}
