package io.augur.predictor.plan;

import io.augur.predictor.model.KeyBytes;
import io.augur.predictor.model.Prediction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Turns predictions into origin requests: only confident ones, for keys not cached, not in
 * flight and not fetched recently, within an in-flight cap and a request-rate budget.
 */
public final class PrefetchPlanner {

    /*
     * Budgets protect the origin: a token bucket (capacity one second of requests) caps the rate,
     * the in-flight cap bounds concurrency, and the recent-fetch window stops a wrong prediction
     * from refetching the same key after every read. plan() runs on the predictor thread;
     * completed() runs on origin callback threads, so in-flight state is concurrent.
     */

    /** Reaching ahead, predictions for fewer reads ahead than this share of the latency (in reads) go last. */
    private static final double REACH_AHEAD_DEPTH_SHARE = 0.5;
    /** Late-or-used outcomes between two updates of the late share. */
    private static final int LATE_SAMPLE = 32;
    /** Keys remembered as recently fetched. */
    private static final int MAX_RECENT = 65_536;
    /** Prefetched keys whose issuing context is remembered until their outcome; beyond it attribution restarts. */
    private static final int MAX_ATTRIBUTED = 262_144;
    /** The context of {@link #plan(List, Predicate, long)} callers that do not name one. */
    public static final long ANY_CONTEXT = 0;

    /**
     * The chance a prediction must have to be fetched again at the next read of the key it followed
     * (the server's repeat path, and the replay's). Measured on the path's first version, which
     * repeated the keys the planner had fetched (replay, per-user trace, 5%, W-TinyLFU, at the live
     * batch sizes): every planned key gave 0.542 (one connection per user) and 0.390 (a 16-connection
     * pool) with 106k and 98k prefetches; those of 0.5 or more, 0.539 and 0.386 with 70k and 53k
     * (precision 0.40 -> 0.60 and 0.12 -> 0.21). Since the interleaved table answers exactly its keys
     * are surer, and 0.3 pays on every row (replay at the live batches, 0.5 -> 0.3 -> 0.2: one per
     * user 0.5155 -> 0.5219, 63k -> 69k prefetches; pool 0.4001 -> 0.4078 -> 0.4099, 37k -> 43k -> 49k;
     * shared 0.4039 -> 0.4108 -> 0.4127, 35k -> 41k -> 49k): 0.2, the planner's own bar, buys little
     * more for many more origin requests.
     */
    public static final double REPEAT_MIN_CHANCE = 0.3;

    /**
     * Reads in the predictor thread's last batch from which it counts as behind, and the repeat path
     * runs: a thread that takes the reads one at a time plans after each before the next comes, and
     * a repeat would only fetch what the last prediction after the key named, which may have changed
     * since (web12 in the replay: -0.1 to -0.3 points at batches of 2-16, where sprite gains 8-11).
     */
    public static final int REPEAT_BEHIND_AT_BATCH_READS = 2;

