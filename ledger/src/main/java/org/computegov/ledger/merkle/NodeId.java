package org.computegov.ledger.merkle;

/**
 * The position of a complete (perfect) subtree: {@code level} is its height (0 for leaves) and
 * {@code index} its position from the left among subtrees of that height.
 *
 * <p>The subtree covers leaves {@code [index << level, (index + 1) << level)}.
 */
public record NodeId(int level, long index) {
    public NodeId {
        if (level < 0 || level > 63) {
            throw new IllegalArgumentException("level must be in [0, 63]: " + level);
        }
        if (index < 0 || (level > 0 && index > (Long.MAX_VALUE >>> level))) {
            throw new IllegalArgumentException("index out of range at level " + level + ": " + index);
        }
    }

    /** Returns the first leaf index the subtree covers. */
    public long firstLeaf() {
        return index << level;
    }

    /** Returns the number of leaves the subtree covers. */
    public long width() {
        return 1L << level;
    }
}
