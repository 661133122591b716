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
 * similar pair down. Similarity is Jaro–Winkler; a pair counts only from 0.80, from 0.85 when the shorter token
 * has 3–4 letters, only when equal for 1–2 letters, and only when the lengths differ by at most 2 + a quarter of
 * the longer. A query token left over may pair with two adjacent leftover candidate tokens joined (and the other
 * way round) from 0.92, so "aerocaribbean" meets "aero caribbean". Tokens are weighted by inverse document
 * frequency over all indexed names (ln(1 + N/df)), times 0.3 for one letter and 0.6 for two. The name score is
 * a weighted soft Dice coefficient:
 * <pre>  Σ over pairs of sim × (w_query + w_list) / (Σ w_query + Σ w_list)</pre>
 * so unmatched tokens on either side lower it. A query token not in the index takes the weight of the list
 * token it pairs with, or the highest weight when it pairs with none. An entry's name score is its best over
 * its names and the query's names; country and address matches then raise it as {@link ScreeningOptions} say.
 *
 * <h2>Blocking</h2>
 * Indexed tokens of three characters or more are keyed under each three-character subsequence of their first
 * four characters (a deletion neighbourhood: any single edit, anywhere, leaves a key in common), and from five
 * characters also of their last four; shorter tokens whole. When the index is built, every indexed token gets its similar indexed tokens (through those keys) and
 * the similar joined pairs of adjacent tokens. A query token that is in the index takes those; one that is not
 * (a misspelling) looks its keys up. A query visits only names that have, for some query token, a similar token
 * or joined pair, and scores only those whose upper bound (every such query token matched perfectly by the best
 * tokens of the name, the others matching nothing) can reach the threshold. Blocking can miss a name whose every
 * matching token has two edits in its first four and two in its last four letters; a test bounds the loss
 * against a full scan.
 */
public final class ScreeningIndex {
    private static final Pattern PARENS = Pattern.compile("\\(([^()]*)\\)");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MAX_QUERY_TOKENS = 31;
    private static final double BOUND_SLACK = 0.02;
    static final double JOINED_FLOOR = 0.92;
    /** Least Jaro–Winkler similarity for a pair when the shorter token has 3–4 characters. */
    static final double SHORT_FLOOR = 0.85;
    /** Least Jaro–Winkler similarity for a pair of longer tokens. */
    static final double LONG_FLOOR = 0.80;
    /** Similarity given to tokens of 3–4 letters one substitution or swap apart, below Jaro–Winkler's floor. */
    static final double SHORT_EDIT_SIM = 0.80;
    /** Similarity given to two-letter tokens with one letter in common in place. */
    static final double TWO_LETTER_EDIT_SIM = 0.70;
    /** What a partial person match keeps of its query coverage whatever it leaves out of the listed name. */
    static final double PARTIAL_BASE = 0.9;

    private final ScreeningList list;
    // tokens
    private final Map<String, Integer> tokenIds;
    private final String[] tokens;
    private final double[] tokenWeight;
    private final long[] tokenMask;
    private final double unknownWeight;
    // names
    private final int[] nameEntry;
    private final boolean[] nameIsAlias;
    /** For a person's name, a bit per token position that is part of the surname; 0 for other names. */
    private final int[] nameSurname;
    private final String[] nameRaw;
    private final int[][] nameTokens;
    private final double[] nameTotal;
    private final double[][] nameTopPrefix;
    // blocking and exact lookup
    private final int[][] tokenNames;
    /** For each indexed token, the indexed tokens similar to it (found through the keys) and their similarity. */
    private final int[][] neighbours;
    private final float[][] neighbourSim;
    /** For each indexed token of six characters or more, the joined pairs similar to it. */
    private final int[][] joinNeighbours;
    private final Map<String, int[]> tokenKeys;
    private final String[] joins;
    private final long[] joinMask;
    private final int[][] joinNames;
    private final Map<String, int[]> joinKeys;
    private final Map<String, int[]> exact;
    private final ThreadLocal<Scratch> scratch;

