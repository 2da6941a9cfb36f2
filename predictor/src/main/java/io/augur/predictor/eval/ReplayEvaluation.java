package io.augur.predictor.eval;

import io.augur.predictor.cache.PrefetchStaging;
import io.augur.predictor.eval.cache.Eviction;
import io.augur.predictor.model.Predictor;

import io.augur.predictor.plan.PlannerSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Evaluates predictors on one trace: records each predictor's tape once, then replays it at every
 * cache size, lookahead and eviction policy, next to the reference rows (no prefetch under each
 * policy, W-TinyLFU without prefetch, Bélády).
 */
public final class ReplayEvaluation {

    /** Suffix of a predictor name that records it without ever training (e.g. "lstm-untrained"). */
    public static final String UNTRAINED = "-untrained";
    /** The policy whose no-prefetch row every block carries: the best cache a user could run instead. */
    public static final Eviction BASELINE = Eviction.TINYLFU;

    private final Trace trace;
    private final Function<String, Predictor> predictors;
    private final PredictionRecorder recorder;
    private final double minConfidence;
    private final int topK;
    /** The planner's back-off threshold (prefetch-min-precision); 0 never backs off. */
    private final double minPrecision;
    private final Map<String, PredictionTape> tapes = new LinkedHashMap<>();
    private double prefetchStaging = PrefetchStaging.DEFAULT_SHARE;
    private int predictorBatch = 1;

    /**
     * @param predictors    builds a fresh predictor by name (the server's catalog, for the LSTM)
     * @param minConfidence the planner's confidence gate (the server's {@code prefetch-min-confidence})
     * @param topK          predictions considered per read (the server's {@code prefetch-top-k})
     */
    public ReplayEvaluation(Trace trace, Function<String, Predictor> predictors, PredictionRecorder recorder,
                            double minConfidence, int topK) {
        this.trace = trace;
        this.predictors = predictors;
        this.recorder = recorder;
        this.minConfidence = minConfidence;
        this.topK = topK;
        this.minPrecision = 0;
    }

    /**
     * As above, with the server's per-context back-off ({@code prefetch-min-precision}); the
     * recorder's reading contexts are the planner's too.
     */
    public ReplayEvaluation(Trace trace, Function<String, Predictor> predictors, PredictionRecorder recorder,
                            double minConfidence, int topK, double minPrecision) {
        this.trace = trace;
        this.predictors = predictors;
        this.recorder = recorder;
        this.minConfidence = minConfidence;
        this.topK = topK;
        this.minPrecision = minPrecision;
    }

    /** The store's prefetch-staging share the W-TinyLFU rows run with. */
    public ReplayEvaluation prefetchStaging(double share) {
        this.prefetchStaging = share;
        return this;
    }

    /** Reads the predictor thread takes at a time, as the server's INFO reports it (1: every read). */
    public ReplayEvaluation predictorBatch(int reads) {
        this.predictorBatch = Math.max(1, reads);
        return this;
    }

    /** Records the tape of each named predictor (the expensive part: training and inference). */
    public void record(List<String> names) {
        for (String name : names) {
            if (name.equals("none") || tapes.containsKey(name)) {
                continue;
            }
            boolean untrained = name.endsWith(UNTRAINED);
            try (Predictor predictor = predictors.apply(untrained ? name.substring(0, name.length() - UNTRAINED.length()) : name)) {
                tapes.put(name, recorder.record(trace, predictor, name, !untrained));
            }
        }
    }

    /** The rows for one cache size and lookahead under exact LRU, with the W-TinyLFU baseline. */
    public List<ReplayResult> replay(int cacheKeys, int lookahead) {
        return replay(cacheKeys, lookahead, List.of(Eviction.LRU));
    }

    /**
     * The rows for one cache size and lookahead: per policy its no-prefetch row, then each recorded
     * predictor under it; the W-TinyLFU no-prefetch row (the baseline to beat) when the policies
     * leave it out; Bélády last.
     */
    public List<ReplayResult> replay(int cacheKeys, int lookahead, List<Eviction> evictions) {
        List<ReplayResult> rows = new ArrayList<>();
        for (Eviction eviction : evictions) {
            rows.add(ReplaySimulation.withoutPrefetch(trace, cacheKeys, eviction));
            for (PredictionTape tape : tapes.values()) {
                rows.add(ReplaySimulation.withPrefetch(trace, tape, cacheKeys, lookahead, new PlannerSettings()
                        .minConfidence(minConfidence).topK(topK).minPrecision(minPrecision), eviction,
                        recorder.contexts(trace), prefetchStaging, predictorBatch));
            }
        }
        if (!evictions.contains(BASELINE)) {
            rows.add(ReplaySimulation.withoutPrefetch(trace, cacheKeys, BASELINE));
        }
        rows.add(ReplaySimulation.belady(trace, cacheKeys));
        return rows;
    }

    public Trace trace() {
        return trace;
    }
}
