package org.computegov.registry.usage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.HardwareCatalog;

/** Shared fixtures: the built-in catalog, the sample files, a parser for cluster "sol". */
final class Samples {
    static final HardwareCatalog CATALOG = HardwareCatalog.builtIn();
    static final String H100 = "NVIDIA H100 SXM5 80GB";
    static final String A100 = "NVIDIA A100 SXM4 80GB";
    static final String PROVIDER = "acme-cloud";

    private Samples() {}

    static String resource(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/sacct/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /sacct/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cluster "sol" in UTC, untyped GPUs are A100s. */
    static SacctParser solParser() {
        return parser(SacctOptions.of(PROVIDER, ZoneOffset.UTC).withDefaultChip("sol", "A100"));
    }

    static SacctParser parser(SacctOptions options) {
        try {
            return new SacctParser(CATALOG, options);
        } catch (InvalidInputException e) {
            throw new IllegalStateException(e.describe(), e);
        }
    }
}
