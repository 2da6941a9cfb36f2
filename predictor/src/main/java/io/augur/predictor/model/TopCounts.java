package io.augur.predictor.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The few most frequent items seen after something, with approximate counts (space-saving:
 * a new item replaces the weakest and inherits its count + 1). Counts halve periodically so
 * the table follows a workload that changes.
 */
final class TopCounts<T> {

    /*
     * Layout: each item's hash and count share one long (hash in the high half), so a lookup scans
     * one array and touches an item only when its hash matches. Comparing the items themselves
     * reached into each one (a cache miss apiece), and the lookahead table's nine lookups per read
     * of up to 16 items each were the largest part of its cost on the predictor thread (JFR).
     */

    /** Total count at which all counts halve. */
    private static final int DECAY_AT = 1024;
    private static final long COUNT_BITS = 0xFFFF_FFFFL;

    private final Object[] items;
    /** Per item: its hash (high 32 bits) and its count (low 32 bits). */
    private final long[] slots;
    private int size;
    private int total;

    TopCounts(int capacity) {
        this.items = new Object[capacity];
        this.slots = new long[capacity];
    }

    void add(T item) {
        total++;
        int hash = item.hashCode();
        for (int i = 0; i < size; i++) {
            if ((int) (slots[i] >>> 32) == hash && items[i].equals(item)) {
                slots[i]++;
                decayIfDue();
                return;
            }
        }
        if (size < items.length) {
            items[size] = item;
            slots[size++] = slot(hash, 1);
        } else {
            int weakest = 0;
            for (int i = 1; i < size; i++) {
                if (count(i) < count(weakest)) {
                    weakest = i;
                }
            }
            items[weakest] = item;
            slots[weakest] = slot(hash, count(weakest) + 1);
        }
        decayIfDue();
    }

    private void decayIfDue() {
        if (total >= DECAY_AT) {
            total = 0;
            for (int i = 0; i < size; i++) {
                int halved = Math.max(1, count(i) / 2);
                slots[i] = (slots[i] & ~COUNT_BITS) | halved;
                total += halved;
            }
        }
    }

    private int count(int i) {
        return (int) (slots[i] & COUNT_BITS);
    }

    private static long slot(int hash, int count) {
        return ((long) hash << 32) | (count & COUNT_BITS);
    }

    /** Up to k items, most frequent first, with count / total as probability. */
    @SuppressWarnings("unchecked")
    List<Scored<T>> top(int k) {
        List<Scored<T>> result = new ArrayList<>(Math.min(k, size));
        boolean[] taken = new boolean[size];
        for (int n = 0; n < k && n < size; n++) {
            int best = -1;
            for (int i = 0; i < size; i++) {
                if (!taken[i] && (best < 0 || count(i) > count(best))) {
                    best = i;
                }
            }
            taken[best] = true;
            result.add(new Scored<>((T) items[best], (double) count(best) / Math.max(1, total)));
        }
        return result;
    }

    /** An item with its estimated probability. */
    record Scored<T>(T item, double probability) {
    }
}
