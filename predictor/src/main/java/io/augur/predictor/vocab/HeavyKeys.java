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
public final class HeavyKeys {

    /*
     * A bounded candidate set ranked by a count-min estimate, in the spirit of Space-Saving
     * (Metwally et al., 2005, "Efficient computation of frequent and top-k elements in data
     * streams"): a key outside the set enters only when its estimate beats the weakest candidate,
     * which it evicts. Estimates come from the sketch, so an evicted key that keeps coming back
     * re-enters with its whole history counted. The weakest candidate is found with a min-heap
     * updated lazily (stale entries are skipped, the heap is rebuilt when it grows 4x the set).
     * Besides the estimate (for ranking) each candidate keeps an exact count of its reads since it
     * entered: a minimum count is checked on that, since collisions inflate estimates of rare keys.
     */

    /** Candidates kept per key wanted: slack so keys near the cut-off are not lost to churn. */
    private static final int CANDIDATES_PER_KEY = 2;
    /** Heap entries per candidate before the heap is rebuilt without stale entries. */
    private static final int MAX_STALE_FACTOR = 4;

    private final FrequencySketch sketch;
    private final int capacity;
    /** Candidate key → {estimate, exact reads since it became a candidate}. */
    private final Map<KeyBytes, int[]> candidates = new HashMap<>();
    private final PriorityQueue<Ranked> weakest = new PriorityQueue<>(Comparator.comparingInt(Ranked::estimate));

    public HeavyKeys(int wanted) {
        this.capacity = Math.max(1, wanted * CANDIDATES_PER_KEY);
        this.sketch = new FrequencySketch(capacity);
    }

    public void record(byte[] key) {
        KeyBytes k = new KeyBytes(key);
        int estimate = sketch.increment(k.hashCode());
        int[] counts = candidates.get(k);
        if (counts != null) {
            counts[0] = estimate;
            counts[1]++;
            weakest.add(new Ranked(k, estimate));
        } else if (candidates.size() < capacity) {
            admit(k, estimate);
        } else {
            Ranked min = weakestCurrent();
            if (min != null && estimate > min.estimate()) {
                weakest.poll();
                candidates.remove(min.key());
                admit(k, estimate);
            }
        }
        if (weakest.size() > capacity * MAX_STALE_FACTOR) {
            weakest.clear();
            candidates.forEach((c, e) -> weakest.add(new Ranked(c, e[0])));
        }
    }

    private void admit(KeyBytes k, int estimate) {
        candidates.put(k, new int[]{estimate, 1});
        weakest.add(new Ranked(k, estimate));
    }

    /** Drops heap entries whose estimate is out of date and returns the true weakest candidate. */
    private Ranked weakestCurrent() {
        Ranked head = weakest.peek();
        while (head != null && !isCurrent(head)) {
            weakest.poll();
            head = weakest.peek();
        }
        return head;
    }

    private boolean isCurrent(Ranked r) {
        int[] counts = candidates.get(r.key());
        return counts != null && counts[0] == r.estimate();
    }

    /** Up to {@code n} keys read at least {@code minReads} times, most frequent first. */
    public List<KeyBytes> top(int n, int minReads) {
        List<Map.Entry<KeyBytes, int[]>> entries = new ArrayList<>();
        for (Map.Entry<KeyBytes, int[]> e : candidates.entrySet()) {
            if (e.getValue()[1] >= minReads) {
                entries.add(e);
            }
        }
        // Ties broken by the key bytes, so the same window always yields the same token ids.
        entries.sort(Comparator.<Map.Entry<KeyBytes, int[]>>comparingInt(e -> -e.getValue()[0])
                .thenComparing((a, b) -> Arrays.compareUnsigned(a.getKey().bytes(), b.getKey().bytes())));
        List<KeyBytes> top = new ArrayList<>(Math.min(n, entries.size()));
        for (int i = 0; i < entries.size() && i < n; i++) {
            top.add(entries.get(i).getKey());
        }
        return top;
    }

    private record Ranked(KeyBytes key, int estimate) {
    }
}
