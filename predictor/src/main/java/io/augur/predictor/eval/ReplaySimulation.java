package io.augur.predictor.eval;

import io.augur.predictor.cache.PrefetchStaging;
import io.augur.predictor.eval.cache.Eviction;
import io.augur.predictor.eval.cache.SimulatedCache;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictors;
import io.augur.predictor.plan.PlannerSettings;
import io.augur.predictor.plan.PrefetchPlanner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Replays a trace through a cache under one eviction policy with a simulated origin, optionally
 * prefetching what a predictor's tape says, through the server's own {@link PrefetchPlanner}.
 */
public final class ReplaySimulation {

    /*
     * Time is counted in reads (read i happens at i × the trace's millis-per-read, the clock the
     * sampled policies age keys by). A prefetch issued after read i lands just before read i + D; a
     * read of a key still in flight is "late": a miss that joins the in-flight fetch (the server's
     * single-flight does the same), so it costs no second origin request. A read miss loads the
     * key (read-through). A prefetched key is put like any other; the policy decides where it goes
     * and whether it stays (W-TinyLFU may refuse it at once: an eviction before it is read).
     */

    private ReplaySimulation() {
    }

    /** Replays without prefetch, under exact LRU. */
    public static ReplayResult withoutPrefetch(Trace trace, int cacheKeys) {
        return withoutPrefetch(trace, cacheKeys, Eviction.LRU);
    }

    /** Replays without prefetch. */
    public static ReplayResult withoutPrefetch(Trace trace, int cacheKeys, Eviction eviction) {
        long[] now = {0};
        SimulatedCache cache = eviction.create(cacheKeys, trace.table()::key, () -> now[0], key -> { });
        int[] keys = trace.keys();
        long hits = 0;
        for (int i = 0; i < keys.length; i++) {
            now[0] = i * trace.millisPerRead();
            if (cache.get(keys[i])) {
                hits++;
            } else {
                cache.put(keys[i], false);
            }
        }
        return new ReplayResult("none", eviction.label(), cacheKeys, 0, trace.reads(), hits, 0, 0, 0, 0, 0,
                trace.reads() - hits);
    }

    /** Bélády's optimal replacement, without prefetch. */
    public static ReplayResult belady(Trace trace, int cacheKeys) {
        long hits = BeladyCache.hits(trace, cacheKeys);
        return new ReplayResult("belady", "belady", cacheKeys, 0, trace.reads(), hits, 0, 0, 0, 0, 0,
                trace.reads() - hits);
    }

    /** Replays under exact LRU with the prefetches {@code tape} plans, landing {@code lookahead} reads after issue. */
    public static ReplayResult withPrefetch(Trace trace, PredictionTape tape, int cacheKeys, int lookahead,
                                            double minConfidence, int topK) {
        return withPrefetch(trace, tape, cacheKeys, lookahead, minConfidence, topK, Eviction.LRU);
    }

    /** Replays with the prefetches {@code tape} plans, landing {@code lookahead} reads after issue. */
    public static ReplayResult withPrefetch(Trace trace, PredictionTape tape, int cacheKeys, int lookahead,
                                            double minConfidence, int topK, Eviction eviction) {
        return withPrefetch(trace, tape, cacheKeys, lookahead, new PlannerSettings().minConfidence(minConfidence)
                .topK(topK).minPrecision(0), eviction, null);
    }

    /**
     * Replays with the prefetches {@code tape} plans, landing {@code lookahead} reads after issue,
     * through a planner with the server's {@code settings} (budgets are lifted: the replay has no
     * clock for them), each read in its reading context ({@code contexts}, null = one context): the
     * planner reaches ahead in the context's reads and backs a context off as the server does.
     */
    public static ReplayResult withPrefetch(Trace trace, PredictionTape tape, int cacheKeys, int lookahead,
                                            PlannerSettings settings, Eviction eviction, long[] contexts) {
        return withPrefetch(trace, tape, cacheKeys, lookahead, settings, eviction, contexts,
                PrefetchStaging.DEFAULT_SHARE);
    }

    /** As above, with the store's prefetch-staging share (W-TinyLFU only). */
    public static ReplayResult withPrefetch(Trace trace, PredictionTape tape, int cacheKeys, int lookahead,
                                            PlannerSettings settings, Eviction eviction, long[] contexts,
                                            double prefetchStaging) {
        return withPrefetch(trace, tape, cacheKeys, lookahead, settings, eviction, contexts, prefetchStaging, 1);
    }

