package org.computegov.deployment.oms;

import java.nio.file.Path;

/**
 * A file of a model: its resource path ('/'-separated, relative to the model folder, or "." for a single-file
 * model), where to read it (a symlink's target inside the folder), its size and modification time in nanoseconds
 * (what {@code --reuse} compares).
 */
@org.computegov.registry.kernel.Published
public record ModelFile(String path, Path source, long size, long mtimeNanos) {}
