package org.computegov.knowledge.estimate;

import java.util.Locale;
import java.util.Optional;

/**
 * The kind of model being trained, which sets the default hardware utilization: 30% for language models and 40%
 * otherwise, as Epoch AI recommends ("Estimating Training Compute of Deep Learning Models", 2022).
 */
public enum ModelKind {
    LANGUAGE(0.30), OTHER(0.40);

    private final double defaultUtilization;

    ModelKind(double defaultUtilization) {
        this.defaultUtilization = defaultUtilization;
    }

    public double defaultUtilization() {
        return defaultUtilization;
    }

    public static Optional<ModelKind> parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "language", "lm", "llm", "text" -> Optional.of(LANGUAGE);
            case "other", "vision", "image", "video", "audio", "biology", "games", "multimodal" -> Optional.of(OTHER);
            default -> Optional.empty();
        };
    }
}