    /**
     * As above, with the server's predictor thread modelled as it runs: it takes the reads in batches
     * of {@code predictorBatch} (INFO's prefetch_batch_per_read), plans after a batch,
     * and skips a read whose context read again later in the same batch (the server's "superseded":
     * that next read has happened, a prefetch could only be late), all but the keys the interleaved
     * table named by the key alone (as the server's predictByKey). 1 plans after every read.
     */
    public static ReplayResult withPrefetch(Trace trace, PredictionTape tape, int cacheKeys, int lookahead,
                                            PlannerSettings settings, Eviction eviction, long[] contexts,
                                            double prefetchStaging, int predictorBatch) {
        KeyTable table = trace.table();
        int ids = table.size();
        boolean[] unusedPrefetch = new boolean[ids];
        long[] evictedUnread = {0};
        long[] now = {0};
        PrefetchPlanner planner = new PrefetchPlanner(settings.maxInFlight(Integer.MAX_VALUE)
                .maxRequestsPerSecond(Double.MAX_VALUE / 4).recentWindowMillis(0));
        SimulatedCache cache = eviction.create(cacheKeys, table::key, () -> now[0], victim -> {
            if (unusedPrefetch[victim]) {
                unusedPrefetch[victim] = false;
                evictedUnread[0]++;
                planner.outcome(table.key(victim), false);
            }
        }, prefetchStaging);
        boolean[] inFlight = new boolean[ids];
        // Landings due at read i are kept in a ring of D + 1 slots.
        int d = Math.max(1, lookahead);
        IntList[] landings = new IntList[d + 1];
        for (int i = 0; i <= d; i++) {
            landings[i] = new IntList();
        }
        int[] keys = trace.keys();
        long hits = 0, used = 0, late = 0, misses = 0, refused = 0; // misses: reads loaded from the origin
        List<Prediction> predictions = new ArrayList<>();
        // The source of each key's pending prefetch, and counts per source (indexes into tape.sourceNames()).
        byte[] sourceOf = new byte[ids];
        long[] issuedBySource = new long[256];
        long[] usedBySource = new long[256];
        IntList pending = new IntList(); // the reads of the predictor's current batch
        int batch = Math.max(1, predictorBatch);
        boolean[] byKey = byKeySources(tape);
        // The server's repeat path: the surest keys predicted after a key last time, fetched again at its next read.
        int[][] repeats = new int[ids][];
        boolean behind = false;
        for (int i = 0; i < keys.length; i++) {
            now[0] = i * trace.millisPerRead();
            long context = contexts == null ? PrefetchPlanner.ANY_CONTEXT : contexts[i];
            planner.read(context);
            IntList due = landings[i % (d + 1)];
            for (int j = 0; j < due.size; j++) {
                int key = due.values[j];
                inFlight[key] = false;
                planner.completed(table.key(key));
                if (!cache.contains(key)) {
                    unusedPrefetch[key] = true; // before put: the policy may evict it as it lands
                    cache.put(key, true);
                    if (unusedPrefetch[key] && !cache.contains(key)) {
                        unusedPrefetch[key] = false; // refused without an eviction (the store's OOM)
                        refused++;
                        planner.outcome(table.key(key), false);
                    }
                }
            }
            due.size = 0;

            int key = keys[i];
            if (cache.get(key)) {
                hits++;
                if (unusedPrefetch[key]) {
                    unusedPrefetch[key] = false;
                    used++;
                    usedBySource[sourceOf[key] & 0xff]++;
                    planner.prefetchUsed();
                    planner.outcome(table.key(key), true);
                }
            } else {
                if (inFlight[key]) {
                    late++;
                    planner.prefetchLate();
                } else {
                    misses++;
                }
                cache.put(key, false);
            }

            // Only while the predictor thread is behind (its last batch held two reads or more), as the server.
            int[] repeat = behind ? repeats[key] : null; // pairs: key id, tape source
            for (int r = 0; repeat != null && r < repeat.length; r += 2) {
                int id = repeat[r];
                if (!inFlight[id] && !cache.contains(id) && planner.claim(table.key(id))) {
                    issue(id, repeat[r + 1], inFlight, sourceOf, issuedBySource, landings[(i + d) % (d + 1)]);
                }
            }
            pending.add(i);
            if (pending.size < batch && i < keys.length - 1) {
                continue;
            }
            boolean[] superseded = supersededIn(pending, contexts);
            behind = pending.size >= PrefetchPlanner.REPEAT_BEHIND_AT_BATCH_READS;
            for (int q = 0; q < pending.size; q++) {
                int j = pending.values[q];
                int from = tape.from(j);
                int to = tape.to(j);
                predictions.clear();
                for (int e = from; e < to; e++) {
                    // A superseded read keeps only the keys named by key alone, as the server's predictByKey.
                    if (!superseded[q] || byKey[tape.source(e)]) {
                        predictions.add(new Prediction(table.key(tape.key(e)), tape.probability(e), tape.depth(e),
                                Integer.toString(tape.source(e))));
                    }
                }
                // As the server's repeat path: what to fetch again at the key's next read, taken at every
                // prediction (a superseded read's only adds).
                List<Prediction> repeatable = planner.repeatable(predictions);
                if (!superseded[q] || !repeatable.isEmpty()) {
                    repeats[keys[j]] = repeatable.isEmpty() ? null : repeatable.stream()
                            .flatMapToInt(p -> java.util.stream.IntStream.of(table.find(p.key()), Integer.parseInt(p.source())))
                            .toArray();
                }
                if (predictions.isEmpty()) {
                    continue;
                }
                long readContext = contexts == null ? PrefetchPlanner.ANY_CONTEXT : contexts[j];
                List<byte[]> planned = planner.plan(readContext, predictions, k -> cache.contains(table.find(k)), i);
                for (byte[] p : planned) {
                    issue(table.find(p), sourceIndex(p, predictions), inFlight, sourceOf, issuedBySource,
                            landings[(i + d) % (d + 1)]);
                }
            }
            pending.size = 0;
        }
        long leftUnread = 0;
        for (boolean unused : unusedPrefetch) {
            if (unused) {
                leftUnread++;
            }
        }
        long issued = java.util.Arrays.stream(issuedBySource).sum();
        return new ReplayResult(tape.predictor(), eviction.label(), cacheKeys, lookahead, keys.length, hits, issued,
                used, evictedUnread[0] + refused + leftUnread, evictedUnread[0] + refused, late, misses + issued,
                bySource(tape, issuedBySource), bySource(tape, usedBySource));
    }

