package org.computegov.deployment.oms;

import java.util.List;

/**
 * The result of hashing a model folder: the manifest, the files it was made from (with the sizes and modification
 * times a later {@code --reuse} compares), and how many bytes were read versus taken from a previous manifest.
 */
@org.computegov.registry.kernel.Published
public record HashedModel(Manifest manifest, List<ModelFile> files, long bytesHashed, long bytesReused) {
    public HashedModel {
        files = List.copyOf(files);
    }
}
