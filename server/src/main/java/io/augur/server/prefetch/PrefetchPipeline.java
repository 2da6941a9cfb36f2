package io.augur.server.prefetch;

import io.augur.predictor.context.ReadingContexts;
import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.plan.PrefetchPlanner;
import io.augur.predictor.shadow.ShadowEvaluator;
import io.augur.server.config.PrefetchSettings;
import io.augur.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What the predictor thread does with each batch of accesses: follow predictor changes, feed
 * every predictor (active, shadows, A/B challenger), plan prefetches from the serving arm's
 * predictions, then check drift and auto-switch.
 */
final class PrefetchPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(PrefetchPipeline.class);

    private final PrefetchSettings settings;
    private final PredictorLifecycle lifecycle;
    private final AbArms arms;
    private final ShadowScoring shadows;
    private final DriftWatch drift;
    private final AutoSwitcher autoSwitch;
    private final PrefetchPlanner planner;
    private final Prefetcher prefetcher;
    private final HotKeys hotKeys;
    private final Store store;
    private final LongSupplier clockMillis;
    private final PrefetchStats stats;
    private final ReadingContexts contexts;
    private final ContextShedding shedding = new ContextShedding();
    private final RepeatPrefetch repeat;

    PrefetchPipeline(PrefetchSettings settings, PredictorLifecycle lifecycle, AbArms arms, ShadowScoring shadows,
                     DriftWatch drift, AutoSwitcher autoSwitch, PrefetchPlanner planner,
                     Prefetcher prefetcher, RepeatPrefetch repeat, HotKeys hotKeys, Store store, LongSupplier clockMillis,
                     PrefetchStats stats) {
        this.settings = settings;
        this.repeat = repeat;
        this.lifecycle = lifecycle;
        this.arms = arms;
        this.shadows = shadows;
        this.drift = drift;
        this.autoSwitch = autoSwitch;
        this.planner = planner;
        this.prefetcher = prefetcher;
        this.hotKeys = hotKeys;
        this.store = store;
        this.clockMillis = clockMillis;
        this.stats = stats;
        this.contexts = new ReadingContexts(ReadingContexts.Mode.parse(settings.prefetchContext()));
    }

    /** Reading contexts (users inside pooled connections), for INFO; read on other threads only as a count. */
    ReadingContexts contexts() {
        return contexts;
    }

    /** Which contexts are skipped while the thread is behind. */
    ContextShedding shedding() {
        return shedding;
    }

    /** Before draining: a changed predictor request or A/B setting takes effect here, between batches. */
    void beforeBatch() {
        if (lifecycle.followRequest()) {
            activeChanged();
        }
        arms.followSettings();
    }

    /** The active predictor threw: log, fall back, count. */
    void failed(Throwable e) {
        // A failing predictor must never take prefetching down.
        LOG.warn("predictor '{}' failed, falling back to {}: {}", lifecycle.activeName(), PredictorLifecycle.FALLBACK,
                e.toString());
        try {
            lifecycle.fallBack();
            activeChanged();
        } finally {
            // Counted once the fallback serves, so INFO never shows the failure beside the failed
            // predictor's name (PredictorCrashTest read it in between once).
            stats.predictorErrors.increment();
        }
    }

    /** A new active predictor is a new reference for drift, shadows and auto-switch. */
    private void activeChanged() {
        autoSwitch.restart();
        shadows.rebuild(lifecycle.activeName(), drift.restart());
    }

    /**
     * The reading-context mode is read once per batch: a CONFIG SET applies from the next batch on.
     * (The planner's thresholds need no copy: CONFIG SET writes its PlannerSettings directly.)
     */
    void syncPlannerSettings() {
        contexts.mode(ReadingContexts.Mode.parse(settings.prefetchContext()));
    }

    /**
     * One drained batch: each access is put in its reading context (sheds and hints drop out), the
     * active predictor may compute the batch's answers together (one forward pass for many reads:
     * measured, a pass costs about the same for 1 row as for hundreds), then each access is handled.
     */
    void handle(List<AccessEvent> batch) {
        List<AccessEvent> resolved = new ArrayList<>(batch.size());
        for (AccessEvent access : batch) {
            // From here on, connectionId() names the reading context (a user inside a pooled connection).
            AccessEvent event = contexts.resolve(access);
            if (event == null) {
                continue; // an AUGUR.CONTEXT hint: it only names the context of the connection's next reads
            }
            if (event.op() != AccessEvent.Op.CLOSE && shedding.sheds(event.connectionId())) {
                continue;
            }
            resolved.add(event);
        }
        if (settings.prefetchEnabled()) {
            lifecycle.active().prepare(resolved, settings.topK());
        }
        boolean[] superseded = superseded(resolved);
        countBatch(resolved);
        for (int i = 0; i < resolved.size(); i++) {
            handle(resolved.get(i), superseded[i]);
        }
        // The shadows score after the whole batch's prefetches went out: scored inline, each read's
        // prefetch waited for the shadows of every read before it, and the default blend got 0.37-0.38
        // live against 0.4475 with no shadows (per-user cache-aside, one connection per user).
        if (shedding.shadowsPaused()) {
            shedding.shadowsSkipped();
        } else {
            ShadowEvaluator board = shadows.board();
            for (int i = 0; i < resolved.size(); i++) {
                AccessEvent event = resolved.get(i);
                // As for the active predictor, a superseded read is learned from but not predicted after.
                board.observeShadows(event, event.op() == AccessEvent.Op.CLOSE || superseded[i] ? 0 : settings.topK());
            }
        }
    }

    private void countBatch(List<AccessEvent> resolved) {
        int reads = 0;
        for (AccessEvent e : resolved) {
            if (e.op() == AccessEvent.Op.READ) {
                reads++;
            }
        }
        if (reads > 0) {
            stats.batches.increment();
            stats.batchReads.add(reads);
            stats.batchReadsSquared.add((long) reads * reads);
            repeat.behind(reads >= PrefetchPlanner.REPEAT_BEHIND_AT_BATCH_READS);
        }
    }

    /**
     * Which reads of the batch their context followed with another read in the same batch. Their
     * next read has already happened, so a prefetch planned from them could only land late or
     * fetch what the later read's own plan fetches; they are observed but not predicted after.
     * Why: the thread falls behind in bursts (a batch of hundreds of reads), and then every read's
     * prediction delayed the prefetches of the reads after it, most of which were such stale ones.
     */
    static boolean[] superseded(List<AccessEvent> batch) {
        boolean[] superseded = new boolean[batch.size()];
        Set<Long> readLater = new HashSet<>();
        for (int i = batch.size() - 1; i >= 0; i--) {
            AccessEvent e = batch.get(i);
            if (e.op() == AccessEvent.Op.READ && !readLater.add(e.connectionId())) {
                superseded[i] = true;
            }
        }
        return superseded;
    }

    private void handle(AccessEvent event, boolean superseded) {
        Predictor predictor = lifecycle.active();
        if (event.op() == AccessEvent.Op.CLOSE) {
            predictor.forgetConnection(event.connectionId());
            arms.forget(event.connectionId());
            return;
        }
        ShadowEvaluator board = shadows.board();
        board.settleActive(event);
        predictor.observe(event);
        if (event.op() == AccessEvent.Op.READ) {
            hotKeys.record(event.key());
            planner.read(event.connectionId());
        }
        // A/B: both arms learn from every access; each connection's prefetches come from its own arm.
        boolean inArmB = arms.observe(event);
        if (event.op() != AccessEvent.Op.READ || !settings.prefetchEnabled()) {
            return;
        }
        List<Prediction> predicted;
        if (superseded) {
            stats.superseded.increment();
            // Its context's next read has happened, but a key read by a user a pool hides is still
            // followed by that user's next key, which only a table learned across clients names.
            predicted = inArmB ? List.of() : predictor.predictByKey(event.connectionId(), event.key(), settings.topK());
        } else if (inArmB) {
            predicted = arms.predict(event);
            if (predicted == null) {
                return;
            }
        } else {
            long start = System.nanoTime();
            predicted = predictor.predict(event.connectionId(), settings.topK());
            board.scoreActive(event, predicted, System.nanoTime() - start);
        }
        // Not during an A/B test: the command thread repeats these for whichever connection reads the key next.
        // A superseded read was not predicted after by its context, so its few keys only add to what is kept.
        if (arms.test() == null) {
            List<Prediction> repeatable = planner.repeatable(predicted);
            if (!superseded || !repeatable.isEmpty()) {
                repeat.predicted(event.key(), repeatable);
            }
        }
        if (predicted.isEmpty()) {
            return;
        }
        stats.predictions.add(predicted.size());
        for (byte[] key : planner.plan(event.connectionId(), predicted, k -> store.peek(k) != null,
                clockMillis.getAsLong())) {
            stats.sources.issued(key, sourceOf(key, predicted));
            prefetcher.fetch(key);
        }
    }

    /** The source of the prediction the planner took {@code key} from. */
    private static String sourceOf(byte[] key, List<Prediction> predicted) {
        for (Prediction p : predicted) {
            if (java.util.Arrays.equals(p.key(), key)) {
                return p.source() == null ? "unknown" : p.source();
            }
        }
        return "unknown";
    }

    /** After a batch: drift of the active predictor, then auto-switch. */
    void afterBatch() {
        drift.check(lifecycle.active(), lifecycle.activeName());
        autoSwitch.check(shadows.scores());
    }
}