    private final PlannerSettings settings;
    /** Keys being fetched, each with the read counts when it was issued. */
    private final Map<KeyBytes, OriginLatency.Stamp> inFlight = new ConcurrentHashMap<>();
    /** Fetches completed on origin threads, measured on the predictor thread at its next call. */
    private final Queue<OriginLatency.Stamp> landed = new ConcurrentLinkedQueue<>();
    private final OriginLatency latency = new OriginLatency();
    /** The context that issued each prefetched key not yet read or dropped: outcomes go back to it. */
    private final Map<KeyBytes, Long> issuedBy = new ConcurrentHashMap<>();
    /** Outcomes reported on other threads (context, used), applied on the predictor thread. */
    private final Queue<long[]> outcomes = new ConcurrentLinkedQueue<>();
    private final PrefetchBackoff backoff;
    private final Map<KeyBytes, Long> recentlyFetched = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<KeyBytes, Long> eldest) {
            return size() > MAX_RECENT;
        }
    };
    private final LongSupplier lateTotal;
    private final LongSupplier usedTotal;
    private final LongAdder late = new LongAdder();
    private final LongAdder used = new LongAdder();
    private long lateSeen;
    private long usedSeen;
    /** Recent share of prefetches that landed after their read (late / (late + used)), smoothed. */
    private double lateShare;
    /**
     * The origin budget (prefetch-max-rate) left now: refilled by the predictor thread as it plans,
     * spent by its plans and by the command thread's repeats ({@link #claim}), hence atomic.
     */
    private final DoubleAdder tokens = new DoubleAdder();
    private long lastRefillMillis = -1;

    private final LongAdder planned = new LongAdder();
    private final LongAdder skippedLowConfidence = new LongAdder();
    private final LongAdder skippedCached = new LongAdder();
    private final LongAdder skippedInFlight = new LongAdder();
    private final LongAdder skippedRecent = new LongAdder();
    private final LongAdder skippedBudget = new LongAdder();

    /** A planner told of late and used prefetches through {@link #prefetchLate} and {@link #prefetchUsed}. */
    public PrefetchPlanner(PlannerSettings settings) {
        this.settings = settings;
        this.lateTotal = late::sum;
        this.usedTotal = used::sum;
        this.backoff = new PrefetchBackoff(settings.minPrecision());
    }

    /** A planner that reads running totals of late and used prefetches kept elsewhere (the server's counters). */
    public PrefetchPlanner(PlannerSettings settings, LongSupplier lateTotal, LongSupplier usedTotal) {
        this.settings = settings;
        this.lateTotal = lateTotal;
        this.usedTotal = usedTotal;
        this.backoff = new PrefetchBackoff(settings.minPrecision());
    }

    /**
     * A prefetched key was read before it left the cache ({@code used}) or left it unread (evicted
     * or expired): the outcome goes to the context that asked for it. Safe from any thread.
     */
    public void outcome(byte[] key, boolean used) {
        Long context = issuedBy.remove(new KeyBytes(key));
        if (context != null) {
            outcomes.add(new long[] {context, used ? 1 : 0});
        }
    }

    /** A read found its key still being prefetched. */
    public void prefetchLate() {
        late.increment();
    }

    /** A read hit a key a prefetch had loaded. */
    public void prefetchUsed() {
        used.increment();
    }

    /** Whether the planner now takes predictions beyond the next read (its prefetches have been landing late). */
    public boolean reachingAhead() {
        return lateShare > settings.reachAheadLateShare();
    }

    /*
     * Reaching ahead: a prefetch for the very next read only helps when the origin answers before
     * that read. The planner learns whether it does from its own outcomes: when a large share of
     * recent prefetches landed after their read, it also takes the predictions rolled further ahead
     * (depth > 1); with a fast origin it leaves them, since each one costs cache room and an origin
     * request. Measured on sprite (replay, 5% cache): rolled-forward keys always on cost 3 points of
     * hit ratio with D = 1 and gained 4 with D = 10.
     */
    private void updateLateShare() {
        long l = lateTotal.getAsLong();
        long u = usedTotal.getAsLong();
        if (l < lateSeen || u < usedSeen) { // the counters were reset (CONFIG RESETSTAT)
            lateSeen = l;
            usedSeen = u;
        }
        long dl = l - lateSeen;
        long du = u - usedSeen;
        if (dl + du >= LATE_SAMPLE) {
            lateShare = 0.7 * lateShare + 0.3 * ((double) dl / (dl + du));
            lateSeen = l;
            usedSeen = u;
        }
    }

    /** The keys to fetch now, best first; each is marked in flight until {@link #completed}. */
    public List<byte[]> plan(List<Prediction> predictions, Predicate<byte[]> isCached, long nowMillis) {
        return plan(ANY_CONTEXT, predictions, isCached, nowMillis);
    }

    /**
     * The keys to fetch now for a reading context's predictions, best first; each is marked in
     * flight until {@link #completed}. A context whose prefetches stopped paying gets none but probes.
     */
    public List<byte[]> plan(long context, List<Prediction> predictions, Predicate<byte[]> isCached, long nowMillis) {
        refill(nowMillis);
        updateLateShare();
        settle();
        boolean ahead = reachingAhead();
        List<byte[]> keys = new ArrayList<>(2);
        for (Prediction prediction : ahead ? deepFirst(predictions) : predictions) {
            if (keys.size() >= settings.topK()) {
                break;
            }
            if (prediction.depth() > 1 && !ahead) {
                continue;
            }
            if (prediction.probability() < settings.minConfidence()) {
                skippedLowConfidence.increment();
                continue;
            }
            long scored = PrefetchBackoff.scored(context, prediction.source());
            if (!backoff.allows(scored)) {
                continue;
            }
            KeyBytes key = new KeyBytes(prediction.key());
            if (inFlight.containsKey(key)) {
                skippedInFlight.increment();
                continue;
            }
            Long fetchedAt = recentlyFetched.get(key);
            if (fetchedAt != null && nowMillis - fetchedAt < settings.recentWindowMillis()) {
                skippedRecent.increment();
                continue;
            }
            if (isCached.test(prediction.key())) {
                skippedCached.increment();
                continue;
            }
            if (inFlight.size() >= settings.maxInFlight() || tokens.sum() < 1) {
                skippedBudget.increment();
                continue;
            }
            tokens.add(-1);
            inFlight.put(key, latency.issue(context));
            if (issuedBy.size() >= MAX_ATTRIBUTED) {
                issuedBy.clear(); // outcomes that never came (e.g. keys deleted by clients) must not pile up
            }
            issuedBy.put(key, scored);
            recentlyFetched.put(key, nowMillis);
            planned.increment();
            keys.add(prediction.key());
        }
        return keys;
    }

    /**
     * Reaching ahead, the keys expected at least half the origin's latency (in reads) ahead come
     * first: those sooner would mostly land after their read, so they only take what budget is left.
     */
    private List<Prediction> deepFirst(List<Prediction> predictions) {
        double minDepth = latency.contextReads() * REACH_AHEAD_DEPTH_SHARE;
        List<Prediction> ordered = new ArrayList<>(predictions.size());
        for (Prediction p : predictions) {
            if (p.depth() >= minDepth) {
                ordered.add(p);
            }
        }
        for (Prediction p : predictions) {
            if (p.depth() < minDepth) {
                ordered.add(p);
            }
        }
        return ordered;
    }

    /** A client read a key (any key): the clock the origin's latency is measured in. */
    public void read() {
        read(ANY_CONTEXT);
    }

    /** A read by this context: the clocks the origin's latency is measured in (the server's and the context's). */
    public void read(long context) {
        settle();
        latency.read(context);
    }

    /** The origin's smoothed latency in the server's reads between a prefetch's issue and its landing. */
    public double latencyReads() {
        return latency.serverReads();
    }

    /** The origin's smoothed latency in the issuing context's own reads: what reach-ahead plans with. */
    public double contextLatencyReads() {
        return latency.contextReads();
    }

    /** The fetch of this key finished (whatever the outcome); it is no longer in flight. Safe from any thread. */
    public void completed(byte[] key) {
        OriginLatency.Stamp stamp = inFlight.remove(new KeyBytes(key));
        if (stamp != null) {
            landed.add(stamp);
        }
    }

    /** Applies what other threads reported since the last call: landings and outcomes. */
    private void settle() {
        for (OriginLatency.Stamp s; (s = landed.poll()) != null; ) {
            latency.landed(s);
        }
        backoff.minPrecision(settings.minPrecision());
        for (long[] o; (o = outcomes.poll()) != null; ) {
            backoff.outcome(o[0], o[1] == 1);
        }
    }

    /** The per-context back-off controller (read its counters for INFO; predictor thread only). */
    public PrefetchBackoff backoff() {
        return backoff;
    }

    /**
     * Of the predictions made after a read, the ones to fetch again at the next read of the same key
     * (the server's repeat path; the replay's too): up to top-k with a chance of at least
     * {@link #REPEAT_MIN_CHANCE}, next reads only unless reaching ahead, as {@link #plan} considers them.
     * Taken at every prediction, so a key whose predictions fell below the chance repeats nothing.
     */
    public List<Prediction> repeatable(List<Prediction> predictions) {
        boolean ahead = reachingAhead();
        List<Prediction> out = new ArrayList<>(2);
        for (Prediction p : predictions) {
            if (out.size() >= settings.topK()) {
                break;
            }
            if (p.probability() >= REPEAT_MIN_CHANCE && (p.depth() == 1 || ahead)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Marks {@code key} in flight for a fetch issued outside {@link #plan} (any thread: the command
     * thread's repeat of an earlier prediction), spending from the same origin budget; false when it
     * already is in flight, or the in-flight cap or the budget is reached.
     * Such a fetch is not counted in the origin's measured latency (its issue is not stamped in reads).
     */
    public boolean claim(byte[] key) {
        if (inFlight.size() >= settings.maxInFlight() || tokens.sum() < 1
                || inFlight.putIfAbsent(new KeyBytes(key), OriginLatency.UNSTAMPED) != null) {
            return false;
        }
        tokens.add(-1);
        return true;
    }

    public boolean isInFlight(byte[] key) {
        return !inFlight.isEmpty() && inFlight.containsKey(new KeyBytes(key));
    }

    private void refill(long nowMillis) {
        double rate = settings.maxRequestsPerSecond();
        if (lastRefillMillis < 0) {
            tokens.add(rate - tokens.sum());
        } else if (nowMillis > lastRefillMillis) {
            double now = tokens.sum();
            tokens.add(Math.min(rate, now + rate * (nowMillis - lastRefillMillis) / 1000.0) - now);
        }
        lastRefillMillis = nowMillis;
    }

    public int inFlight() { return inFlight.size(); }
    public long planned() { return planned.sum(); }
    public long skippedLowConfidence() { return skippedLowConfidence.sum(); }
    public long skippedCached() { return skippedCached.sum(); }
    public long skippedInFlight() { return skippedInFlight.sum(); }
    public long skippedRecent() { return skippedRecent.sum(); }
    public long skippedBudget() { return skippedBudget.sum(); }
}
