package org.computegov.registry.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The variants issue 13 found screening to miss, built from real list entries: a person's name as people give it
 * ("Given Surname", middle names and second surnames dropped, against the listed "SURNAME, Given Middle Other"),
 * the same with a typo, a typo in a short token, and an entity with a misspelt legal form; and the hard negatives
 * that partial matching could confuse: a listed person's given name with a common surname, a common given name
 * with a listed surname.
 */
final class HardVariants {
    /** Legal forms as customers write them, each to be misspelt by one edit. */
    static final String[] NOISY_LEGAL = {"Co., Ltd.", "Ltd.", "LLC", "S.A. de C.V.", "Inc.", "GmbH", "Limited",
            "Company", "Corp.", "JSC", "S.A.", "LLP", "PLC", "S.R.L.", "Pte. Ltd.", "Sdn. Bhd."};

    /** Words of legal forms the generator strips from the end of a listed name before adding a noisy one (its own list, so that
     * the evaluation set does not change with the normalizer). */
    private static final java.util.Set<String> TRAILING_FORMS = java.util.Set.of("llc", "ltd", "co", "inc", "gmbh", "jsc",
            "ojsc", "cjsc", "pjsc", "ooo", "oao", "zao", "pao", "ao", "llp", "sa", "ag", "plc", "corporation", "corp", "company",
            "limited", "incorporated", "bv", "nv", "srl", "spa", "sarl", "sas", "kg", "ab", "oy", "pte", "pty", "pvt", "sdn",
            "bhd", "fze", "fzco", "sae", "sal", "wll", "ltda", "doo", "sro", "kft", "lp", "de", "cv", "rl", "s", "cia", "y",
            "en", "c", "ead", "sl");

    private HardVariants() {
    }

    /** A listed person's name split at its comma: surname words, given-name words; null when it has no comma. */
    record PersonName(List<String> surname, List<String> given) {
        static PersonName of(ListEntry e) {
            if (!e.type().equals("Individual")) return null;
            int comma = e.name().indexOf(',');
            if (comma <= 0) return null;
            List<String> s = words(e.name().substring(0, comma));
            List<String> g = words(e.name().substring(comma + 1));
            return s.isEmpty() || g.isEmpty() ? null : new PersonName(s, g);
        }

        int tokens() {
            return surname.size() + given.size();
        }
    }

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("[\\s,]+")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    /** "Given Surname" in the case people type: the first given name and the first surname word. */
    static String givenSurname(PersonName p, Random r) {
        String q = p.given().get(0) + " " + p.surname().get(0);
        return r.nextBoolean() ? title(q) : q;
    }

    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean start = true;
        for (char c : s.toCharArray()) {
            sb.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = !Character.isLetter(c);
        }
        return sb.toString();
    }

    /** One edit in the longest word (where a typo does the least to the rest). */
    static String typoInLongest(String q, Random r) {
        String[] w = q.split(" ");
        int longest = 0;
        for (int i = 1; i < w.length; i++) if (w[i].length() > w[longest].length()) longest = i;
        w[longest] = EvaluationSet.typos(w[longest], 1, r);
        return String.join(" ", w);
    }

    /** One substitution in a token of 2–4 letters, or null when the name has none. */
    static String typoInShortToken(String name, Random r) {
        String[] w = name.split(" ");
        List<Integer> shorts = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            String letters = w[i].replaceAll("[^\\p{L}]", "");
            if (letters.length() >= 2 && letters.length() <= 4 && letters.equals(w[i].replaceAll("[,.]$", ""))
                    && !NameNormalizer.isOnlyLegalForm(w[i])) shorts.add(i);
        }
        if (shorts.isEmpty() || w.length < 2) return null;
        int i = shorts.get(r.nextInt(shorts.size()));
        StringBuilder t = new StringBuilder(w[i]);
        int pos = r.nextInt(t.length());
        while (!Character.isLetter(t.charAt(pos))) pos = r.nextInt(t.length());
        char c = t.charAt(pos);
        char x = (char) ('a' + r.nextInt(26));
        if (Character.toLowerCase(x) == Character.toLowerCase(c)) x = x == 'z' ? 'a' : (char) (x + 1);
        t.setCharAt(pos, Character.isUpperCase(c) ? Character.toUpperCase(x) : x);
        w[i] = t.toString();
        return String.join(" ", w);
    }

    /** The entity's name without a trailing legal form, then a legal form with one letter edited. */
    static String misspeltLegalForm(String name, Random r) {
        List<String> w = new ArrayList<>(Arrays.asList(name.trim().split("\\s+")));
        while (w.size() > 1 && TRAILING_FORMS.contains(w.get(w.size() - 1).replaceAll("[.,()]", "").toLowerCase(Locale.ROOT))) {
            w.remove(w.size() - 1);
        }
        String base = String.join(" ", w).replaceAll("[,\\s]+$", "");
        String form = NOISY_LEGAL[r.nextInt(NOISY_LEGAL.length)];
        String noisy = form;
        for (int k = 0; k < 10 && noisy.equals(form); k++) noisy = EvaluationSet.typos(form, 1, r);
        if (r.nextBoolean()) noisy = noisy.toUpperCase(Locale.ROOT);
        return base + (r.nextBoolean() ? ", " : " ") + noisy;
    }
}
