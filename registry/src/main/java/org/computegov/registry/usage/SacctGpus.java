package org.computegov.registry.usage;

/** GPU counts from AllocTRES. */
final class SacctGpus {
    /** Untyped {@code gres/gpu=N}, or -1 when absent. */
    long untyped = -1;
    String[] types = new String[2];
    int[] typeCounts = new int[2];
    int typeCount;

    long total() {
        long typed = 0;
        for (int i = 0; i < typeCount; i++) {
            typed += typeCounts[i];
        }
        return Math.max(untyped, typed);
    }

    /**
     * Reads the {@code gres/gpu} entries of an AllocTRES value such as
     * {@code billing=19,cpu=1,gres/gpu:a100=1,gres/gpu=1,mem=32G,node=1}; other entries (and
     * {@code gres/gpumem}, {@code gres/gpuutil}) are not GPUs and are ignored.
     */
    static SacctGpus parse(String tres) throws LineProblem {
        SacctGpus g = new SacctGpus();
        int n = tres.length();
        int i = 0;
        while (i < n) {
            int comma = tres.indexOf(',', i);
            if (comma < 0) {
                comma = n;
            }
            if (tres.startsWith("gres/gpu", i)) {
                int after = i + 8;
                char c = after < comma ? tres.charAt(after) : '\0';
                if (c == '=') {
                    if (g.untyped >= 0) {
                        throw new LineProblem("AllocTRES", "gres/gpu appears twice in '" + tres + "'");
                    }
                    g.untyped = count(tres, after + 1, comma);
                } else if (c == ':') {
                    int eq = tres.indexOf('=', after);
                    if (eq < 0 || eq > comma || eq == after + 1) {
                        throw new LineProblem("AllocTRES", "'" + tres.substring(i, comma)
                                + "' is not gres/gpu:TYPE=COUNT");
                    }
                    g.addType(tres, tres.substring(after + 1, eq), count(tres, eq + 1, comma));
                } else if (c == '\0') {
                    throw new LineProblem("AllocTRES", "gres/gpu without a count in '" + tres + "'");
                }
            }
            i = comma + 1;
        }
        return g;
    }

    private void addType(String tres, String type, int count) throws LineProblem {
        for (int k = 0; k < typeCount; k++) {
            if (types[k].equals(type)) {
                throw new LineProblem("AllocTRES", "gres/gpu:" + type + " appears twice in '" + tres + "'");
            }
        }
        if (typeCount == types.length) {
            types = java.util.Arrays.copyOf(types, typeCount * 2);
            typeCounts = java.util.Arrays.copyOf(typeCounts, typeCount * 2);
        }
        types[typeCount] = type;
        typeCounts[typeCount++] = count;
    }

    private static int count(String tres, int from, int to) throws LineProblem {
        if (from >= to || to - from > 9) {
            throw new LineProblem("AllocTRES", "'" + tres + "' has a GPU count that is not a whole number");
        }
        int value = 0;
        for (int k = from; k < to; k++) {
            char c = tres.charAt(k);
            if (c < '0' || c > '9') {
                throw new LineProblem("AllocTRES", "'" + tres + "' has a GPU count that is not a whole number: '"
                        + tres.substring(from, to) + "'");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
