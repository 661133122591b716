package org.computegov.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Static files under /console/assets/: GOV.UK Frontend and uPlot from their webjars, and the console's own CSS and
 * scripts. Only the listed prefixes are served, and only names without "..", so no other class-path resource leaks.
 */
final class Assets {
    static final String PREFIX = "/console/assets/";
    private static final Map<String, String> ROOTS = Map.of(
            "govuk/", "/META-INF/resources/webjars/govuk-frontend/" + Versions.GOVUK_FRONTEND + "/dist/govuk/",
            "uplot/", "/META-INF/resources/webjars/uplot/" + Versions.UPLOT + "/dist/",
            "console/", "/org/computegov/console/static/");
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "woff2", "font/woff2");
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    void install(RoutesConfig routes) {
        routes.get(PREFIX + "<path>", this::serve);
    }

    private void serve(Context ctx) {
        String path = ctx.pathParam("path");
        byte[] body = path.contains("..") || path.contains("//") ? null : cache.computeIfAbsent(path, Assets::load);
        if (body == null || body.length == 0) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("No such asset.");
            return;
        }
        String ext = path.substring(path.lastIndexOf('.') + 1);
        ctx.contentType(TYPES.getOrDefault(ext, "application/octet-stream"))
                .header("Cache-Control", "public, max-age=3600").header("X-Content-Type-Options", "nosniff").result(body);
    }

    /** The file's bytes, or an empty array when there is none (a map cannot hold null). */
    private static byte[] load(String path) {
        for (Map.Entry<String, String> root : ROOTS.entrySet()) {
            if (path.startsWith(root.getKey())) {
                String resource = root.getValue() + path.substring(root.getKey().length());
                try (InputStream in = Assets.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        return new byte[0];
                    }
                    byte[] bytes = in.readAllBytes();
                    return resource.endsWith("govuk-frontend.min.css") ? withoutGdsFonts(bytes) : bytes;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new byte[0];
    }

    /**
     * GOV.UK Frontend's stylesheet loads the GDS Transport typeface, which its licence reserves for GOV.UK services;
     * computegov is not one, so the @font-face rules go and text falls back to the stylesheet's next family (Arial,
     * then the system sans-serif). The crest image the stylesheet names is not served for the same reason.
     */
    static byte[] withoutGdsFonts(byte[] css) {
        String text = new String(css, StandardCharsets.UTF_8).replaceAll("@font-face\\{[^}]*\\}", "");
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
