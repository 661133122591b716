package org.computegov.deployment.oms;

/**
 * A model folder, manifest or signature that cannot be used, with a hint saying what would be right. Raised for
 * refusals (a path that leaves the model folder, a symlink, a malformed manifest), never for a digest mismatch:
 * a mismatch is a result ({@link ManifestDiff}), not an error.
 */
@org.computegov.registry.kernel.Published
public final class ModelException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public ModelException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public ModelException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about it. */
    public String hint() {
        return hint;
    }
}
