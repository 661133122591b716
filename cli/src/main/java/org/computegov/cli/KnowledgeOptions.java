package org.computegov.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.computegov.api.KnowledgeApi;
import org.computegov.api.Lazy;
import org.computegov.api.ShapingApi;
import org.computegov.knowledge.export.ExportRules;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import picocli.CommandLine.Option;

/** Options that choose the knowledge data: the built-in files, optionally extended by the user's own. */
final class KnowledgeOptions {
    @Option(names = "--catalog", paramLabel = "FILE",
            description = "Your own accelerators (CSV with the catalog's columns, or a JSON array): adds chips or overrides columns.")
    Path catalog;

    @Option(names = "--regimes", paramLabel = "FILE",
            description = "Your own threshold regimes (JSON, the format of regimes.json): added to the built-in ones.")
    Path regimes;

    /** The shaping capability's pure queries over the same data. */
    ShapingApi shaping() {
        return new ShapingApi(
                Lazy.of(() -> catalog == null ? HardwareCatalog.builtIn() : HardwareCatalog.builtInWith(catalog)),
                Lazy.of(ExportRules::builtIn),
                Lazy.of(() -> regimes == null ? RegimeCatalog.builtIn() : RegimeCatalog.builtIn().with(regimes)),
                Clock.systemDefaultZone());
    }

    KnowledgeApi api() {
        return new KnowledgeApi(
                Lazy.of(() -> catalog == null ? HardwareCatalog.builtIn() : HardwareCatalog.builtInWith(catalog)),
                Lazy.of(ExportRules::builtIn),
                Lazy.of(() -> regimes == null ? RegimeCatalog.builtIn() : RegimeCatalog.builtIn().with(regimes)),
                Clock.systemDefaultZone());
    }
}
