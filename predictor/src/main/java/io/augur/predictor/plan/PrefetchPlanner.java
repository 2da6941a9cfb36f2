package io.augur.predictor.plan;

import io.augur.predictor.model.KeyBytes;
import io.augur.predictor.model.Prediction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
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

    /** Keys remembered as recently fetched. */
    private static final int MAX_RECENT = 65_536;

    private final PlannerSettings settings;
    private final Set<KeyBytes> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<KeyBytes, Long> recentlyFetched = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<KeyBytes, Long> eldest) {
            return size() > MAX_RECENT;
        }
    };
    private double tokens;
    private long lastRefillMillis = -1;

    private final LongAdder planned = new LongAdder();
    private final LongAdder skippedLowConfidence = new LongAdder();
    private final LongAdder skippedCached = new LongAdder();
    private final LongAdder skippedInFlight = new LongAdder();
    private final LongAdder skippedRecent = new LongAdder();
    private final LongAdder skippedBudget = new LongAdder();

    public PrefetchPlanner(PlannerSettings settings) {
        this.settings = settings;
    }

    /** The keys to fetch now, best first; each is marked in flight until {@link #completed}. */
    public List<byte[]> plan(List<Prediction> predictions, Predicate<byte[]> isCached, long nowMillis) {
        refill(nowMillis);
        List<byte[]> keys = new ArrayList<>(2);
        for (Prediction prediction : predictions) {
            if (keys.size() >= settings.topK()) {
                break;
            }
            if (prediction.probability() < settings.minConfidence()) {
                skippedLowConfidence.increment();
                continue;
            }
            KeyBytes key = new KeyBytes(prediction.key());
            if (inFlight.contains(key)) {
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
            if (inFlight.size() >= settings.maxInFlight() || tokens < 1) {
                skippedBudget.increment();
                continue;
            }
            tokens -= 1;
            inFlight.add(key);
            recentlyFetched.put(key, nowMillis);
            planned.increment();
            keys.add(prediction.key());
        }
        return keys;
    }

    /** The fetch of this key finished (whatever the outcome); it is no longer in flight. */
    public void completed(byte[] key) {
        inFlight.remove(new KeyBytes(key));
    }

    public boolean isInFlight(byte[] key) {
        return !inFlight.isEmpty() && inFlight.contains(new KeyBytes(key));
    }

    private void refill(long nowMillis) {
        double rate = settings.maxRequestsPerSecond();
        if (lastRefillMillis < 0) {
            tokens = rate;
        } else if (nowMillis > lastRefillMillis) {
            tokens = Math.min(rate, tokens + rate * (nowMillis - lastRefillMillis) / 1000.0);
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
