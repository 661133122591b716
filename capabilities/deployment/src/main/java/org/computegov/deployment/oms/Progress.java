package org.computegov.deployment.oms;

/** Told how many bytes a hash will read, then of every chunk read (from several threads at once). */
@org.computegov.registry.kernel.Published
public interface Progress {
    Progress NONE = new Progress() {};

    default void start(long totalBytes) {}

    default void advance(long bytes) {}

    default void finish() {}
}
