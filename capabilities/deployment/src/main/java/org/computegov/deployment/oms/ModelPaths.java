package org.computegov.deployment.oms;

import java.util.Comparator;
import java.util.List;

/**
 * Resource paths inside a model: relative, '/'-separated, never leaving the model folder. OMS orders them the way
 * Python orders {@code PurePosixPath}s: component by component, each by code point. So {@code a/b} sorts before
 * {@code a.b} (component "a" is a prefix of "a.b"), although the plain string "a.b" sorts first ('.' &lt; '/').
 */
@org.computegov.registry.kernel.Published
public final class ModelPaths {
    /** The name OMS gives the only resource of a model that is a single file. */
    public static final String SINGLE_FILE = ".";

    private ModelPaths() {}

    /** Path-component order, each component by Unicode code point (Python's str order, not Java's UTF-16 order). */
    public static final Comparator<String> ORDER = ModelPaths::compare;

    static int compare(String a, String b) {
        List<String> x = List.of(a.split("/", -1));
        List<String> y = List.of(b.split("/", -1));
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            int c = compareCodePoints(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * Checks a path named by a manifest, a signature or the user (an ignore path): relative, '/'-separated, no
     * empty, "." or ".." component. Such a name can only ever point inside the model folder.
     *
     * @param what what the path is, for the message ("resource name", "ignore path")
     */
    public static String checkRelative(String path, String what) throws ModelException {
        if (path == null || path.isEmpty()) {
            throw new ModelException(what + " is empty", "Give a path relative to the model folder, e.g. weights/model.safetensors.");
        }
        if (path.equals(SINGLE_FILE)) {
            return path; // the single-file model's resource
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:[\\\\/].*")) {
            throw new ModelException(what + " '" + path + "' is absolute",
                    "Paths in a model are relative to its folder, e.g. weights/model.safetensors.");
        }
        if (path.indexOf('\0') >= 0) {
            throw new ModelException(what + " contains a NUL character", "Give a plain relative path.");
        }
        for (String part : path.split("/", -1)) {
            if (part.equals("..")) {
                throw new ModelException(what + " '" + path + "' contains '..', which would leave the model folder",
                        "Name files inside the model folder only.");
            }
            if (part.isEmpty() || part.equals(".")) {
                throw new ModelException(what + " '" + path + "' has an empty or '.' component",
                        "Write it without '//', './' or a trailing '/', e.g. weights/model.safetensors.");
            }
        }
        return path;
    }

    /** Whether {@code path} is {@code prefix} or inside it, component-wise (ignoring "a" ignores "a/b", not "a.b"). */
    public static boolean isWithin(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
