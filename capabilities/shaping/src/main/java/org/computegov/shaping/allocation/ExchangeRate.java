package org.computegov.shaping.allocation;

import java.time.LocalDate;

/** From {@code effectiveFrom} on (until a later rate), one GPU-hour of the resource costs this many credits. */
public record ExchangeRate(String resource, LocalDate effectiveFrom, double creditsPerGpuHour) {
    public ExchangeRate {
        if (!(creditsPerGpuHour > 0) || !Double.isFinite(creditsPerGpuHour)) {
            throw new IllegalArgumentException("credits per GPU-hour must be positive, got " + creditsPerGpuHour);
        }
    }
}