    /**
     * Issues a prefetch of key {@code id} named by tape source {@code source} (the planner's or a
     * repeat): in flight until it lands with the reads of {@code landing}; counted per source, and
     * each one issued is one origin request.
     */
    private static void issue(int id, int source, boolean[] inFlight, byte[] sourceOf, long[] issuedBySource,
                              IntList landing) {
        inFlight[id] = true;
        sourceOf[id] = (byte) source;
        issuedBySource[source & 0xff]++;
        landing.add(id);
    }

    /** Per tape source: whether it names keys by the key read alone (the interleaved table), so a superseded read keeps them. */
    private static boolean[] byKeySources(PredictionTape tape) {
        List<String> names = tape.sourceNames();
        boolean[] byKey = new boolean[names.size()];
        for (int i = 0; i < byKey.length; i++) {
            byKey[i] = names.get(i).equals(Predictors.INTERLEAVED);
        }
        return byKey;
    }

    /** Which reads of a batch their context read again later in it (as PrefetchPipeline.superseded does). */
    private static boolean[] supersededIn(IntList batch, long[] contexts) {
        boolean[] out = new boolean[batch.size];
        Set<Long> readLater = new HashSet<>();
        for (int q = batch.size - 1; q >= 0; q--) {
            long context = contexts == null ? PrefetchPlanner.ANY_CONTEXT : contexts[batch.values[q]];
            out[q] = !readLater.add(context);
        }
        return out;
    }

    /** The tape's source index of the prediction the planner took {@code key} from. */
    private static int sourceIndex(byte[] key, List<Prediction> predictions) {
        for (Prediction p : predictions) {
            if (java.util.Arrays.equals(p.key(), key)) {
                return Integer.parseInt(p.source());
            }
        }
        return 0;
    }

    private static java.util.Map<String, Long> bySource(PredictionTape tape, long[] counts) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        List<String> names = tape.sourceNames();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), counts[i]);
        }
        return out;
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
