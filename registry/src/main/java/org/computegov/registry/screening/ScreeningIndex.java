package org.computegov.registry.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * A {@link ScreeningList} indexed for fuzzy name screening. Immutable and thread-safe once built.
 *
 * <h2>Names</h2>
 * Every entry contributes its primary name and every alias; a name with a parenthesised part ("Academy of
 * Aerospace Solid Propulsion Technology (AASPT)") also contributes the name without it and the part on its own
 * (as an alias). Each is normalized by {@link NameNormalizer}.
 *
 * <h2>Score</h2>
 * Query tokens are paired with a candidate name's tokens, each token used at most once, greedily from the most
 * similar pair down (Jaro–Winkler; a pair counts only from 0.80, from 0.85 when the shorter token has 3–4
 * letters, and only when equal for 1–2 letters; joined tokens from 0.92); a query token left over may pair with two adjacent candidate
 * tokens joined (and the other way round), so "aerocaribbean" meets "aero caribbean". Tokens are weighted by
 * inverse document frequency over all indexed names (ln(1 + N/df)), times 0.3 for one letter and 0.6 for two.
 * The name score is a weighted soft Dice coefficient:
 * <pre>  Σ over pairs of sim × (w_query + w_list) / (Σ w_query + Σ w_list)</pre>
 * so unmatched tokens on either side lower it. A query token not in the index takes the weight of the list
 * token it pairs with, or the highest weight when it pairs with none. An entry's name score is its best over
 * its names and the query's names.
 *
 * <h2>Blocking</h2>
 * Tokens of three characters or more are indexed under each three-character subsequence of their first four
 * characters (a deletion neighbourhood: any single edit leaves a key in common), shorter ones whole. A query
 * visits only names sharing a key with one of its tokens, and scores only those whose upper bound (all
 * key-sharing query tokens matched perfectly by the best candidate tokens, up to two each, the others matching
 * nothing) can reach the threshold.
 */
public final class ScreeningIndex {
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    private static final Pattern PARENS = Pattern.compile("\\(([^()]*)\\)");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MAX_QUERY_TOKENS = 31;
    private static final double BOUND_SLACK = 0.02;
    static final double JOINED_FLOOR = 0.92;
    /** Least Jaro–Winkler similarity for a pair when the shorter token has 3–4 characters. */
    static final double SHORT_FLOOR = 0.85;
    /** Least Jaro–Winkler similarity for a pair of longer tokens. */
    static final double LONG_FLOOR = 0.80;

    private final ScreeningList list;
    // tokens
    private final Map<String, Integer> tokenIds;
    private final String[] tokens;
    private final double[] tokenWeight;
    private final double unknownWeight;
    // names
    private final int[] nameEntry;
    private final boolean[] nameIsAlias;
    private final String[] nameRaw;
    private final int[][] nameTokens;
    private final double[] nameTotal;
    private final double[][] nameTopPrefix;
    // blocking and exact lookup
    private final Map<String, int[]> postings;
    private final Map<String, int[]> exact;
    private final ThreadLocal<Scratch> scratch;

    private ScreeningIndex(ScreeningList list) {
        this.list = list;
        List<ListEntry> entries = list.entries();
        List<Integer> ne = new ArrayList<>();
        List<Boolean> na = new ArrayList<>();
        List<String> nr = new ArrayList<>();
        List<List<String>> nt = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            ListEntry entry = entries.get(e);
            Set<String> seen = new HashSet<>();
            List<String> all = entry.allNames();
            for (int k = 0; k < all.size(); k++) {
                for (Variant v : variants(all.get(k), k > 0, true)) {
                    NormalizedName n = NameNormalizer.normalize(v.raw);
                    if (n.isEmpty() || !seen.add(n.sortedKey())) continue;
                    ne.add(e);
                    na.add(v.alias);
                    nr.add(v.raw);
                    nt.add(n.tokens());
                }
            }
        }
        int names = ne.size();
        tokenIds = new HashMap<>();
        List<String> tokList = new ArrayList<>();
        List<Integer> df = new ArrayList<>();
        nameEntry = new int[names];
        nameIsAlias = new boolean[names];
        nameRaw = new String[names];
        nameTokens = new int[names][];
        for (int n = 0; n < names; n++) {
            nameEntry[n] = ne.get(n);
            nameIsAlias[n] = na.get(n);
            nameRaw[n] = nr.get(n);
            List<String> ts = nt.get(n);
            int[] ids = new int[Math.min(ts.size(), MAX_QUERY_TOKENS)];
            Set<Integer> counted = new HashSet<>();
            for (int i = 0; i < ids.length; i++) {
                String t = ts.get(i);
                Integer id = tokenIds.get(t);
                if (id == null) {
                    id = tokList.size();
                    tokenIds.put(t, id);
                    tokList.add(t);
                    df.add(0);
                }
                ids[i] = id;
                if (counted.add(id)) df.set(id, df.get(id) + 1);
            }
            nameTokens[n] = ids;
        }
        tokens = tokList.toArray(new String[0]);
        tokenWeight = new double[tokens.length];
        double nn = Math.max(1, names);
        for (int t = 0; t < tokens.length; t++) tokenWeight[t] = idf(nn, df.get(t)) * lengthFactor(tokens[t].length());
        unknownWeight = idf(nn, 1);
        nameTotal = new double[names];
        nameTopPrefix = new double[names][];
        Map<String, IntList> post = new HashMap<>();
        Map<String, IntList> ex = new HashMap<>();
        for (int n = 0; n < names; n++) {
            int[] ids = nameTokens[n];
            double[] w = new double[ids.length];
            for (int i = 0; i < ids.length; i++) w[i] = tokenWeight[ids[i]];
            Arrays.sort(w);
            double[] prefix = new double[ids.length + 1];
            for (int i = 0; i < w.length; i++) prefix[i + 1] = prefix[i] + w[w.length - 1 - i];
            nameTopPrefix[n] = prefix;
            nameTotal[n] = prefix[ids.length];
            for (int id : ids) for (String key : keys(tokens[id])) post.computeIfAbsent(key, x -> new IntList()).addUnique(n);
            ex.computeIfAbsent(sortedKey(ids), x -> new IntList()).addUnique(nameEntry[n]);
        }
        postings = new HashMap<>(post.size() * 2);
        post.forEach((k, v) -> postings.put(k, v.toArray()));
        exact = new HashMap<>(ex.size() * 2);
        ex.forEach((k, v) -> exact.put(k, v.toArray()));
        scratch = ThreadLocal.withInitial(() -> new Scratch(names));
    }

    /** Indexes a list (about a second for the 9,000-entry OFAC SDN list with its aliases). */
    public static ScreeningIndex build(ScreeningList list) {
        return new ScreeningIndex(Objects.requireNonNull(list, "list"));
    }

    public ScreeningList list() {
        return list;
    }

    /** Names indexed (primary names, aliases and their parenthesis variants, after de-duplication). */
    public int nameCount() {
        return nameEntry.length;
    }

    /** Screens one name with {@link ScreeningOptions#defaults()}. */
    public List<ScreeningResult> screen(String name) {
        return screen(ScreeningQuery.of(name), ScreeningOptions.defaults());
    }

    /** Screens a customer's name and aliases, with its country. */
    public List<ScreeningResult> screen(Customer customer, ScreeningOptions options) {
        return screen(customer.toQuery(), options);
    }

    /** Results at or above {@code options.threshold()}, best first, at most {@code options.maxResults()}. */
    public List<ScreeningResult> screen(ScreeningQuery query, ScreeningOptions options) {
        return screen(query, options, false);
    }

    /**
     * Entries whose normalized name or alias equals the query's token set exactly (order, case, diacritics and
     * legal forms aside): the baseline the benchmark compares fuzzy screening with.
     */
    public List<ListEntry> exactMatches(String name) {
        NormalizedName n = NameNormalizer.normalize(name);
        int[] ids = new int[n.tokens().size()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = tokenIds.get(n.tokens().get(i));
            if (id == null) return List.of();
            ids[i] = id;
        }
        int[] hits = exact.get(sortedKey(ids));
        if (hits == null) return List.of();
        List<ListEntry> out = new ArrayList<>(hits.length);
        for (int e : hits) out.add(list.entries().get(e));
        return out;
    }

    List<ScreeningResult> screen(ScreeningQuery query, ScreeningOptions options, boolean exhaustive) {
        String iso = query.country() == null ? null : Countries.toIso2(query.country());
        boolean countryBoost = iso != null && options.countryMode() == CountryMode.BOOST && options.countryBoost() > 0;
        boolean hasAddress = query.address() != null && !query.address().isBlank() && options.addressBoost() > 0;
        double keep = (1 - options.threshold()) / ((countryBoost ? 1 - options.countryBoost() : 1) * (hasAddress ? 1 - options.addressBoost() : 1));
        double minNameScore = Math.max(0, 1 - keep);

        Map<Integer, Best> best = new LinkedHashMap<>();
        for (String qn : query.allNames()) {
            for (Variant v : variants(qn, false, false)) {
                Query q = prepare(v.raw);
                if (q == null) continue;
                collect(q, v.raw, minNameScore, exhaustive, best);
            }
        }
        Set<String> qAddr = hasAddress ? addressTokens(query.address()) : Set.of();
        List<ScreeningResult> out = new ArrayList<>();
        for (Map.Entry<Integer, Best> me : best.entrySet()) {
            ListEntry entry = list.entries().get(me.getKey());
            Best b = me.getValue();
            EnumSet<MatchField> fields = EnumSet.of(nameIsAlias[b.name] ? MatchField.ALIAS : MatchField.NAME);
            double score = b.score;
            if (iso != null) {
                boolean known = !entry.countries().isEmpty();
                boolean match = entry.countries().contains(iso);
                if (match) fields.add(MatchField.COUNTRY);
                if (options.countryMode() == CountryMode.FILTER && known && !match) continue;
                if (match && countryBoost) score += options.countryBoost() * (1 - score);
            }
            if (hasAddress && addressMatches(qAddr, entry)) {
                fields.add(MatchField.ADDRESS);
                score += options.addressBoost() * (1 - score);
            }
            if (score + 1e-12 < options.threshold()) continue;
            Query q = prepare(b.queryName);
            StringBuilder why = new StringBuilder();
            scoreName(q, b.name, why);
            out.add(new ScreeningResult(entry, Math.min(1, score), b.score, nameRaw[b.name], b.queryName, fields, why.toString()));
        }
        out.sort(Comparator.comparingDouble(ScreeningResult::score).reversed()
                .thenComparing(r -> r.entry().key()));
        return out.size() > options.maxResults() ? List.copyOf(out.subList(0, options.maxResults())) : out;
    }

    // ---------------------------------------------------------------- query side

    /** @param stamp distinguishes this query in the per-thread similarity cache */
    private record Query(String[] tokens, int[] ids, double[] weights, double total, int stamp) {
    }

    private Query prepare(String raw) {
        List<String> ts = NameNormalizer.normalize(raw).tokens();
        if (ts.isEmpty()) return null;
        int n = Math.min(ts.size(), MAX_QUERY_TOKENS);
        String[] t = new String[n];
        int[] ids = new int[n];
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            t[i] = ts.get(i);
            Integer id = tokenIds.get(t[i]);
            ids[i] = id == null ? -1 : id;
            w[i] = id == null ? unknownWeight * lengthFactor(t[i].length()) : tokenWeight[id];
            total += w[i];
        }
        Scratch sc = scratch.get();
        if (++sc.queries == 0) sc.queries = 1;
        return new Query(t, ids, w, total, sc.queries);
    }

    private void collect(Query q, String queryName, double minNameScore, boolean exhaustive, Map<Integer, Best> best) {
        Scratch s = scratch.get();
        int[] mask = s.mask;
        int touched = 0;
        if (exhaustive) {
            for (int n = 0; n < nameEntry.length; n++) s.touched[touched++] = n;
        } else {
            for (int i = 0; i < q.tokens.length; i++) {
                int bit = 1 << i;
                for (String key : keys(q.tokens[i])) {
                    int[] p = postings.get(key);
                    if (p == null) continue;
                    for (int n : p) {
                        if (mask[n] == 0) s.touched[touched++] = n;
                        mask[n] |= bit;
                    }
                }
            }
        }
        for (int k = 0; k < touched; k++) {
            int n = s.touched[k];
            int m = mask[n];
            mask[n] = 0;
            if (!exhaustive) {
                // upper bound of the score if key-sharing query tokens matched perfectly the best list tokens, up to
                // two each (a joined pair), and the others matched nothing; an unknown query token takes its
                // partner's weight, at most the top two
                double[] prefix = nameTopPrefix[n];
                double top2 = prefix[Math.min(2, prefix.length - 1)];
                double num = 0;
                double den = nameTotal[n];
                int h = 0;
                for (int i = 0; i < q.tokens.length; i++) {
                    boolean hit = (m & (1 << i)) != 0;
                    if (hit) h++;
                    if (q.ids[i] >= 0) {
                        den += q.weights[i];
                        if (hit) num += q.weights[i];
                    } else if (hit) {
                        num += top2;
                        den += top2;
                    } else {
                        den += q.weights[i];
                    }
                }
                num += prefix[Math.min(2 * h, prefix.length - 1)];
                if (num / den + BOUND_SLACK < minNameScore) continue;
            }
            double sc = scoreName(q, n, null);
            if (sc < minNameScore) continue;
            int e = nameEntry[n];
            Best b = best.get(e);
            if (b == null || sc > b.score || (sc == b.score && !nameIsAlias[n] && nameIsAlias[b.name])) {
                best.put(e, new Best(sc, n, queryName));
            }
        }
    }

    private record Best(double score, int name, String queryName) {
    }

    // ---------------------------------------------------------------- scoring

    /** {@link #tokenSim} of query token {@code i} and indexed token {@code id}, remembered for the current query. */
    private double cachedSim(Query q, int i, int id) {
        Scratch s = scratch.get();
        if (s.stamp == null) {
            s.stamp = new int[MAX_QUERY_TOKENS][];
            s.sim = new float[MAX_QUERY_TOKENS][];
        }
        if (s.stamp[i] == null) {
            s.stamp[i] = new int[tokens.length];
            s.sim[i] = new float[tokens.length];
        }
        if (s.stamp[i][id] == q.stamp) return s.sim[i][id];
        double v = tokenSim(q.tokens[i], tokens[id]);
        s.stamp[i][id] = q.stamp;
        s.sim[i][id] = (float) v;
        return (float) v;
    }

    /** The name score of query {@code q} against indexed name {@code n}; appends the pairs to {@code why} if given. */
    double scoreName(Query q, int n, StringBuilder why) {
        int[] lt = nameTokens[n];
        int qn = q.tokens.length;
        int ln = lt.length;
        Scratch s = scratch.get();
        double[] ps = s.pairSim;
        int[] pi = s.pairQ;
        int[] pj = s.pairL;
        boolean[] qUsed = s.qUsed;
        boolean[] lUsed = s.lUsed;
        double[] qw = s.qWeight;
        // candidate pairs with a usable similarity
        int np = 0;
        for (int i = 0; i < qn; i++) {
            qUsed[i] = false;
            qw[i] = q.weights[i];
            for (int j = 0; j < ln; j++) {
                double sim = q.ids[i] == lt[j] ? 1.0 : cachedSim(q, i, lt[j]);
                if (sim > 0) {
                    ps[np] = sim;
                    pi[np] = i;
                    pj[np] = j;
                    np++;
                }
            }
        }
        for (int j = 0; j < ln; j++) lUsed[j] = false;
        // greedy assignment, most similar pair first (earliest on ties); each token used once
        double num = 0;
        int matched = 0;
        while (true) {
            int best = -1;
            for (int k = 0; k < np; k++) {
                if (qUsed[pi[k]] || lUsed[pj[k]]) continue;
                if (best < 0 || ps[k] > ps[best]) best = k;
            }
            if (best < 0) break;
            int i = pi[best];
            int j = pj[best];
            qUsed[i] = true;
            lUsed[j] = true;
            matched++;
            double bw = tokenWeight[lt[j]];
            if (q.ids[i] < 0) qw[i] = bw;
            num += ps[best] * (qw[i] + bw);
            if (why != null) explain(why, q.tokens[i], tokens[lt[j]], ps[best]);
        }
        // a leftover query token against two adjacent leftover list tokens joined, and the reverse
        if (matched < qn && ln - matched >= 2) {
            for (int i = 0; i < qn; i++) {
                if (qUsed[i]) continue;
                int qlen = q.tokens[i].length();
                for (int j = 0; j + 1 < ln; j++) {
                    if (lUsed[j] || lUsed[j + 1]) continue;
                    if (!joinable(qlen, tokens[lt[j]].length() + tokens[lt[j + 1]].length())) continue;
                    String joined = tokens[lt[j]] + tokens[lt[j + 1]];
                    double sim = q.tokens[i].equals(joined) ? 1 : joinedSim(q.tokens[i], joined);
                    if (sim > 0) {
                        qUsed[i] = lUsed[j] = lUsed[j + 1] = true;
                        matched++;
                        double bw = tokenWeight[lt[j]] + tokenWeight[lt[j + 1]];
                        if (q.ids[i] < 0) qw[i] = bw;
                        num += sim * (qw[i] + bw);
                        if (why != null) explain(why, q.tokens[i], tokens[lt[j]] + "+" + tokens[lt[j + 1]], sim);
                        break;
                    }
                }
            }
        }
        if (qn - matched >= 2) {
            for (int j = 0; j < ln; j++) {
                if (lUsed[j]) continue;
                int llen = tokens[lt[j]].length();
                for (int i = 0; i + 1 < qn; i++) {
                    if (qUsed[i] || qUsed[i + 1]) continue;
                    if (!joinable(llen, q.tokens[i].length() + q.tokens[i + 1].length())) continue;
                    String joined = q.tokens[i] + q.tokens[i + 1];
                    double sim = tokens[lt[j]].equals(joined) ? 1 : joinedSim(joined, tokens[lt[j]]);
                    if (sim > 0) {
                        qUsed[i] = qUsed[i + 1] = lUsed[j] = true;
                        matched += 2;
                        double bw = tokenWeight[lt[j]];
                        if (q.ids[i] < 0) qw[i] = bw / 2;
                        if (q.ids[i + 1] < 0) qw[i + 1] = bw / 2;
                        num += sim * (qw[i] + qw[i + 1] + bw);
                        if (why != null) explain(why, q.tokens[i] + "+" + q.tokens[i + 1], tokens[lt[j]], sim);
                        break;
                    }
                }
            }
        }
        double den = nameTotal[n];
        for (int i = 0; i < qn; i++) den += qw[i];
        // rounded so that a perfect match is exactly 1 despite floating-point sums
        return den == 0 ? 0 : Math.min(1, Math.round(num / den * 1e9) / 1e9);
    }

    /** Whether tokens of these lengths could reach {@link #JOINED_FLOOR} (lengths within 2 + a quarter). */
    private static boolean joinable(int a, int b) {
        int max = Math.max(a, b);
        return Math.abs(a - b) <= 2 + max / 4;
    }

    private static void explain(StringBuilder why, String q, String l, double sim) {
        if (why.length() > 0) why.append(", ");
        why.append(q).append(sim >= 1 ? '=' : '~').append(l).append(' ').append(String.format(Locale.ROOT, "%.2f", sim));
    }

    /**
     * Similarity of two tokens for pairing: 1 when equal, else Jaro–Winkler when it reaches the floor for their
     * length (0.80; 0.85 when the shorter has 3–4 characters; tokens of 1–2 characters must be equal) and their
     * lengths differ by at most 2 + a quarter of the longer, else 0.
     */
    static double tokenSim(String a, String b) {
        if (a.equals(b)) return 1;
        int min = Math.min(a.length(), b.length());
        if (min <= 2) return 0;
        double floor = min <= 4 ? SHORT_FLOOR : LONG_FLOOR;
        int max = Math.max(a.length(), b.length());
        // a misspelling changes the length little; Jaro–Winkler alone would pair "aerophantasma" with "aero"
        if (max - min > 2 + max / 4) return 0;
        // cheap upper bound first: Jaro counts at most the characters the tokens share, Winkler adds 0.1 per
        // letter of common prefix (up to four) of what is left
        int common = commonCharacters(a, b);
        double maxJaro = ((double) common / a.length() + (double) common / b.length() + 1) / 3;
        int prefix = 0;
        while (prefix < 4 && prefix < min && a.charAt(prefix) == b.charAt(prefix)) prefix++;
        if (maxJaro + 0.1 * prefix * (1 - maxJaro) < floor) return 0;
        double jw = JW.apply(a, b);
        return jw >= floor ? jw : 0;
    }

    /** Size of the multiset intersection of the characters of two tokens (an upper bound of Jaro's matches). */
    private static int commonCharacters(String a, String b) {
        int[] counts = new int[128];
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c >= 128) return Math.min(a.length(), b.length());
            counts[c]++;
        }
        int common = 0;
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c >= 128) return Math.min(a.length(), b.length());
            if (counts[c] > 0) {
                counts[c]--;
                common++;
            }
        }
        return common;
    }

    /** Joined tokens must be closer than single ones (0.92) to pair: joining makes chance resemblance likelier. */
    private static double joinedSim(String a, String b) {
        double sim = tokenSim(a, b);
        return sim >= JOINED_FLOOR ? sim : 0;
    }

    private static double idf(double names, int df) {
        return Math.log(1 + names / Math.max(1, df));
    }

    private static double lengthFactor(int len) {
        return len == 1 ? 0.3 : len == 2 ? 0.6 : 1.0;
    }

    // ---------------------------------------------------------------- blocking keys

    /**
     * Blocking keys of a token: tokens of one or two characters whole; longer ones under every three-character
     * subsequence of their first four characters (one character deleted), so that any single edit, anywhere in the
     * token, leaves a key in common.
     */
    private static List<String> keys(String t) {
        if (t.length() <= 2) return List.of("=" + t);
        if (t.length() == 3) return List.of("~" + t);
        String f = t.substring(0, 4);
        List<String> out = new ArrayList<>(4);
        for (int d = 0; d < 4; d++) {
            String k = "~" + f.substring(0, d) + f.substring(d + 1);
            if (!out.contains(k)) out.add(k);
        }
        return out;
    }

    private static String sortedKey(int[] ids) {
        int[] s = ids.clone();
        Arrays.sort(s);
        StringBuilder sb = new StringBuilder();
        for (int id : s) sb.append(id).append(' ');
        return sb.toString();
    }

    // ---------------------------------------------------------------- names and addresses

    private record Variant(String raw, boolean alias) {
    }

    /**
     * The name itself; with a parenthesised part also the name without it and, for list names, the part alone as
     * an alias ("(AASPT)"), unless the part is only a legal form ("(PTY)").
     */
    private static List<Variant> variants(String raw, boolean alias, boolean withInner) {
        List<Variant> out = new ArrayList<>(3);
        out.add(new Variant(raw, alias));
        if (raw.indexOf('(') >= 0) {
            Matcher m = PARENS.matcher(raw);
            String without = m.replaceAll(" ").strip();
            if (!without.isEmpty()) out.add(new Variant(without, alias));
            m.reset();
            while (withInner && m.find()) {
                String inner = m.group(1).strip();
                if (!inner.isEmpty() && !NameNormalizer.isOnlyLegalForm(inner)) out.add(new Variant(inner, true));
            }
        }
        return out;
    }

    private static Set<String> addressTokens(String address) {
        Set<String> out = new HashSet<>();
        for (String t : NON_WORD.split(NameNormalizer.fold(address))) if (t.length() >= 2) out.add(t);
        return out;
    }

    private static boolean addressMatches(Set<String> query, ListEntry entry) {
        if (query.isEmpty()) return false;
        for (String a : entry.addresses()) {
            Set<String> at = addressTokens(a);
            int hit = 0;
            for (String t : query) if (at.contains(t)) hit++;
            if (hit * 5 >= query.size() * 3) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- small helpers

    private static final class Scratch {
        final int[] mask;
        final int[] touched;
        int queries;
        int[][] stamp;
        float[][] sim;
        final double[] pairSim = new double[MAX_QUERY_TOKENS * MAX_QUERY_TOKENS];
        final int[] pairQ = new int[MAX_QUERY_TOKENS * MAX_QUERY_TOKENS];
        final int[] pairL = new int[MAX_QUERY_TOKENS * MAX_QUERY_TOKENS];
        final boolean[] qUsed = new boolean[MAX_QUERY_TOKENS];
        final boolean[] lUsed = new boolean[MAX_QUERY_TOKENS];
        final double[] qWeight = new double[MAX_QUERY_TOKENS];

        Scratch(int names) {
            mask = new int[names];
            touched = new int[names];
        }
    }

    private static final class IntList {
        int[] a = new int[4];
        int n;

        void addUnique(int v) {
            if (n > 0 && a[n - 1] == v) return;
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
