package org.computegov.registry.screening;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A name after {@link NameNormalizer}: lower-case Latin tokens in the name's order, legal forms and stop words
 * removed, abbreviations expanded. Matching treats the tokens as a set, so order only matters for joined words.
 *
 * @param tokens           the tokens, in the order of the name
 * @param untransliterated true when the name had letters of a script the normalizer cannot transliterate
 *                         (Arabic, Hebrew, CJK, …): such tokens only match the same script
 */
public record NormalizedName(List<String> tokens, boolean untransliterated) {
    public NormalizedName {
        tokens = List.copyOf(tokens);
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** The tokens sorted and joined by single spaces: equal for names that differ only in order and form. */
    public String sortedKey() {
        List<String> s = new ArrayList<>(tokens);
        Collections.sort(s);
        return String.join(" ", s);
    }

    @Override
    public String toString() {
        return String.join(" ", tokens);
    }
}
