package io.augur.predictor.vocab;

import io.augur.predictor.model.KeyBytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** The most frequent keys of a stream, tracked in memory bounded by the number wanted. */
final class HeavyKeys {

    /*
     * A bounded candidate set ranked by a count-min estimate, in the spirit of Space-Saving
     * (Metwally et al., 2005, "Efficient computation of frequent and top-k elements in data
     * streams"): a key outside the set enters only when its estimate beats the weakest candidate,
     * which it evicts. Estimates come from the sketch, so an evicted key that keeps coming back
     * re-enters with its whole history counted. The weakest candidate is found with a min-heap
     * updated lazily (stale entries are skipped, the heap is rebuilt when it grows 4x the set).
     */

    /** Candidates kept per key wanted: slack so keys near the cut-off are not lost to churn. */
    private static final int CANDIDATES_PER_KEY = 2;
    /** Heap entries per candidate before the heap is rebuilt without stale entries. */
    private static final int MAX_STALE_FACTOR = 4;

    private final FrequencySketch sketch;
    private final int capacity;
    private final Map<KeyBytes, Integer> candidates = new HashMap<>();
    private final PriorityQueue<Ranked> weakest = new PriorityQueue<>(Comparator.comparingInt(Ranked::estimate));

    HeavyKeys(int wanted) {
        this.capacity = Math.max(1, wanted * CANDIDATES_PER_KEY);
        this.sketch = new FrequencySketch(capacity);
    }

    void record(byte[] key) {
        KeyBytes k = new KeyBytes(key);
        int estimate = sketch.increment(k.hashCode());
        if (candidates.containsKey(k)) {
            candidates.put(k, estimate);
            weakest.add(new Ranked(k, estimate));
        } else if (candidates.size() < capacity) {
            candidates.put(k, estimate);
            weakest.add(new Ranked(k, estimate));
        } else {
            Ranked min = pollStale();
            if (min != null && estimate > min.estimate()) {
                weakest.poll();
                candidates.remove(min.key());
                candidates.put(k, estimate);
                weakest.add(new Ranked(k, estimate));
            }
        }
        if (weakest.size() > capacity * MAX_STALE_FACTOR) {
            weakest.clear();
            candidates.forEach((key2, e) -> weakest.add(new Ranked(key2, e)));
        }
    }

    /** Drops heap entries whose estimate is out of date and returns the true weakest candidate. */
    private Ranked pollStale() {
        Ranked head = weakest.peek();
        while (head != null && !Integer.valueOf(head.estimate()).equals(candidates.get(head.key()))) {
            weakest.poll();
            head = weakest.peek();
        }
        return head;
    }

    /** Up to {@code n} keys with an estimate of at least {@code minCount}, most frequent first. */
    List<KeyBytes> top(int n, int minCount) {
        List<Map.Entry<KeyBytes, Integer>> entries = new ArrayList<>(candidates.entrySet());
        // Ties broken by the key bytes, so the same window always yields the same token ids.
        entries.sort(Comparator.<Map.Entry<KeyBytes, Integer>>comparingInt(Map.Entry::getValue).reversed()
                .thenComparing((a, b) -> Arrays.compareUnsigned(a.getKey().bytes(), b.getKey().bytes())));
        List<KeyBytes> top = new ArrayList<>(Math.min(n, entries.size()));
        for (Map.Entry<KeyBytes, Integer> e : entries) {
            if (top.size() == n || e.getValue() < minCount) {
                break;
            }
            top.add(e.getKey());
        }
        return top;
    }

    private record Ranked(KeyBytes key, int estimate) {
    }
}
