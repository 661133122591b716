package org.computegov.registry.kyc;

/** JSON paths in the notation the errors use: members joined by dots, elements as {@code [i]}, the root empty. */
final class Paths {
    private Paths() {
    }

    static String join(String path, String field) {
        if (path.isEmpty()) return field;
        if (field.isEmpty()) return path;
        return field.startsWith("[") ? path + field : path + "." + field;
    }

    static String element(String path, int index) {
        return path + "[" + index + "]";
    }
}
