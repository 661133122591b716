package org.computegov.shaping.allocation;

import java.time.LocalDate;

/** Usage to draw an award down: GPU-hours of a resource on a day (from the registry's usage records). */
public record UsageCharge(String recordId, String account, String resource, LocalDate day, double gpuHours) {}
