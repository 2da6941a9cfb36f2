package io.augur.server.prefetch;

import io.augur.predictor.plan.PrefetchPlanner;
import io.augur.server.config.PrefetchSettings;

/** Loads one planned key from the origin into the store, marked prefetched, and tells the planner when done. */
final class Prefetcher {

    private final PrefetchSettings settings;
    private final OriginLoader loader;
    private final PrefetchPlanner planner;
    private final PrefetchStats stats;

    Prefetcher(PrefetchSettings settings, OriginLoader loader, PrefetchPlanner planner, PrefetchStats stats) {
        this.settings = settings;
        this.loader = loader;
        this.planner = planner;
        this.stats = stats;
    }

    void fetch(byte[] key) {
        stats.issued.increment();
        loader.load(key, settings.prefetchTtlSeconds(), true).thenAccept(outcome -> {
            try {
                switch (outcome) {
                    case FAILED -> stats.failed.increment();
                    case ABSENT -> stats.absent.increment();
                    default -> stats.stored(outcome);
                }
            } finally {
                planner.completed(key);
            }
        });
    }
}
