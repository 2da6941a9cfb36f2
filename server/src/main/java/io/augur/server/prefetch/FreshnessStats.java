package io.augur.server.prefetch;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/** The counters of adaptive TTLs and refresh-ahead: INFO's `# Freshness` section and the metrics read these. */
public final class FreshnessStats {

    /** Refetches of a held key whose value differed from the one held. */
    final LongAdder changed = new LongAdder();
    final LongAdder unchanged = new LongAdder();
    final LongAdder refreshIssued = new LongAdder();
    /** Refreshed values read before their next refresh or expiry. */
    final LongAdder refreshUsed = new LongAdder();
    final LongAdder refreshWasted = new LongAdder();
    /** Refreshes not sent: the refresh budget (in flight or rate) was spent. */
    final LongAdder refreshSkippedBudget = new LongAdder();
    /** Refreshes whose key a client had written meanwhile: the client's value stays. */
    final LongAdder refreshClientWon = new LongAdder();
    final LongAdder refreshFailed = new LongAdder();
    final LongAdder adaptiveTtls = new LongAdder();
    final LongAdder ttlMillisSum = new LongAdder();
    /** Hits on values loaded from the origin, and the sum of each one's estimated chance of being stale. */
    final LongAdder originHits = new LongAdder();
    final DoubleAdder staleChanceSum = new DoubleAdder();
    private volatile LongConsumer ttlObserver = ttl -> { };

    public long changed() { return changed.sum(); }
    public long unchanged() { return unchanged.sum(); }
    public long refreshIssued() { return refreshIssued.sum(); }
    public long refreshUsed() { return refreshUsed.sum(); }
    public long refreshWasted() { return refreshWasted.sum(); }
    public long refreshSkippedBudget() { return refreshSkippedBudget.sum(); }
    public long refreshClientWon() { return refreshClientWon.sum(); }
    public long refreshFailed() { return refreshFailed.sum(); }
    public long adaptiveTtls() { return adaptiveTtls.sum(); }

    /** Mean adaptive TTL assigned so far, milliseconds. */
    public double meanTtlMillis() {
        long n = adaptiveTtls.sum();
        return n == 0 ? 0.0 : (double) ttlMillisSum.sum() / n;
    }

    /** Estimated share of hits on origin-loaded values that returned a value the origin had already changed. */
    public double estimatedStaleReadRatio() {
        long hits = originHits.sum();
        return hits == 0 ? 0.0 : staleChanceSum.sum() / hits;
    }

    /** Where each adaptive TTL (milliseconds) goes too: the metrics histogram. */
    public void ttlObserver(LongConsumer observer) {
        this.ttlObserver = observer;
    }

    void ttlAssigned(long millis) {
        adaptiveTtls.increment();
        ttlMillisSum.add(millis);
        ttlObserver.accept(millis);
    }

    public void reset() {
        for (LongAdder a : new LongAdder[]{changed, unchanged, refreshIssued, refreshUsed, refreshWasted,
                refreshSkippedBudget, refreshClientWon, refreshFailed, adaptiveTtls, ttlMillisSum, originHits}) {
            a.reset();
        }
        staleChanceSum.reset();
    }
}
