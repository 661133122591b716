package org.computegov.registry.screening;

/**
 * Jaro–Winkler similarity, allocation-free for strings of up to 64 characters: the same definition and results
 * as Apache Commons Text's {@code JaroWinklerSimilarity} (a property test checks this), about ten times faster,
 * which matters on the screening hot path where a query compares its tokens with thousands of indexed tokens.
 * Match window max(|a|,|b|)/2 − 1, half the transpositions, Winkler bonus 0.1 per letter of
 * common prefix (at most four) when the Jaro similarity is at least 0.7.
 */
final class JaroWinkler {
    private JaroWinkler() {
    }

    static double similarity(String a, String b) {
        if (a.equals(b)) return 1;
        String max = a.length() > b.length() ? a : b;
        String min = max == a ? b : a;
        if (min.isEmpty()) return 0;
        if (max.length() > 64) return slow(a, b, max, min);
        int range = Math.max(max.length() / 2 - 1, 0);
        long minMatched = 0;
        long maxMatched = 0;
        int matches = 0;
        for (int mi = 0; mi < min.length(); mi++) {
            char c = min.charAt(mi);
            int end = Math.min(mi + range + 1, max.length());
            for (int xi = Math.max(mi - range, 0); xi < end; xi++) {
                if ((maxMatched & (1L << xi)) == 0 && c == max.charAt(xi)) {
                    minMatched |= 1L << mi;
                    maxMatched |= 1L << xi;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) return 0;
        int transpositions = 0;
        long mm = minMatched;
        long xm = maxMatched;
        while (mm != 0) {
            int i = Long.numberOfTrailingZeros(mm);
            int x = Long.numberOfTrailingZeros(xm);
            if (min.charAt(i) != max.charAt(x)) transpositions++;
            mm &= mm - 1;
            xm &= xm - 1;
        }
        return finish(a, b, min.length(), matches, transpositions);
    }

    private static double finish(String a, String b, int minLen, int matches, int transpositions) {
        int prefix = 0;
        while (prefix < Math.min(4, minLen) && a.charAt(prefix) == b.charAt(prefix)) prefix++;
        double m = matches;
        double j = (m / a.length() + m / b.length() + (m - transpositions / 2.0) / m) / 3;
        return j < 0.7 ? j : j + 0.1 * prefix * (1 - j);
    }

    private static double slow(String a, String b, String max, String min) {
        int range = Math.max(max.length() / 2 - 1, 0);
        int[] matchIndex = new int[min.length()];
        java.util.Arrays.fill(matchIndex, -1);
        boolean[] maxFlags = new boolean[max.length()];
        int matches = 0;
        for (int mi = 0; mi < min.length(); mi++) {
            char c = min.charAt(mi);
            int end = Math.min(mi + range + 1, max.length());
            for (int xi = Math.max(mi - range, 0); xi < end; xi++) {
                if (!maxFlags[xi] && c == max.charAt(xi)) {
                    matchIndex[mi] = xi;
                    maxFlags[xi] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) return 0;
        char[] ms1 = new char[matches];
        char[] ms2 = new char[matches];
        for (int i = 0, si = 0; i < min.length(); i++) if (matchIndex[i] != -1) ms1[si++] = min.charAt(i);
        for (int i = 0, si = 0; i < max.length(); i++) if (maxFlags[i]) ms2[si++] = max.charAt(i);
        int transpositions = 0;
        for (int i = 0; i < matches; i++) if (ms1[i] != ms2[i]) transpositions++;
        return finish(a, b, min.length(), matches, transpositions);
    }
}
