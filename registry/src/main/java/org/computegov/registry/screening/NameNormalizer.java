package org.computegov.registry.screening;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a published or customer-supplied name into comparable tokens:
 * <ol>
 *   <li>CSL suffixes such as "; and any successor, sub-unit, or subsidiary thereof" are cut;</li>
 *   <li>Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian) and Greek letters are transliterated to
 *       Latin (a simplified BGN/PCGN scheme); other non-Latin scripts are kept and flagged;</li>
 *   <li>case is folded, diacritics removed (NFKD, combining marks dropped) and letters without a decomposition
 *       mapped (ł→l, ø→o, æ→ae, ß→ss, đ→d, þ→th, ı→i, œ→oe);</li>
 *   <li>apostrophes are dropped inside words (QAR'AWI → qarawi), dotted initialisms joined (S.A. → sa),
 *       "&amp;" read as "and", any other punctuation splits words;</li>
 *   <li>common abbreviations are expanded (intl → international, mfg → manufacturing, …);</li>
 *   <li>legal forms (LLC, Ltd, Co., Co. Ltd, Inc, GmbH, JSC, OOO, LLP, SA, AG, PLC, Corporation, Company, Limited,
 *       their Russian spelled-out forms, …) and the stop words and/of/the/for are removed, unless nothing would
 *       remain.</li>
 * </ol>
 * Thread-safe and stateless.
 */
public final class NameNormalizer {
    private static final Pattern SUCCESSOR = Pattern.compile(
            "(?i)[;,]?\\s*(?:\\b(?:and|including|or)\\s+)?\\b(?:any|all|its)\\s+(?:successors?|sub-?units?|subsidiar(?:y|ies)|affiliates?)\\b.*$");
    private static final Pattern INITIALISM = Pattern.compile("(?<![\\p{L}\\p{N}])(?:\\p{L}\\.){2,}");
    private static final Pattern APOSTROPHE = Pattern.compile("(?<=\\p{L})['’‘`´ʼʻ](?=\\p{L})|['’‘`´ʼʻ]");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private static final Map<Character, String> TRANSLIT = new HashMap<>();
    private static final Map<String, String> ABBREVIATIONS = new HashMap<>();
    private static final Set<String> LEGAL_FORMS = Set.of(
            "llc", "ltd", "co", "inc", "gmbh", "jsc", "ojsc", "cjsc", "pjsc", "ooo", "oao", "zao", "pao", "ao", "llp",
            "sa", "ag", "plc", "corporation", "corp", "company", "limited", "incorporated", "bv", "nv", "srl", "spa",
            "sarl", "sas", "kg", "kgaa", "ab", "oy", "oyj", "pte", "pty", "pvt", "bhd", "fze", "fzco", "fzc", "fzllc",
            "sae", "liability", "tov", "dooel", "doo", "sro", "kft", "zrt", "ltda", "sal", "wll", "lp", "cv", "ead",
            "eood", "ood", "sapi");
    /** Words of multi-word legal forms, which a misspelt form is also compared with ("Sdk. Bhd."). */
    private static final Set<String> LEGAL_PARTS = Set.of("sdn", "rl");
    /** Multi-word legal forms, removed as sequences (after abbreviation expansion). */
    private static final List<String[]> LEGAL_SEQUENCES = List.of(
            "limited liability company".split(" "), "limited liability partnership".split(" "),
            "limited partnership".split(" "), "public limited company".split(" "), "joint stock company".split(" "),
            "sdn bhd".split(" "), "sa de cv".split(" "), "sapi de cv".split(" "), "de cv".split(" "),
            "s de rl".split(" "), "de rl".split(" "), "s en c".split(" "), "y cia".split(" "), "e cia".split(" "),
            "cia ltda".split(" "), "s a".split(" "), "s a r l".split(" "), "s r l".split(" "), "s p a".split(" "),
            "sp z o o".split(" "), "obshchestvo s ogranichennoi otvetstvennostyu".split(" "),
            "obshchestvo s ogranichennoy otvetstvennostyu".split(" "),
            "tovarystvo z obmezhenoyu vidpovidalnistyu".split(" "),
            "otkrytoe aktsionernoe obshchestvo".split(" "), "zakrytoe aktsionernoe obshchestvo".split(" "),
            "publichnoe aktsionernoe obshchestvo".split(" "), "aktsionernoe obshchestvo".split(" "),
            "aktsionerne tovarystvo".split(" "));
    /** Long legal-form words, also removed when misspelt by one edit (two for 10+ letters): "limtied", "cmopany". */
    private static final List<String> FUZZY_LEGAL_FORMS = List.of("company", "limited", "liability", "corporation", "incorporated", "partnership");
    private static final Set<String> STOP_WORDS = Set.of("and", "of", "the", "for", "und", "et");

    static {
        String[][] cyr = {
                {"а", "a"}, {"б", "b"}, {"в", "v"}, {"г", "g"}, {"д", "d"}, {"е", "e"}, {"ё", "e"}, {"ж", "zh"},
                {"з", "z"}, {"и", "i"}, {"й", "y"}, {"к", "k"}, {"л", "l"}, {"м", "m"}, {"н", "n"}, {"о", "o"},
                {"п", "p"}, {"р", "r"}, {"с", "s"}, {"т", "t"}, {"у", "u"}, {"ф", "f"}, {"х", "kh"}, {"ц", "ts"},
                {"ч", "ch"}, {"ш", "sh"}, {"щ", "shch"}, {"ъ", ""}, {"ы", "y"}, {"ь", ""}, {"э", "e"}, {"ю", "yu"},
                {"я", "ya"}, {"є", "ye"}, {"і", "i"}, {"ї", "yi"}, {"ґ", "g"}, {"ў", "u"}, {"ђ", "dj"}, {"ј", "j"},
                {"љ", "lj"}, {"њ", "nj"}, {"ћ", "c"}, {"џ", "dz"}, {"ѓ", "g"}, {"ќ", "k"}, {"ѕ", "dz"},
                // Greek
                {"α", "a"}, {"β", "v"}, {"γ", "g"}, {"δ", "d"}, {"ε", "e"}, {"ζ", "z"}, {"η", "i"}, {"θ", "th"},
                {"ι", "i"}, {"κ", "k"}, {"λ", "l"}, {"μ", "m"}, {"ν", "n"}, {"ξ", "x"}, {"ο", "o"}, {"π", "p"},
                {"ρ", "r"}, {"σ", "s"}, {"ς", "s"}, {"τ", "t"}, {"υ", "y"}, {"φ", "f"}, {"χ", "ch"}, {"ψ", "ps"},
                {"ω", "o"},
                // Latin letters without a canonical decomposition
                {"ł", "l"}, {"ø", "o"}, {"æ", "ae"}, {"œ", "oe"}, {"ß", "ss"}, {"đ", "d"}, {"ð", "d"}, {"þ", "th"},
                {"ı", "i"}, {"ħ", "h"}, {"ŀ", "l"}, {"ĸ", "k"}, {"ŋ", "ng"}, {"ſ", "s"}, {"ƒ", "f"}, {"ə", "e"},
        };
        for (String[] e : cyr) TRANSLIT.put(e[0].charAt(0), e[1]);
        String[][] abbr = {
                {"intl", "international"}, {"int", "international"}, {"natl", "national"}, {"univ", "university"},
                {"inst", "institute"}, {"acad", "academy"}, {"tech", "technology"}, {"mfg", "manufacturing"},
                {"svcs", "services"}, {"svc", "service"}, {"grp", "group"}, {"hldgs", "holdings"}, {"hldg", "holding"},
                {"dept", "department"}, {"bros", "brothers"}, {"assn", "association"}, {"assoc", "association"},
                {"mgmt", "management"}, {"mgt", "management"}, {"ctr", "center"}, {"centre", "center"},
                {"org", "organization"}, {"organisation", "organization"}, {"trdg", "trading"}, {"engg", "engineering"},
                {"eng", "engineering"}, {"coop", "cooperative"}, {"mt", "mount"}, {"ft", "fort"}, {"ind", "industrial"},
                {"inds", "industries"}, {"labs", "laboratories"}, {"lab", "laboratory"}, {"sci", "scientific"},
                {"dev", "development"}, {"elec", "electronics"}, {"equip", "equipment"},
                {"transp", "transport"}, {"shpg", "shipping"},
        };
        for (String[] e : abbr) ABBREVIATIONS.put(e[0], e[1]);
    }

    private NameNormalizer() {
    }

    /** Normalizes a name into tokens; a null or blank name gives no tokens. */
    public static NormalizedName normalize(String raw) {
        if (raw == null || raw.isBlank()) return new NormalizedName(List.of(), false);
        String s = raw;
        String cut = SUCCESSOR.matcher(s).replaceFirst("");
        if (!cut.isBlank()) s = cut;
        boolean[] untrans = new boolean[1];
        s = fold(s, untrans);
        s = INITIALISM.matcher(s).replaceAll(m -> m.group().replace(".", ""));
        s = APOSTROPHE.matcher(s).replaceAll("");
        s = s.replace("&", " and ");
        String[] parts = NON_WORD.split(s);
        List<String> tokens = new ArrayList<>(parts.length);
        for (String p : parts) {
            if (p.isEmpty()) continue;
            tokens.add(ABBREVIATIONS.getOrDefault(p, p));
        }
        List<String> core = removeLegalForms(tokens);
        core.removeIf(STOP_WORDS::contains);
        if (core.isEmpty()) {
            core = new ArrayList<>(tokens);
            core.removeIf(STOP_WORDS::contains);
            if (core.isEmpty()) core = tokens;
        }
        return new NormalizedName(core, untrans[0]);
    }

    /**
     * Case, diacritics and transliteration only (no token rules): for addresses and for callers that want to
     * compare free text the way names are compared.
     */
    public static String fold(String raw) {
        return fold(raw, new boolean[1]);
    }

    /** True when the text has letters of a script that {@link #normalize} cannot transliterate to Latin. */
    public static boolean hasUntransliteratedScript(String raw) {
        boolean[] u = new boolean[1];
        fold(raw, u);
        return u[0];
    }

    private static String fold(String raw, boolean[] untransliterated) {
        String lower = raw.toLowerCase(Locale.ROOT);
        String mapped = Normalizer.normalize(mapLetters(lower), Normalizer.Form.NFKD);
        mapped = MARKS.matcher(mapped).replaceAll("");
        mapped = mapLetters(mapped);
        for (int i = 0; i < mapped.length(); ) {
            int cp = mapped.codePointAt(i);
            if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN) {
                untransliterated[0] = true;
                break;
            }
            i += Character.charCount(cp);
        }
        return mapped;
    }

    private static String mapLetters(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = c < 0x80 ? null : TRANSLIT.get(c);
            if (r != null) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 8);
                    sb.append(s, 0, i);
                }
                sb.append(r);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** True when the text is nothing but legal forms and stop words ("PTY", "Co., Ltd."). */
    public static boolean isOnlyLegalForm(String raw) {
        List<String> tokens = new ArrayList<>();
        for (String p : NON_WORD.split(INITIALISM.matcher(fold(raw)).replaceAll(m -> m.group().replace(".", "")))) {
            if (!p.isEmpty()) tokens.add(ABBREVIATIONS.getOrDefault(p, p));
        }
        List<String> rest = removeLegalForms(tokens);
        rest.removeIf(STOP_WORDS::contains);
        return !tokens.isEmpty() && rest.isEmpty();
    }

    /** Words that join legal forms ("S.A. de C.V.", "S. en C.", "y Cía."), misspelt along with them. */
    private static final Set<String> LEGAL_CONNECTORS = Set.of("de", "en", "cia");

    /**
     * True when a token is one edit (or a swap) from a legal form or a word joining legal forms: "Ltdd", "LCC",
     * "GmbQ", "Icn", "Pte" for "Pty", "dm" for "de". The matcher drops such a token from the end of a query when the
     * list does not know it, so that a misspelt legal form does not count as an unmatched word; the normalizer
     * cannot, since "Pye" is also a surname.
     */
    public static boolean isNoisyLegalForm(String t) {
        if (t.length() < 2 || t.length() > 6) return false;
        for (String f : LEGAL_FORMS) {
            if (f.length() < 2 || Math.abs(f.length() - t.length()) > 1 || f.length() > 6) continue;
            // two letters against two letters is too loose on its own ("un", "ng" for "ag"): one more letter is not
            if (f.length() == 2 && t.length() == 2) continue;
            if (osaDistance(t, f, 1) <= 1) return true;
        }
        for (String f : LEGAL_PARTS) {
            if (Math.abs(f.length() - t.length()) <= 1 && osaDistance(t, f, 1) <= 1) return true;
        }
        for (String f : LEGAL_CONNECTORS) {
            if (f.length() == t.length() && osaDistance(t, f, 1) <= 1) return true;
        }
        return false;
    }

    private static boolean isMisspeltLegalForm(String t) {
        if (t.length() < 6) return false;
        for (String f : FUZZY_LEGAL_FORMS) {
            if (Math.abs(f.length() - t.length()) > 2) continue;
            // one edit leaves the first letter, or the second in place, or shifts one of them by one
            if (t.charAt(0) != f.charAt(0) && t.charAt(1) != f.charAt(1) && t.charAt(0) != f.charAt(1) && t.charAt(1) != f.charAt(0)) continue;
            int max = f.length() >= 10 ? 2 : 1;
            if (osaDistance(t, f, max) <= max) return true;
        }
        return false;
    }

    /** Optimal string alignment distance (edits and adjacent swaps), stopping early above {@code max}. */
    static int osaDistance(String a, String b, int max) {
        int n = a.length(), m = b.length();
        if (Math.abs(n - m) > max) return max + 1;
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) return max + 1;
        }
        return d[n][m];
    }

    private static List<String> removeLegalForms(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        int i = 0;
        outer:
        while (i < tokens.size()) {
            for (String[] seq : LEGAL_SEQUENCES) {
                if (i + seq.length <= tokens.size()) {
                    boolean match = true;
                    for (int k = 0; k < seq.length && match; k++) match = tokens.get(i + k).equals(seq[k]);
                    if (match) {
                        i += seq.length;
                        continue outer;
                    }
                }
            }
            String t = tokens.get(i++);
            if (!LEGAL_FORMS.contains(t) && !isMisspeltLegalForm(t)) out.add(t);
        }
        return out;
    }
}
