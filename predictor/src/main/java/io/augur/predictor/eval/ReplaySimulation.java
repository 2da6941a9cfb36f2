package io.augur.predictor.eval;

import io.augur.predictor.model.Prediction;
import io.augur.predictor.plan.PlannerSettings;
import io.augur.predictor.plan.PrefetchPlanner;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays a trace through an LRU cache with a simulated origin, optionally prefetching what a
 * predictor's tape says, through the server's own {@link PrefetchPlanner}.
 */
public final class ReplaySimulation {

    /*
     * Time is counted in reads. A prefetch issued after read i lands just before read i + D; a read
     * of a key still in flight is "late": a miss that joins the in-flight fetch (the server's
     * single-flight does the same), so it costs no second origin request. A read miss loads the
     * key (read-through). Prefetched keys enter the cache as most recently used.
     */

    private ReplaySimulation() {
    }

    /** Replays without prefetch. */
    public static ReplayResult withoutPrefetch(Trace trace, int cacheKeys) {
        LruCache cache = new LruCache(cacheKeys, trace.table().size());
        long hits = 0;
        for (int key : trace.keys()) {
            if (cache.contains(key)) {
                hits++;
                cache.touch(key);
            } else {
                cache.insert(key);
            }
        }
        return new ReplayResult("none", cacheKeys, 0, trace.reads(), hits, 0, 0, 0, 0, trace.reads() - hits);
    }

    /** Bélády's optimal replacement, without prefetch. */
    public static ReplayResult belady(Trace trace, int cacheKeys) {
        long hits = BeladyCache.hits(trace, cacheKeys);
        return new ReplayResult("belady", cacheKeys, 0, trace.reads(), hits, 0, 0, 0, 0, trace.reads() - hits);
    }

    /** Replays with the prefetches {@code tape} plans, landing {@code lookahead} reads after issue. */
    public static ReplayResult withPrefetch(Trace trace, PredictionTape tape, int cacheKeys, int lookahead,
                                            double minConfidence, int topK) {
        KeyTable table = trace.table();
        int ids = table.size();
        LruCache cache = new LruCache(cacheKeys, ids);
        boolean[] unusedPrefetch = new boolean[ids];
        boolean[] inFlight = new boolean[ids];
        // Landings due at read i are kept in a ring of D + 1 slots.
        int d = Math.max(1, lookahead);
        IntList[] landings = new IntList[d + 1];
        for (int i = 0; i <= d; i++) {
            landings[i] = new IntList();
        }
        PrefetchPlanner planner = new PrefetchPlanner(new PlannerSettings()
                .minConfidence(minConfidence).topK(topK).maxInFlight(Integer.MAX_VALUE)
                .maxRequestsPerSecond(Double.MAX_VALUE / 4).recentWindowMillis(0));
        int[] keys = trace.keys();
        long hits = 0, issued = 0, used = 0, wasted = 0, late = 0, origin = 0;
        List<Prediction> predictions = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            planner.read();
            IntList due = landings[i % (d + 1)];
            for (int j = 0; j < due.size; j++) {
                int key = due.values[j];
                inFlight[key] = false;
                planner.completed(table.key(key));
                if (!cache.contains(key)) {
                    wasted += evict(cache.insert(key), unusedPrefetch);
                    unusedPrefetch[key] = true;
                }
            }
            due.size = 0;

            int key = keys[i];
            if (cache.contains(key)) {
                hits++;
                cache.touch(key);
                if (unusedPrefetch[key]) {
                    unusedPrefetch[key] = false;
                    used++;
                    planner.prefetchUsed();
                }
            } else {
                if (inFlight[key]) {
                    late++;
                    planner.prefetchLate();
                } else {
                    origin++;
                }
                wasted += evict(cache.insert(key), unusedPrefetch);
            }

            int from = tape.from(i);
            int to = tape.to(i);
            if (from == to) {
                continue;
            }
            predictions.clear();
            for (int e = from; e < to; e++) {
                predictions.add(new Prediction(table.key(tape.key(e)), tape.probability(e), tape.depth(e)));
            }
            List<byte[]> planned = planner.plan(predictions, k -> cache.contains(table.find(k)), i);
            for (byte[] p : planned) {
                int id = table.find(p);
                inFlight[id] = true;
                issued++;
                origin++;
                landings[(i + d) % (d + 1)].add(id);
            }
        }
        for (boolean unused : unusedPrefetch) {
            if (unused) {
                wasted++;
            }
        }
        return new ReplayResult(tape.predictor(), cacheKeys, lookahead, keys.length, hits, issued, used, wasted,
                late, origin);
    }

    private static int evict(int evicted, boolean[] unusedPrefetch) {
        if (evicted >= 0 && unusedPrefetch[evicted]) {
            unusedPrefetch[evicted] = false;
            return 1;
        }
        return 0;
    }

    /** A growable int array, reused per landing slot. */
    private static final class IntList {
        int[] values = new int[8];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
