package org.computegov.registry.statement;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Text the registry can store as it was given. JSON can spell a lone UTF-16 surrogate ("\ud800") and U+0000, but
 * neither is text PostgreSQL keeps: the driver encodes a lone surrogate as '?' (silently changing what was signed)
 * and refuses U+0000. A statement holding either is refused before anything is logged.
 */
public final class StoredText {
    private StoredText() {}

    /** The JSON path of the first member name or string value that cannot be stored as given, or null. */
    public static String firstUnstorable(JsonNode node, String path) {
        return first(node, path, StoredText::storable);
    }

    /** As {@link #firstUnstorable}, for readers that refuse control characters (U+0000 among them) themselves. */
    public static String firstLoneSurrogate(JsonNode node, String path) {
        return first(node, path, s -> storable(s.replace('\0', ' ')));
    }

    private static String first(JsonNode node, String path, java.util.function.Predicate<String> storable) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return storable.test(node.textValue()) ? null : path;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String bad = first(node.get(i), path + "[" + i + "]", storable);
                if (bad != null) {
                    return bad;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (!storable.test(e.getKey())) {
                    return p;
                }
                String bad = first(e.getValue(), p, storable);
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    /** Whether the string is well-formed UTF-16 without U+0000. */
    public static boolean storable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
