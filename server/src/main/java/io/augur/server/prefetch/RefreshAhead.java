package io.augur.server.prefetch;

import io.augur.server.config.FreshnessSettings;
import io.augur.server.config.PrefetchSettings;

import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * Refetches values Augur loaded from the origin shortly before they expire, when they were read
 * during their life, so a key in use never turns into a miss. Driven by {@link #tick} on a clock.
 */
final class RefreshAhead {

    /** Share of a value's TTL before its expiry at which its refresh is due. */
    static final double LEAD_SHARE = 0.2;
    /** Shortest lead, milliseconds: at least two ticks of the server's refresh timer, plus an origin call. */
    static final long MIN_LEAD_MILLIS = 150;
    /** Longest lead as a share of the TTL: a very short TTL is still refreshed in the second half of its life, not at once. */
    static final double MAX_LEAD_SHARE = 0.5;
    /** Due refreshes remembered at most: one per stored value; beyond it new ones are not planned (counted). */
    static final int MAX_PENDING = 2 * Freshness.TRACKED_KEYS;

    /*
     * Which keys: a value read during its life whose key is expected to be read at least
     * Freshness.MIN_READS_PER_LIFE times per life (its smoothed gap between reads is at most half
     * its TTL). A refresh costs one origin call; it pays when the refreshed value is read before it
     * expires, since that read would otherwise have been a miss and an origin call of its own. A
     * key read more rarely than that is left to expire (refreshing it would cost more origin calls
     * than its reads), and a key that stops being read stops being refreshed after at most one
     * refresh, which counts wasted.
     *
     * Budget: refreshes are prefetches of a kind; they get their own allowance of
     * prefetch-max-inflight calls in flight and prefetch-max-rate calls per second, and pass through
     * the guarded origin like every call (its concurrency limit, breaker and single flight: a
     * refresh and a client's read-through of the same key make one origin call).
     */

    private record Due(long atMillis, byte[] key, long expireAtMillis) {
    }

    private final FreshnessSettings settings;
    private final PrefetchSettings prefetchSettings;
    private final Freshness freshness;
    private final OriginLoader loader;
    private final ToLongFunction<byte[]> fixedTtlSeconds;
    private final FreshnessStats stats;
    private final PriorityQueue<Due> pending = new PriorityQueue<>((a, b) -> Long.compare(a.atMillis, b.atMillis));
    private final AtomicInteger inFlight = new AtomicInteger();
    private double tokens;
    private long lastRefillMillis = Long.MIN_VALUE;

    /** {@code fixedTtlSeconds}: the fixed TTL a refreshed key would get with adaptive TTLs off (read-through's). */
    RefreshAhead(FreshnessSettings settings, PrefetchSettings prefetchSettings, Freshness freshness,
                 OriginLoader loader, ToLongFunction<byte[]> fixedTtlSeconds) {
        this.settings = settings;
        this.prefetchSettings = prefetchSettings;
        this.freshness = freshness;
        this.loader = loader;
        this.fixedTtlSeconds = fixedTtlSeconds;
        this.stats = freshness.stats();
    }

    /** A value was stored at {@code nowMillis} to expire at {@code expireAtMillis}: its refresh is planned. */
    synchronized void stored(byte[] key, long nowMillis, long expireAtMillis) {
        if (expireAtMillis == 0 || !settings.refreshAhead() || pending.size() >= MAX_PENDING) {
            return;
        }
        long life = expireAtMillis - nowMillis;
        long lead = Math.min((long) (life * MAX_LEAD_SHARE), Math.max(MIN_LEAD_MILLIS, (long) (life * LEAD_SHARE)));
        pending.add(new Due(expireAtMillis - lead, key, expireAtMillis));
    }

    /** Sends the refreshes due by {@code nowMillis} that are still wanted and fit the budget. */
    void tick(long nowMillis) {
        while (true) {
            Due due;
            synchronized (this) {
                refill(nowMillis);
                due = pending.peek();
                if (due == null || due.atMillis > nowMillis) {
                    return;
                }
                pending.poll();
            }
            considered(due, nowMillis);
        }
    }

    private void considered(Due due, long nowMillis) {
        Freshness.Held held = freshness.held(due.key);
        if (held == null || !settings.refreshAhead()) {
            return;
        }
        synchronized (held) {
            if (held.expireAtMillis != due.expireAtMillis) {
                return; // stored again since (or the client's now): a newer plan exists, or none is wanted
            }
            if (held.refreshed && held.reads == 0) {
                stats.refreshWasted.increment();
                held.refreshed = false;
            }
            if (!held.readOftenWithin(held.expireAtMillis - held.fetchedAtMillis)) {
                return; // not read again soon enough to be worth an origin call: it expires, a later read loads it
            }
        }
        if (!takeBudget()) {
            stats.refreshSkippedBudget.increment();
            return;
        }
        stats.refreshIssued.increment();
        loader.refresh(due.key, fixedTtlSeconds.applyAsLong(due.key)).whenComplete((outcome, error) -> {
            inFlight.decrementAndGet();
            if (outcome == OriginLoader.Outcome.ALREADY_CACHED) {
                stats.refreshClientWon.increment();
            } else if (outcome != OriginLoader.Outcome.STORED) {
                stats.refreshFailed.increment();
            }
        });
    }

    private synchronized boolean takeBudget() {
        if (tokens < 1 || inFlight.get() >= prefetchSettings.maxInFlight()) {
            return false;
        }
        tokens -= 1;
        inFlight.incrementAndGet();
        return true;
    }

    private void refill(long nowMillis) {
        double rate = prefetchSettings.maxRequestsPerSecond();
        if (lastRefillMillis == Long.MIN_VALUE) {
            tokens = Math.max(1, rate);
        } else if (nowMillis > lastRefillMillis) {
            tokens = Math.min(Math.max(1, rate), tokens + (nowMillis - lastRefillMillis) * rate / 1000);
        }
        lastRefillMillis = Math.max(lastRefillMillis, nowMillis);
    }

    /** Refreshes planned and not yet due. */
    synchronized int pending() {
        return pending.size();
    }

    /** Refreshes sent and not answered yet. */
    int inFlight() {
        return inFlight.get();
    }
}
