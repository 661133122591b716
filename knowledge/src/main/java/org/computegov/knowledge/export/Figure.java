package org.computegov.knowledge.export;

/** A chip figure that export-control clauses put bounds on. */
public enum Figure {
    TPP("TPP", ""),
    PERFORMANCE_DENSITY("PD", ""),
    IO_BANDWIDTH("I/O bandwidth", " GB/s"),
    MEMORY_BANDWIDTH("DRAM bandwidth", " GB/s");

    private final String label;
    private final String unit;

    Figure(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }
}
