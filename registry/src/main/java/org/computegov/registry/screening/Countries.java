package org.computegov.registry.screening;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Country names and codes to ISO 3166-1 alpha-2: the JDK's English country names, the ISO codes themselves, and
 * the spellings the OFAC and CSL files use ("Korea, North", "Burma", "Region: Crimea" is not a country and gives null).
 */
public final class Countries {
    private static final Set<String> CODES = Set.of(Locale.getISOCountries());
    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        for (String code : Locale.getISOCountries()) {
            String display = new Locale.Builder().setRegion(code).build().getDisplayCountry(Locale.ENGLISH);
            put(display, code);
            int paren = display.indexOf('(');
            if (paren > 0) {
                put(display.substring(0, paren), code);
                put(display.substring(paren + 1).replace(")", ""), code);
            }
        }
        String[][] extra = {
                {"Russia", "RU"}, {"Russian Federation", "RU"}, {"Iran", "IR"}, {"Iran, Islamic Republic of", "IR"},
                {"Syria", "SY"}, {"Syrian Arab Republic", "SY"}, {"North Korea", "KP"}, {"Korea, North", "KP"},
                {"Democratic People's Republic of Korea", "KP"}, {"DPRK", "KP"}, {"South Korea", "KR"},
                {"Korea, South", "KR"}, {"Republic of Korea", "KR"}, {"Burma", "MM"}, {"Myanmar", "MM"},
                {"Venezuela", "VE"}, {"Bolivia", "BO"}, {"Tanzania", "TZ"}, {"Vietnam", "VN"}, {"Viet Nam", "VN"},
                {"Laos", "LA"}, {"Moldova", "MD"}, {"Macedonia", "MK"}, {"North Macedonia", "MK"},
                {"Congo, Democratic Republic of the", "CD"}, {"Democratic Republic of the Congo", "CD"},
                {"Congo, Republic of the", "CG"}, {"Republic of the Congo", "CG"}, {"Cote d'Ivoire", "CI"},
                {"Ivory Coast", "CI"}, {"Czech Republic", "CZ"}, {"Czechia", "CZ"}, {"United States", "US"},
                {"United States of America", "US"}, {"USA", "US"}, {"United Kingdom", "GB"}, {"UK", "GB"},
                {"Great Britain", "GB"}, {"Turkey", "TR"}, {"Turkiye", "TR"}, {"West Bank", "PS"}, {"Gaza", "PS"},
                {"Palestinian", "PS"}, {"Palestine", "PS"}, {"Kosovo", "XK"}, {"China", "CN"}, {"Hong Kong", "HK"},
                {"Taiwan", "TW"}, {"Macau", "MO"}, {"Brunei", "BN"}, {"Cape Verde", "CV"}, {"Eswatini", "SZ"},
                {"Swaziland", "SZ"}, {"Bahamas", "BS"}, {"The Bahamas", "BS"}, {"Gambia", "GM"}, {"The Gambia", "GM"},
                {"Micronesia", "FM"}, {"Bosnia and Herzegovina", "BA"}, {"Trinidad and Tobago", "TT"},
                {"Antigua and Barbuda", "AG"}, {"Saint Kitts and Nevis", "KN"}, {"Saint Vincent and the Grenadines", "VC"},
                {"Sao Tome and Principe", "ST"}, {"Vatican City", "VA"}, {"Holy See", "VA"}, {"Timor-Leste", "TL"},
                {"East Timor", "TL"}, {"United Arab Emirates", "AE"}, {"UAE", "AE"}, {"Netherlands", "NL"},
                {"The Netherlands", "NL"}, {"Kyrgyzstan", "KG"}, {"Belarus", "BY"}, {"Ukraine", "UA"},
        };
        for (String[] e : extra) put(e[0], e[1]);
    }

    private Countries() {
    }

    private static void put(String name, String code) {
        BY_NAME.putIfAbsent(key(name), code);
    }

    private static String key(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return d.toLowerCase(Locale.ROOT).replace("&", " and ").replaceAll("[^a-z0-9]+", " ").trim();
    }

    /**
     * The ISO alpha-2 code for a code ("cn", "CN") or an English name ("China", "Korea, North"); null when
     * unknown or blank.
     */
    public static String toIso2(String codeOrName) {
        if (codeOrName == null) return null;
        String t = codeOrName.strip();
        if (t.isEmpty()) return null;
        if (t.length() == 2) {
            String up = t.toUpperCase(Locale.ROOT);
            if (CODES.contains(up) || up.equals("XK")) return up;
        }
        return BY_NAME.get(key(t));
    }
}
