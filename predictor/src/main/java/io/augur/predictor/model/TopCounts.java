package io.augur.predictor.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The few most frequent items seen after something, with approximate counts (space-saving:
 * a new item replaces the weakest and inherits its count + 1). Counts halve periodically so
 * the table follows a workload that changes.
 */
final class TopCounts<T> {

    /** Total count at which all counts halve. */
    private static final int DECAY_AT = 1024;

    private final Object[] items;
    private final int[] counts;
    private int size;
    private int total;

    TopCounts(int capacity) {
        this.items = new Object[capacity];
        this.counts = new int[capacity];
    }

    void add(T item) {
        total++;
        for (int i = 0; i < size; i++) {
            if (items[i].equals(item)) {
                counts[i]++;
                decayIfDue();
                return;
            }
        }
        if (size < items.length) {
            items[size] = item;
            counts[size++] = 1;
        } else {
            int weakest = 0;
            for (int i = 1; i < size; i++) {
                if (counts[i] < counts[weakest]) {
                    weakest = i;
                }
            }
            items[weakest] = item;
            counts[weakest]++;
        }
        decayIfDue();
    }

    private void decayIfDue() {
        if (total >= DECAY_AT) {
            total = 0;
            for (int i = 0; i < size; i++) {
                counts[i] = Math.max(1, counts[i] / 2);
                total += counts[i];
            }
        }
    }

    /** Up to k items, most frequent first, with count / total as probability. */
    @SuppressWarnings("unchecked")
    List<Scored<T>> top(int k) {
        List<Scored<T>> result = new ArrayList<>(Math.min(k, size));
        boolean[] taken = new boolean[size];
        for (int n = 0; n < k && n < size; n++) {
            int best = -1;
            for (int i = 0; i < size; i++) {
                if (!taken[i] && (best < 0 || counts[i] > counts[best])) {
                    best = i;
                }
            }
            taken[best] = true;
            result.add(new Scored<>((T) items[best], (double) counts[best] / Math.max(1, total)));
        }
        return result;
    }

    /** An item with its estimated probability. */
    record Scored<T>(T item, double probability) {
    }
}
