package org.computegov.registry.screening;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A labelled evaluation set built from real list entries: name variants that should find their entry (positives)
 * and names that are on no list (negatives). Deterministic for a seed.
 */
final class EvaluationSet {
    /** A query and the key of the entry it should find, or null for a name on no list. */
    record Case(String kind, String query, String expectedKey) {
        boolean positive() {
            return expectedKey != null;
        }
    }

    static final List<String> POSITIVE_KINDS = List.of("case-punct", "diacritics", "reorder", "legal-form", "typo-1", "typo-2",
            "alias", "given-surname", "given-surname-typo", "short-token", "legal-form-typo");

    private static final String[] LEGAL = {"LLC", "Ltd", "Co., Ltd.", "Inc.", "GmbH", "JSC", "OOO", "LLP", "S.A.", "AG", "PLC",
            "Corporation", "Company", "Limited"};
    private static final Map<Character, char[]> ACCENTS = Map.of(
            'a', new char[]{'á', 'à', 'ä', 'â', 'ã'}, 'e', new char[]{'é', 'è', 'ë', 'ê'}, 'i', new char[]{'í', 'ï', 'î'},
            'o', new char[]{'ó', 'ö', 'ô', 'õ'}, 'u', new char[]{'ú', 'ü', 'û'}, 'c', new char[]{'ç', 'č'},
            'n', new char[]{'ñ', 'ń'}, 's', new char[]{'š', 'ş'}, 'z', new char[]{'ž', 'ż'}, 'l', new char[]{'ł'});
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    // plausible names that are on no list
    static final String[] FIRST = {"Emily", "James", "Olivia", "Liam", "Sophia", "Noah", "Charlotte", "Oliver", "Amelia", "Lucas",
            "Hannah", "Ethan", "Grace", "Henry", "Chloe", "Samuel", "Isabel", "Daniel", "Laura", "Matthew", "Anna", "Thomas",
            "Julia", "Benjamin", "Sarah", "Jonas", "Ingrid", "Lars", "Astrid", "Pierre", "Claire", "Mateo", "Lucia", "Giulia",
            "Marco", "Hiroshi", "Yuki", "Priya", "Rahul", "Ananya", "Min-jun", "Seo-yeon", "Kwame", "Amara", "Chidi", "Sven",
            "Freya", "Dmitri", "Katarzyna", "Piotr", "Zofia", "Elif", "Mehmet", "Ayesha", "Tariq", "Nadia", "Carlos", "Valentina",
            "Diego", "Camila"};
    static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
            "Thomas", "Moore", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "King",
            "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips",
            "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan",
            "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Lindqvist", "Johansson", "Dubois", "Lefebvre", "Rossi",
            "Bianchi", "Tanaka", "Suzuki", "Sharma", "Iyer", "Kowalski", "Nowak", "Okafor", "Mensah", "Yilmaz", "Fernandes"};
    static final String[] COMPANY_WORDS = {"Harborview", "Meridian", "Bluestone", "Northwind", "Silverline", "Brightwater",
            "Oakridge", "Summit", "Pinecrest", "Redwood", "Clearpath", "Greenfield", "Lakeshore", "Ironbridge", "Westbrook",
            "Stonegate", "Riverbend", "Highland", "Evergreen", "Crescent", "Fairview", "Maplewood", "Horizon", "Keystone",
            "Lighthouse", "Copperfield", "Bayside", "Granite", "Willow", "Falcon", "Cedar", "Beacon", "Sterling", "Sunrise",
            "Atlas Peak", "Blue Heron", "Quarry Hill", "Windmill", "Open Field", "Tidewater"};
    static final String[] INDUSTRIES = {"Analytics", "Cloud Services", "Data Systems", "Logistics", "Robotics", "Software",
            "Consulting", "Capital", "Biotech", "Energy", "Media", "Labs", "Networks", "Hosting", "Semiconductors", "Foods",
            "Design", "Partners", "Research", "Security", "Learning", "Vision", "Health", "Mobility"};

    private EvaluationSet() {
    }

    /**
     * Positives: for each sampled entry, one case of every applicable kind. Negatives: {@code negatives} plausible
     * companies and people (half each) and {@code nearMisses} real list names whose most distinctive word is replaced.
     * Names that normalize exactly to a listed name are left out of the negatives.
     */
    static List<Case> build(ScreeningIndex index, int sampleEntries, int negatives, int nearMisses, long seed) {
        return build(index, sampleEntries, negatives, nearMisses, 0, seed);
    }

    /**
     * As {@link #build(ScreeningIndex, int, int, int, long)}, with {@code partialNegatives} hard negatives for
     * partial matching (half a listed person's given name with a common surname, half a common given name with a
     * listed surname), none of them a listed person's given name and surname together.
     */
    static List<Case> build(ScreeningIndex index, int sampleEntries, int negatives, int nearMisses, int partialNegatives,
            long seed) {
        Random r = new Random(seed);
        List<ListEntry> entries = new ArrayList<>(index.list().entries());
        Collections.shuffle(entries, r);
        List<Case> out = new ArrayList<>();
        int taken = 0;
        for (ListEntry e : entries) {
            if (taken >= sampleEntries) break;
            if (e.source().startsWith("Synthetic")) continue;
            // compute customers are people and organisations: vessels and aircraft are not sampled
            if (e.type().equals("Vessel") || e.type().equals("Aircraft")) continue;
            if (NameNormalizer.normalize(e.name()).tokens().size() < 1) continue;
            taken++;
            String n = e.name();
            out.add(new Case("case-punct", casePunct(n, r), e.key()));
            out.add(new Case("diacritics", diacritics(n, r), e.key()));
            List<String> words = List.of(n.replace(",", " ").trim().split("\\s+"));
            if (words.size() >= 2) out.add(new Case("reorder", reorder(words, r), e.key()));
            if (!e.type().equals("Individual")) out.add(new Case("legal-form", legalForm(n, r), e.key()));
            out.add(new Case("typo-1", typos(n, 1, r), e.key()));
            out.add(new Case("typo-2", typos(n, 2, r), e.key()));
            // issue 13: partial person names, short tokens, misspelt legal forms
            HardVariants.PersonName person = HardVariants.PersonName.of(e);
            if (person != null && person.tokens() >= 3) {
                String q = HardVariants.givenSurname(person, r);
                out.add(new Case("given-surname", q, e.key()));
                out.add(new Case("given-surname-typo", HardVariants.typoInLongest(q, r), e.key()));
            }
            String shortTypo = HardVariants.typoInShortToken(n, r);
            if (shortTypo != null) out.add(new Case("short-token", shortTypo, e.key()));
            if (e.type().equals("Entity") || e.type().isEmpty()) {
                out.add(new Case("legal-form-typo", HardVariants.misspeltLegalForm(n, r), e.key()));
            }
            if (!e.altNames().isEmpty()) {
                String alias = e.altNames().get(r.nextInt(e.altNames().size()));
                String v = switch (r.nextInt(3)) {
                    case 0 -> diacritics(alias, r);
                    case 1 -> casePunct(alias, r);
                    default -> typos(alias, 1, r);
                };
                out.add(new Case("alias", v, e.key()));
            }
        }
        int made = 0;
        while (made < negatives) {
            String q;
            String kind;
            if (made % 2 == 0) {
                kind = "neg-company";
                q = COMPANY_WORDS[r.nextInt(COMPANY_WORDS.length)] + " " + INDUSTRIES[r.nextInt(INDUSTRIES.length)]
                        + (r.nextBoolean() ? " " + LEGAL[r.nextInt(LEGAL.length)] : "");
            } else {
                kind = "neg-person";
                q = FIRST[r.nextInt(FIRST.length)] + (r.nextInt(4) == 0 ? " " + FIRST[r.nextInt(FIRST.length)] : "") + " "
                        + LAST[r.nextInt(LAST.length)];
            }
            if (!index.exactMatches(q).isEmpty()) continue;
            out.add(new Case(kind, q, null));
            made++;
        }
        // hard negatives for partial matching: a listed person's given name with a common surname, and the reverse
        List<HardVariants.PersonName> people = new ArrayList<>();
        for (ListEntry e : entries) {
            HardVariants.PersonName p = HardVariants.PersonName.of(e);
            if (p != null) people.add(p);
        }
        List<java.util.Set<String>> listed = new ArrayList<>();
        if (partialNegatives > 0) {
            for (ListEntry e : index.list().entries()) {
                for (String name : e.allNames()) listed.add(new java.util.HashSet<>(NameNormalizer.normalize(name).tokens()));
            }
        }
        made = 0;
        int tries = 0;
        while (made < partialNegatives && !people.isEmpty() && tries++ < partialNegatives * 20) {
            HardVariants.PersonName p = people.get(r.nextInt(people.size()));
            boolean givenListed = made % 2 == 0;
            String q = givenListed ? p.given().get(0) + " " + LAST[r.nextInt(LAST.length)]
                    : FIRST[r.nextInt(FIRST.length)] + " " + p.surname().get(0);
            q = HardVariants.title(q);
            if (!index.exactMatches(q).isEmpty() || onList(listed, q)) continue;
            out.add(new Case(givenListed ? "neg-listed-given" : "neg-listed-surname", q, null));
            made++;
        }
        made = 0;
        int guard = 0;
        while (made < nearMisses && guard++ < nearMisses * 20) {
            ListEntry e = entries.get(r.nextInt(entries.size()));
            String[] words = e.name().replace(",", " ").trim().split("\\s+");
            if (words.length < 2) continue;
            // replace the longest word: in list names the longest word is usually the distinctive one
            int longest = 0;
            for (int i = 1; i < words.length; i++) if (words[i].length() > words[longest].length()) longest = i;
            words[longest] = COMPANY_WORDS[r.nextInt(COMPANY_WORDS.length)].split(" ")[0];
            String q = String.join(" ", words);
            if (!index.exactMatches(q).isEmpty()) continue;
            out.add(new Case("neg-near-miss", q, null));
            made++;
        }
        return out;
    }

    /** True when some listed name has every word of the query among its words. */
    private static boolean onList(List<java.util.Set<String>> listed, String q) {
        List<String> qt = NameNormalizer.normalize(q).tokens();
        for (java.util.Set<String> names : listed) {
            if (names.containsAll(qt)) return true;
        }
        return false;
    }

    static String casePunct(String n, Random r) {
        String s = r.nextBoolean() ? n.toLowerCase(Locale.ROOT) : n.toUpperCase(Locale.ROOT);
        s = s.replace(",", "").replace(".", "").replace("-", " ").replace("'", "");
        return r.nextBoolean() ? s : s.replace(" ", "  ");
    }

    /** Accents on about a third of the letters that have accented forms, at least one when the name has any. */
    static String diacritics(String n, Random r) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < n.length(); i++) if (ACCENTS.containsKey(Character.toLowerCase(n.charAt(i)))) positions.add(i);
        if (positions.isEmpty()) return n;
        StringBuilder sb = new StringBuilder(n);
        int forced = positions.get(r.nextInt(positions.size()));
        for (int i : positions) {
            if (i != forced && r.nextInt(3) != 0) continue;
            char c = n.charAt(i);
            char[] alts = ACCENTS.get(Character.toLowerCase(c));
            char a = alts[r.nextInt(alts.length)];
            sb.setCharAt(i, Character.isUpperCase(c) ? Character.toUpperCase(a) : a);
        }
        return sb.toString();
    }

    static String reorder(List<String> words, Random r) {
        List<String> w = new ArrayList<>(words);
        List<String> orig = List.copyOf(w);
        for (int k = 0; k < 5 && w.equals(orig); k++) Collections.shuffle(w, r);
        if (w.equals(orig)) Collections.reverse(w);
        return String.join(" ", w);
    }

    static String legalForm(String n, Random r) {
        NormalizedName norm = NameNormalizer.normalize(n);
        String[] words = n.split("\\s+");
        String last = words[words.length - 1].replaceAll("[.,]", "").toLowerCase(Locale.ROOT);
        // drop a trailing legal form when there is one, else add one
        for (String l : LEGAL) {
            String lf = l.replaceAll("[.,]", "").toLowerCase(Locale.ROOT);
            if (lf.endsWith(last) && words.length > 1 && !norm.tokens().isEmpty()) {
                return String.join(" ", java.util.Arrays.copyOf(words, words.length - 1)).replaceAll("[,\\s]+$", "");
            }
        }
        return n + (r.nextBoolean() ? ", " : " ") + LEGAL[r.nextInt(LEGAL.length)];
    }

    /** {@code count} one-character edits (substitute, delete, insert, swap neighbours) at letters of different words where possible. */
    static String typos(String n, int count, Random r) {
        StringBuilder s = new StringBuilder(n);
        int lastPos = -10;
        for (int k = 0; k < count; k++) {
            int pos = -1;
            for (int tries = 0; tries < 50; tries++) {
                int p = r.nextInt(s.length());
                if (Character.isLetter(s.charAt(p)) && Math.abs(p - lastPos) > 1) {
                    pos = p;
                    break;
                }
            }
            if (pos < 0) break;
            lastPos = pos;
            char c = s.charAt(pos);
            char x = LETTERS.charAt(r.nextInt(LETTERS.length()));
            if (Character.isUpperCase(c)) x = Character.toUpperCase(x);
            switch (r.nextInt(4)) {
                case 0 -> s.setCharAt(pos, x == c ? (char) (c + 1) : x);
                case 1 -> s.deleteCharAt(pos);
                case 2 -> s.insert(pos, x);
                default -> {
                    if (pos + 1 < s.length() && Character.isLetter(s.charAt(pos + 1)) && s.charAt(pos + 1) != c) {
                        s.setCharAt(pos, s.charAt(pos + 1));
                        s.setCharAt(pos + 1, c);
                    } else {
                        s.setCharAt(pos, x == c ? (char) (c + 1) : x);
                    }
                }
            }
        }
        return s.toString();
    }
}
