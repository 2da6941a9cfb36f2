package io.augur.server.prefetch;

import io.augur.server.command.WarmResult;
import io.augur.server.command.Warmer;
import io.augur.server.config.PrefetchSettings;
import io.augur.server.config.WarmingSettings;
import io.augur.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Loads the most read keys that are not cached: on demand (AUGUR.WARM), at start from the previous
 * run's hot keys, and while the server is idle. Loads count as prefetches (stored marked prefetched).
 */
final class Warming implements Warmer {

    private static final Logger LOG = LoggerFactory.getLogger(Warming.class);
    /** Idle warming runs at most this often. */
    private static final long IDLE_ROUND_MILLIS = 1000;

    private final PrefetchSettings settings;
    private final WarmingSettings warmingSettings;
    private final HotKeys hotKeys;
    private final Store store;
    private final OriginLoader loader;
    private final PrefetchStats stats;
    private final LongSupplier opsPerSecond;
    private volatile boolean available;
    private volatile boolean idleRoundRunning;
    private long lastIdleRoundMillis;

    Warming(PrefetchSettings settings, WarmingSettings warmingSettings, HotKeys hotKeys, Store store,
            OriginLoader loader, PrefetchStats stats, LongSupplier opsPerSecond) {
        this.settings = settings;
        this.warmingSettings = warmingSettings;
        this.hotKeys = hotKeys;
        this.store = store;
        this.loader = loader;
        this.stats = stats;
        this.opsPerSecond = opsPerSecond;
    }

    /** There is an origin to warm from (the runtime started). */
    void makeAvailable() {
        available = true;
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public CompletionStage<WarmResult> warm(int maxKeys) {
        return warm(maxKeys, maxKeys);
    }

    /** Considers the {@code consider} most read keys and loads at most {@code maxLoads} of those not cached. */
    private CompletionStage<WarmResult> warm(int consider, int maxLoads) {
        List<byte[]> hot = hotKeys.top(consider);
        int cached = 0;
        AtomicInteger loaded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Void>> loads = new ArrayList<>();
        for (byte[] key : hot) {
            if (store.peek(key) != null) {
                cached++;
                continue;
            }
            if (loads.size() >= maxLoads) {
                break;
            }
            loads.add(loader.load(key, settings.prefetchTtlSeconds(), true).thenAccept(outcome -> {
                if (outcome == OriginLoader.Outcome.ABSENT || outcome == OriginLoader.Outcome.FAILED) {
                    failed.incrementAndGet();
                } else {
                    stats.stored(outcome);
                    stats.warmedKeys.increment();
                    loaded.incrementAndGet();
                }
            }).toCompletableFuture());
        }
        int alreadyCached = cached;
        return CompletableFuture.allOf(loads.toArray(new CompletableFuture[0]))
                .thenApply(v -> new WarmResult(hot.size(), alreadyCached, loaded.get(), failed.get()));
    }

    /** Warms from the previous run's hot keys, if it left any (a restart or failover does not start cold). */
    void warmOnStart(int maxKeys) {
        if (maxKeys <= 0 || !hotKeys.hasPrevious()) {
            return;
        }
        long start = System.currentTimeMillis();
        warm(maxKeys).thenAccept(r -> LOG.info("warmed from the previous run's hot keys in {} ms: {} considered, {} "
                + "already cached, {} loaded, {} failed", System.currentTimeMillis() - start, r.candidates(), r.cached(),
                r.loaded(), r.failed()));
    }

    /**
     * Called by the predictor thread when the log is empty: at most once a second, while commands
     * per second stay under idle-below-ops and no earlier round is still fetching, loads up to
     * idle-warm of the most read uncached keys. A busy server is not idle, and a busy log never calls this.
     */
    void whileIdle() {
        int keys = warmingSettings.idleWarmKeys();
        long now = System.currentTimeMillis();
        if (keys <= 0 || idleRoundRunning || now - lastIdleRoundMillis < IDLE_ROUND_MILLIS
                || opsPerSecond.getAsLong() >= warmingSettings.idleBelowOps()) {
            return;
        }
        lastIdleRoundMillis = now;
        idleRoundRunning = true;
        warm(HotKeys.TRACKED, keys).whenComplete((r, error) -> {
            idleRoundRunning = false;
            if (r != null && r.loaded() > 0) {
                stats.idleWarmRounds.increment();
            }
        });
    }
}
