package org.computegov.deployment.oms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a model folder against a signed manifest: hash it exactly as the signer did (its serialization, its
 * ignore paths, plus OMS's git paths and whatever the caller adds, such as the signature file itself), then
 * compare resource by resource. Never reuses earlier digests.
 */
@org.computegov.registry.kernel.Published
public final class ModelVerification {
    private ModelVerification() {}

    /** The outcome: what was signed, what is on disk, and which files differ. */
    public record Result(Manifest signed, Manifest actual, ManifestDiff diff) {
        public boolean matches() {
            return diff.matches();
        }
    }

    public static Result verify(Path model, Manifest signed, List<String> extraIgnores, ModelHasher hasher,
            Progress progress) throws ModelException, IOException {
        List<String> ignore = new ArrayList<>(Serialization.GIT_PATHS);
        for (String p : extraIgnores) {
            ignore.add(ModelPaths.checkRelative(p, "ignore path"));
        }
        Serialization how = signed.serialization().ignoring(ignore);
        Manifest actual = hasher.hash(model, how, Reuse.NONE, progress).manifest();
        return new Result(signed, actual, signed.diff(actual));
    }

    /**
     * The path of {@code file} relative to the model folder if it lies inside it ("model.sig"), else null: a
     * signature kept beside the weights is not part of them.
     */
    public static String insideModel(Path model, Path file) throws IOException {
        if (!Files.isDirectory(model)) {
            return null;
        }
        Path root = model.toRealPath();
        Path f = file.toAbsolutePath().normalize();
        Path parent = f.getParent() == null ? null : f.getParent().toRealPath();
        if (parent == null) {
            return null;
        }
        Path real = parent.resolve(f.getFileName());
        if (!real.startsWith(root) || real.equals(root)) {
            return null;
        }
        StringBuilder rel = new StringBuilder();
        for (Path part : root.relativize(real)) {
            rel.append(rel.length() == 0 ? "" : "/").append(part);
        }
        return rel.toString();
    }
}
