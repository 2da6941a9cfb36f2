package io.augur.predictor.eval;

import java.util.Arrays;

/**
 * Bélády's optimal replacement (evict the key read furthest in the future), without prefetch:
 * the best hit ratio eviction alone can reach on a trace, the ceiling for any replacement policy.
 */
final class BeladyCache {

    /*
     * Belady (1966), "A study of replacement algorithms for a virtual-storage computer". The next
     * use of every read is precomputed backwards; cached keys sit in a max-heap by next use with
     * lazy deletion (an entry is stale when the key's next use has moved on).
     */

    private BeladyCache() {
    }

    /** Hits of the optimal policy with room for {@code capacity} keys. */
    static long hits(Trace trace, int capacity) {
        int[] keys = trace.keys();
        int n = keys.length;
        int[] nextUse = new int[n];
        int[] lastSeen = new int[trace.table().size()];
        Arrays.fill(lastSeen, Integer.MAX_VALUE);
        for (int i = n - 1; i >= 0; i--) {
            nextUse[i] = lastSeen[keys[i]];
            lastSeen[keys[i]] = i;
        }
        int[] currentNext = new int[trace.table().size()];
        boolean[] cached = new boolean[trace.table().size()];
        LongMaxHeap heap = new LongMaxHeap(Math.max(16, capacity * 2));
        int size = 0;
        long hits = 0;
        for (int i = 0; i < n; i++) {
            int key = keys[i];
            if (cached[key]) {
                hits++;
            } else {
                if (size == Math.max(1, capacity)) {
                    while (true) {
                        long top = heap.poll();
                        int victim = (int) top;
                        if (cached[victim] && currentNext[victim] == (int) (top >>> 32)) {
                            cached[victim] = false;
                            size--;
                            break;
                        }
                    }
                }
                cached[key] = true;
                size++;
            }
            currentNext[key] = nextUse[i];
            heap.add(((long) nextUse[i] << 32) | key);
            if (heap.size() > 4 * Math.max(16, capacity)) {
                heap.retainIf(e -> cached[(int) e] && currentNext[(int) e] == (int) (e >>> 32));
            }
        }
        return hits;
    }

    /** A binary max-heap of longs (next use in the high half, key in the low half). */
    private static final class LongMaxHeap {
        private long[] a;
        private int size;

        LongMaxHeap(int capacity) {
            a = new long[capacity];
        }

        int size() {
            return size;
        }

        void add(long v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (a[p] >= v) {
                    break;
                }
                a[i] = a[p];
                i = p;
            }
            a[i] = v;
        }

        long poll() {
            long top = a[0];
            long last = a[--size];
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= size) {
                    break;
                }
                if (c + 1 < size && a[c + 1] > a[c]) {
                    c++;
                }
                if (a[c] <= last) {
                    break;
                }
                a[i] = a[c];
                i = c;
            }
            if (size > 0) {
                a[i] = last;
            }
            return top;
        }

        /** Drops stale entries and re-heapifies (keeps the heap bounded by the live keys). */
        void retainIf(java.util.function.LongPredicate live) {
            long[] kept = new long[a.length];
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (live.test(a[i])) {
                    kept[n++] = a[i];
                }
            }
            a = new long[Math.max(16, n * 2)];
            size = 0;
            for (int i = 0; i < n; i++) {
                add(kept[i]);
            }
        }
    }
}