    private ScreeningIndex(ScreeningList list) {
        this.list = list;
        List<ListEntry> entries = list.entries();
        List<Integer> ne = new ArrayList<>();
        List<Boolean> na = new ArrayList<>();
        List<String> nr = new ArrayList<>();
        List<List<String>> nt = new ArrayList<>();
        List<Set<String>> ns = new ArrayList<>();
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
                    ns.add(surname(entry, v.raw));
                }
            }
        }
        int names = ne.size();
        tokenIds = new HashMap<>();
        List<String> tokList = new ArrayList<>();
        List<Integer> df = new ArrayList<>();
        nameEntry = new int[names];
        nameIsAlias = new boolean[names];
        nameSurname = new int[names];
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
            Set<String> sur = ns.get(n);
            int bits = 0;
            for (int i = 0; i < ids.length && !sur.isEmpty(); i++) if (sur.contains(ts.get(i))) bits |= 1 << i;
            // a surname that is all of the name says nothing about which part a customer may leave out
            nameSurname[n] = bits == (1 << ids.length) - 1 ? 0 : bits;
        }
        tokens = tokList.toArray(new String[0]);
        tokenWeight = new double[tokens.length];
        tokenMask = new long[tokens.length];
        for (int t = 0; t < tokens.length; t++) tokenMask[t] = mask(tokens[t]);
        double nn = Math.max(1, names);
        for (int t = 0; t < tokens.length; t++) tokenWeight[t] = idf(nn, df.get(t)) * lengthFactor(tokens[t].length());
        unknownWeight = idf(nn, 1);
        nameTotal = new double[names];
        nameTopPrefix = new double[names][];
        Map<String, IntList> ex = new HashMap<>();
        IntList[] tn = new IntList[tokens.length];
        Map<String, Integer> joinIds = new HashMap<>();
        List<String> joinList = new ArrayList<>();
        List<IntList> jn = new ArrayList<>();
        for (int n = 0; n < names; n++) {
            int[] ids = nameTokens[n];
            double[] w = new double[ids.length];
            for (int i = 0; i < ids.length; i++) w[i] = tokenWeight[ids[i]];
            Arrays.sort(w);
            double[] prefix = new double[ids.length + 1];
            for (int i = 0; i < w.length; i++) prefix[i + 1] = prefix[i] + w[w.length - 1 - i];
            nameTopPrefix[n] = prefix;
            nameTotal[n] = prefix[ids.length];
            for (int id : ids) {
                if (tn[id] == null) tn[id] = new IntList();
                tn[id].addUnique(n);
            }
            for (int i = 0; i + 1 < ids.length; i++) {
                String joined = tokens[ids[i]] + tokens[ids[i + 1]];
                Integer j = joinIds.get(joined);
                if (j == null) {
                    j = joinList.size();
                    joinIds.put(joined, j);
                    joinList.add(joined);
                    jn.add(new IntList());
                }
                jn.get(j).addUnique(n);
            }
            ex.computeIfAbsent(sortedKey(ids), x -> new IntList()).addUnique(nameEntry[n]);
        }
        tokenNames = new int[tokens.length][];
        Map<String, IntList> tk = new HashMap<>();
        for (int t = 0; t < tokens.length; t++) {
            tokenNames[t] = tn[t].toArray();
            for (String key : keys(tokens[t])) tk.computeIfAbsent(key, x -> new IntList()).addUnique(t);
        }
        tokenKeys = frozen(tk);
        joins = joinList.toArray(new String[0]);
        joinMask = new long[joins.length];
        joinNames = new int[joins.length][];
        Map<String, IntList> jk = new HashMap<>();
        for (int j = 0; j < joins.length; j++) {
            joinMask[j] = mask(joins[j]);
            joinNames[j] = jn.get(j).toArray();
            for (String key : keys(joins[j])) jk.computeIfAbsent(key, x -> new IntList()).addUnique(j);
        }
        joinKeys = frozen(jk);
        neighbours = new int[tokens.length][];
        neighbourSim = new float[tokens.length][];
        joinNeighbours = new int[tokens.length][];
        precomputeNeighbours();
        exact = new HashMap<>(ex.size() * 2);
        ex.forEach((k, v) -> exact.put(k, v.toArray()));
        scratch = ThreadLocal.withInitial(() -> new Scratch(names, tokens.length, joins.length));
    }

    /** Similar tokens of every indexed token, each pair computed once; and the joined pairs similar to it. */
    private void precomputeNeighbours() {
        IntList[] nb = new IntList[tokens.length];
        List<List<Float>> ns = new ArrayList<>(tokens.length);
        for (int t = 0; t < tokens.length; t++) {
            nb[t] = new IntList();
            ns.add(new ArrayList<>());
        }
        int[] seen = new int[Math.max(tokens.length, joins.length)];
        int stamp = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (tokens[t].length() <= 2) continue;
            stamp++;
            for (String key : keys(tokens[t])) {
                int[] us = tokenKeys.get(key);
                if (us == null) continue;
                for (int u : us) {
                    if (u <= t || seen[u] == stamp) continue;
                    seen[u] = stamp;
                    double sim = tokenSim(tokens[t], tokenMask[t], tokens[u], tokenMask[u], 0);
                    if (sim > 0) {
                        nb[t].add(u);
                        ns.get(t).add((float) sim);
                        nb[u].add(t);
                        ns.get(u).add((float) sim);
                    }
                }
            }
        }
        int[] seenJoin = new int[joins.length];
        for (int t = 0; t < tokens.length; t++) {
            neighbours[t] = nb[t].toArray();
            neighbourSim[t] = new float[neighbours[t].length];
            for (int k = 0; k < neighbours[t].length; k++) neighbourSim[t][k] = ns.get(t).get(k);
            IntList jn = new IntList();
            if (tokens[t].length() >= 6) {
                for (String key : keys(tokens[t])) {
                    int[] js = joinKeys.get(key);
                    if (js == null) continue;
                    for (int j : js) {
                        if (seenJoin[j] == t + 1) continue;
                        seenJoin[j] = t + 1;
                        if (joinSimilar(tokens[t], tokenMask[t], j)) jn.add(j);
                    }
                }
            }
            joinNeighbours[t] = jn.toArray();
        }
    }

    private boolean joinSimilar(String token, long mask, int j) {
        return token.equals(joins[j]) || tokenSim(token, mask, joins[j], joinMask[j], JOINED_FLOOR) > 0;
    }

    private static Map<String, int[]> frozen(Map<String, IntList> m) {
        Map<String, int[]> out = new HashMap<>(m.size() * 2);
        m.forEach((k, v) -> out.put(k, v.toArray()));
        return out;
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
    private record Query(String[] tokens, long[] masks, int[] ids, double[] weights, double total, int stamp) {
    }

    private Query prepare(String raw) {
        List<String> ts = NameNormalizer.normalize(raw).tokens();
        if (ts.isEmpty()) return null;
        int end = trailingNoise(ts);
        if (end < ts.size()) ts = ts.subList(0, end);
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
        sc.nextQuery();
        long[] masks = new long[n];
        for (int i = 0; i < n; i++) masks[i] = mask(t[i]);
        return new Query(t, masks, ids, w, total, sc.queries);
    }

    /**
     * Where the name ends once a misspelt legal form is cut from its end: "Ltdd", "S.A. dm C.V." (the normalizer
     * removed "S.A."), or fragments of one that the typo split ("S.ZR.L." → s, zr, l, read together as "szrl"). A
     * token the list knows is cut only when two tokens stay before it; an unknown one when one stays.
     */
    private int trailingNoise(List<String> ts) {
        int end = ts.size();
        while (end > 1) {
            int cut = 0;
            StringBuilder joined = new StringBuilder();
            for (int k = 1; k <= 3 && end - k >= 1; k++) {
                String t = ts.get(end - k);
                if (k > 1 && t.length() > 3) break;
                joined.insert(0, t);
                // a single token the list knows is a word ("Paz", "Oro", "Yu"), however close to a legal form
                boolean known = k == 1 && tokenIds.containsKey(t);
                if (!known && NameNormalizer.isNoisyLegalForm(joined.toString())) {
                    cut = k;
                    break;
                }
            }
            if (cut == 0) break;
            end -= cut;
        }
        return end;
    }

    private void collect(Query q, String queryName, double minNameScore, boolean exhaustive, Map<Integer, Best> best) {
        Scratch s = scratch.get();
        int[] mask = s.mask;
        int touched = 0;
        if (exhaustive) {
            for (int n = 0; n < nameEntry.length; n++) s.touched[touched++] = n;
        } else {
            touched = candidates(q, s);
        }
        for (int k = 0; k < touched; k++) {
            int n = s.touched[k];
            int m = mask[n];
            mask[n] = 0;
            if (!exhaustive) {
                // upper bound of the score: every query token with a similar token in the name (a joined pair
                // when marked so) matched perfectly the best list tokens, the others matched nothing; an unknown
                // query token takes its partner's weight, at most the top one (top two for a joined pair)
                int jm = s.joinHit[n];
                s.joinHit[n] = 0;
                double[] prefix = nameTopPrefix[n];
                double num = 0;
                double den = nameTotal[n];
                int covered = 0;
                for (int i = 0; i < q.tokens.length; i++) {
                    int bit = 1 << i;
                    boolean hit = (m & bit) != 0;
                    boolean joined = (jm & bit) != 0;
                    if (hit) covered += joined ? 2 : 1;
                    if (q.ids[i] >= 0) {
                        den += q.weights[i];
                        if (hit) num += q.weights[i];
                    } else if (hit) {
                        double partner = prefix[Math.min(joined ? 2 : 1, prefix.length - 1)];
                        num += partner;
                        den += partner;
                    } else {
                        den += q.weights[i];
                    }
                }
                num += prefix[Math.min(covered, prefix.length - 1)];
                // a person's name every query token meets may score as a partial match, which this bound ignores
                boolean partial = nameSurname[n] != 0 && q.tokens.length >= 2 && (m | jm) == (1 << q.tokens.length) - 1;
                if (!partial && num / den + BOUND_SLACK < minNameScore) continue;
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

    /**
     * Marks the names that have, for some query token, a similar indexed token (found through the blocking keys),
     * two adjacent tokens whose join is similar to it, or a token similar to it joined with the next query token.
     * Returns how many names were marked; they are in {@code s.touched}, their query-token bits in {@code s.mask}.
     */
    private int candidates(Query q, Scratch s) {
        int touched = 0;
        int[] mask = s.mask;
        for (int i = 0; i < q.tokens.length; i++) {
            int bit = 1 << i;
            int visit = s.nextVisit();
            int id = q.ids[i];
            if (id >= 0) {
                // an indexed token: its similar tokens and joined pairs were found when the index was built
                touched = mark(tokenNames[id], bit, false, touched, s);
                int[] nb = neighbours[id];
                for (int k = 0; k < nb.length; k++) {
                    seedSim(q, i, nb[k], neighbourSim[id][k], s);
                    touched = mark(tokenNames[nb[k]], bit, false, touched, s);
                }
                for (int j : joinNeighbours[id]) touched = mark(joinNames[j], bit, true, touched, s);
                continue;
            }
            for (String key : keys(q.tokens[i])) {
                int[] ts = tokenKeys.get(key);
                if (ts == null) continue;
                for (int t : ts) {
                    if (s.tokenVisit[t] == visit) continue;
                    s.tokenVisit[t] = visit;
                    if (cachedSim(q, i, t) > 0) touched = mark(tokenNames[t], bit, false, touched, s);
                }
            }
            if (q.tokens[i].length() >= 6) {
                for (String key : keys(q.tokens[i])) {
                    int[] js = joinKeys.get(key);
                    if (js == null) continue;
                    for (int j : js) {
                        if (s.joinVisit[j] == visit) continue;
                        s.joinVisit[j] = visit;
                        if (joinSimilar(q.tokens[i], q.masks[i], j)) touched = mark(joinNames[j], bit, true, touched, s);
                    }
                }
            }
        }
        for (int i = 0; i + 1 < q.tokens.length; i++) {
            String joined = q.tokens[i] + q.tokens[i + 1];
            long jmask = q.masks[i] | q.masks[i + 1];
            int bits = (1 << i) | (1 << (i + 1));
            int visit = s.nextVisit();
            for (String key : keys(joined)) {
                int[] ts = tokenKeys.get(key);
                if (ts == null) continue;
                for (int t : ts) {
                    if (s.tokenVisit[t] == visit) continue;
                    s.tokenVisit[t] = visit;
                    double sim = joined.equals(tokens[t]) ? 1 : tokenSim(joined, jmask, tokens[t], tokenMask[t], JOINED_FLOOR);
                    if (sim > 0) touched = mark(tokenNames[t], bits, false, touched, s);
                }
            }
        }
        return touched;
    }

    private static int mark(int[] names, int bits, boolean joined, int touched, Scratch s) {
        for (int n : names) {
            if (s.mask[n] == 0) s.touched[touched++] = n;
            s.mask[n] |= bits;
            if (joined) s.joinHit[n] |= bits;
        }
        return touched;
    }

    private record Best(double score, int name, String queryName) {
    }

    // ---------------------------------------------------------------- scoring

    /** Remembers the similarity of query token {@code i} and indexed token {@code id} for the current query. */
    private void seedSim(Query q, int i, int id, float sim, Scratch s) {
        cacheRow(s, i);
        s.stamp[i][id] = q.stamp;
        s.sim[i][id] = sim;
    }

    private void cacheRow(Scratch s, int i) {
        if (s.stamp == null) {
            s.stamp = new int[MAX_QUERY_TOKENS][];
            s.sim = new float[MAX_QUERY_TOKENS][];
        }
        if (s.stamp[i] == null) {
            s.stamp[i] = new int[tokens.length];
            s.sim[i] = new float[tokens.length];
        }
    }

    /** {@link #tokenSim} of query token {@code i} and indexed token {@code id}, remembered for the current query. */
    private double cachedSim(Query q, int i, int id) {
        Scratch s = scratch.get();
        cacheRow(s, i);
        if (s.stamp[i][id] == q.stamp) return s.sim[i][id];
        double v = tokenSim(q.tokens[i], q.masks[i], tokens[id], tokenMask[id], 0);
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
        double qNum = 0;
        double lMatched = 0;
        double minPair = 1;
        boolean exactPair = false;
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
            qNum += ps[best] * qw[i];
            lMatched += bw;
            if (ps[best] < 1 && !oneEdit(q.tokens[i], tokens[lt[j]])) minPair = 0;
            if (ps[best] >= 1 && tokens[lt[j]].length() >= 3) exactPair = true;
            if (why != null) explain(why, q.tokens[i], tokens[lt[j]], ps[best]);
        }
        // a leftover query token against two adjacent leftover list tokens joined, and the reverse
        if (matched < qn && ln - matched >= 2) {
            for (int i = 0; i < qn; i++) {
                if (qUsed[i]) continue;
                for (int j = 0; j + 1 < ln; j++) {
                    if (lUsed[j] || lUsed[j + 1]) continue;
                    double sim = joinedSim(q.tokens[i], q.masks[i], tokens[lt[j]], tokens[lt[j + 1]],
                            tokenMask[lt[j]] | tokenMask[lt[j + 1]]);
                    if (sim > 0) {
                        qUsed[i] = lUsed[j] = lUsed[j + 1] = true;
                        matched++;
                        double bw = tokenWeight[lt[j]] + tokenWeight[lt[j + 1]];
                        if (q.ids[i] < 0) qw[i] = bw;
                        num += sim * (qw[i] + bw);
                        qNum += sim * qw[i];
                        lMatched += bw;
                        if (sim < 1) minPair = 0;
                        if (why != null) explain(why, q.tokens[i], tokens[lt[j]] + "+" + tokens[lt[j + 1]], sim);
                        break;
                    }
                }
            }
        }
        if (qn - matched >= 2) {
            for (int j = 0; j < ln; j++) {
                if (lUsed[j]) continue;
                for (int i = 0; i + 1 < qn; i++) {
                    if (qUsed[i] || qUsed[i + 1]) continue;
                    double sim = joinedSim(tokens[lt[j]], tokenMask[lt[j]], q.tokens[i], q.tokens[i + 1], q.masks[i] | q.masks[i + 1]);
                    if (sim > 0) {
                        qUsed[i] = qUsed[i + 1] = lUsed[j] = true;
                        matched += 2;
                        double bw = tokenWeight[lt[j]];
                        if (q.ids[i] < 0) qw[i] = bw / 2;
                        if (q.ids[i + 1] < 0) qw[i + 1] = bw / 2;
                        num += sim * (qw[i] + qw[i + 1] + bw);
                        qNum += sim * (qw[i] + qw[i + 1]);
                        lMatched += bw;
                        if (sim < 1) minPair = 0;
                        if (why != null) explain(why, q.tokens[i] + "+" + q.tokens[i + 1], tokens[lt[j]], sim);
                        break;
                    }
                }
            }
        }
        double den = nameTotal[n];
        double qTotal = 0;
        for (int i = 0; i < qn; i++) qTotal += qw[i];
        den += qTotal;
        double score = den == 0 ? 0 : num / den;
        if (matched == qn && qn >= 2 && nameSurname[n] != 0 && qTotal > 0 && exactPair && minPair > 0) {
            score = Math.max(score, partialPersonScore(n, lUsed, ln, qNum / qTotal, lMatched));
        }
        // rounded so that a perfect match is exactly 1 despite floating-point sums
        return Math.min(1, Math.round(score * 1e9) / 1e9);
    }

    /**
     * A person's name given in part: every query token paired, the surname among the pairs and a given name too
     * ("Juan Garcia" for "GARCIA LOPEZ, Juan Carlos"). Scores the query's coverage, lowered a little by how much of
     * the listed name was left out, so a full match still ranks above a partial one.
     */
    /**
     * Whether two tokens of four letters or more are one edit apart: the only inexact pairs a partial person match
     * takes (with at least one exact pair), since Jaro–Winkler alone made "Julia Davis" a partial "NASSER DAVID,
     * Julio Cesar" and "Jose Campbell" a partial "CABELLO RONDON, Jose David".
     */
    private static boolean oneEdit(String a, String b) {
        return a.length() >= 4 && b.length() >= 4 && NameNormalizer.osaDistance(a, b, 1) <= 1;
    }

    private double partialPersonScore(int n, boolean[] lUsed, int ln, double queryCoverage, double lMatched) {
        int surname = nameSurname[n];
        boolean surnameHit = false;
        boolean givenHit = false;
        for (int j = 0; j < ln; j++) {
            if (!lUsed[j]) continue;
            if ((surname & (1 << j)) != 0) surnameHit |= tokens[nameTokens[n][j]].length() >= 3;
            else givenHit = true;
        }
        if (!surnameHit || !givenHit) return 0;
        double listCoverage = nameTotal[n] == 0 ? 0 : Math.min(1, lMatched / nameTotal[n]);
        return queryCoverage * (PARTIAL_BASE + (1 - PARTIAL_BASE) * listCoverage);
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
        return tokenSim(a, mask(a), b, mask(b), 0);
    }

    /** {@link #tokenSim(String, String)} with the tokens' character masks, and a floor of at least {@code minFloor}. */
    private static double tokenSim(String a, long ma, String b, long mb, double minFloor) {
        if (a.equals(b)) return 1;
        int min = Math.min(a.length(), b.length());
        if (min <= 2) {
            // two letters, one of them wrong ("DE"/"DI", "LA"/"LW"): weak evidence, but not none
            return min == 2 && a.length() == 2 && b.length() == 2 && minFloor < TWO_LETTER_EDIT_SIM
                    && (a.charAt(0) == b.charAt(0) || a.charAt(1) == b.charAt(1)) ? TWO_LETTER_EDIT_SIM : 0;
        }
        double floor = Math.max(minFloor, min <= 4 ? SHORT_FLOOR : LONG_FLOOR);
        int max = Math.max(a.length(), b.length());
        // a misspelling changes the length little; Jaro–Winkler alone would pair "aerophantasma" with "aero"
        if (max - min > 2 + max / 4) return 0;
        // cheap upper bound first: Jaro matches only characters both tokens have, and Winkler adds 0.1 per letter
        // of common prefix (up to four) of what is left
        int common = Math.min(a.length() - missing(a, mb), b.length() - missing(b, ma));
        double maxJaro = ((double) common / a.length() + (double) common / b.length() + 1) / 3;
        int prefix = 0;
        while (prefix < 4 && prefix < min && a.charAt(prefix) == b.charAt(prefix)) prefix++;
        if (maxJaro + 0.1 * prefix * (1 - maxJaro) < floor && (min > 4 || a.length() != b.length())) return 0;
        double jw = JaroWinkler.similarity(a, b);
        if (jw >= floor) return jw;
        // a short token with one letter wrong ("Oleg"/"Rleg", "Tun"/"Oun") is far apart for Jaro–Winkler
        return min <= 4 && minFloor < SHORT_EDIT_SIM && a.length() == b.length() && NameNormalizer.osaDistance(a, b, 1) <= 1
                ? SHORT_EDIT_SIM : 0;
    }

    /** Characters present: one bit per letter a–z and digit, one for anything else. */
    static long mask(String t) {
        long m = 0;
        for (int i = 0; i < t.length(); i++) m |= bit(t.charAt(i));
        return m;
    }

    private static long bit(char c) {
        if (c >= 'a' && c <= 'z') return 1L << (c - 'a');
        if (c >= '0' && c <= '9') return 1L << (26 + c - '0');
        return 1L << 63;
    }

    /** Characters of {@code a} whose kind is absent from {@code maskB}: they cannot be Jaro matches. */
    private static int missing(String a, long maskB) {
        int n = 0;
        for (int i = 0; i < a.length(); i++) if ((bit(a.charAt(i)) & maskB) == 0) n++;
        return n;
    }

    /**
     * Similarity of a token with two tokens joined, or 0: joined tokens must be closer than single ones
     * ({@link #JOINED_FLOOR}), since joining makes chance resemblance likelier.
     */
    private static double joinedSim(String a, long ma, String b1, String b2, long mb) {
        int lb = b1.length() + b2.length();
        if (!joinable(a.length(), lb)) return 0;
        int common = Math.min(a.length() - missing(a, mb), lb - missing(b1, ma) - missing(b2, ma));
        double maxJaro = ((double) common / a.length() + (double) common / lb + 1) / 3;
        if (maxJaro + 0.4 * (1 - maxJaro) < JOINED_FLOOR) return 0;
        String joined = b1 + b2;
        return a.equals(joined) ? 1 : tokenSim(a, ma, joined, mb, JOINED_FLOOR);
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
     * token, leaves a key in common; tokens of five or more also under those of their last four characters, so
     * that edits at both ends, or two at the start, usually leave one too.
     */
    private static List<String> keys(String t) {
        if (t.length() <= 2) return List.of("=" + t);
        // three letters: the token and its deletions, so that one letter wrong still meets it ("tun", "oun")
        if (t.length() == 3) return List.of("~" + t, "3" + t.substring(1), "3" + t.charAt(0) + t.charAt(2), "3" + t.substring(0, 2));
        List<String> out = new ArrayList<>(8);
        deletions(t.substring(0, 4), '~', out);
        // tokens of five or more characters also under their last four: a token with edits at its start
        // ("fylurievich" for "yurievich") still shares a key with its original
        if (t.length() >= 5) deletions(t.substring(t.length() - 4), '^', out);
        return out;
    }

    private static void deletions(String four, char tag, List<String> out) {
        for (int d = 0; d < 4; d++) {
            String k = tag + four.substring(0, d) + four.substring(d + 1);
            if (!out.contains(k)) out.add(k);
        }
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
     * The surname words of a person's name: OFAC and the CSL write individuals as "SURNAME, Given Middle", so the
     * part before the first comma; a person's name without one is read as "Given … Surname" (its last word). Empty
     * for organisations, vessels and aircraft.
     */
    private static Set<String> surname(ListEntry entry, String raw) {
        if (!entry.type().equalsIgnoreCase("Individual")) return Set.of();
        int comma = raw.indexOf(',');
        if (comma > 0) return new HashSet<>(NameNormalizer.normalize(raw.substring(0, comma)).tokens());
        List<String> t = NameNormalizer.normalize(raw).tokens();
        return t.size() < 2 ? Set.of() : Set.of(t.get(t.size() - 1));
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

        final int[] joinHit;
        final int[] tokenVisit;
        final int[] joinVisit;
        int visits;

        /** A fresh stamp for the visited-token arrays; clears them when the counter would wrap. */
        int nextVisit() {
            if (visits == Integer.MAX_VALUE) {
                Arrays.fill(tokenVisit, 0);
                Arrays.fill(joinVisit, 0);
                visits = 0;
            }
            return ++visits;
        }

        /** A fresh stamp for the similarity cache; clears it when the counter would wrap. */
        int nextQuery() {
            if (queries == Integer.MAX_VALUE) {
                if (stamp != null) for (int[] row : stamp) if (row != null) Arrays.fill(row, 0);
                queries = 0;
            }
            return ++queries;
        }

        Scratch(int names, int tokenCount, int joinCount) {
            mask = new int[names];
            touched = new int[names];
            joinHit = new int[names];
            tokenVisit = new int[tokenCount];
            joinVisit = new int[joinCount];
        }
    }

    private static final class IntList {
        int[] a = new int[4];
        int n;

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

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
