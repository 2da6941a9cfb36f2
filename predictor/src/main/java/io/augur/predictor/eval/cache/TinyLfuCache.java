package io.augur.predictor.eval.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.function.IntConsumer;

/**
 * W-TinyLFU as Caffeine runs it, bounded by {@code maximumSize}: Caffeine itself, not a model of it,
 * so the replay's baseline is what a user would get by running Caffeine instead.
 */
final class TinyLfuCache implements SimulatedCache {

    /*
     * Einziger, Friedman, Manes, "TinyLFU: A Highly Efficient Cache Admission Policy", ACM ToS 2017.
     * Maintenance runs on the calling thread (executor(Runnable::run)), so an eviction has happened
     * when put() returns and the listener is told before the next read. A newcomer the frequency
     * sketch rejects is evicted at once, and reported like any other eviction: a prefetch refused
     * admission is a prefetch evicted unread. Caffeine admits a warm loser at random once in 128
     * (its hash-flooding guard, from ThreadLocalRandom, which has no seed to fix), so rows under this
     * policy move between runs: measured on sprite, up to 1.8 points at 1% (71 keys), 0.3 at 5%,
     * 0.05 at 10%; web12 0.1 points or less.
     */

    private final Cache<Integer, Boolean> cache;

    TinyLfuCache(int capacity, IntConsumer evicted) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(Math.max(1, capacity))
                .executor(Runnable::run)
                .<Integer, Boolean>evictionListener((key, value, cause) -> evicted.accept(key))
                .build();
    }

    @Override
    public boolean contains(int key) {
        // containsKey records no access: the sketch and the regions stay as the reads left them.
        return cache.asMap().containsKey(key);
    }

    @Override
    public boolean get(int key) {
        return cache.getIfPresent(key) != null;
    }

    @Override
    public void put(int key, boolean prefetched) {
        cache.put(key, Boolean.TRUE);
    }

    @Override
    public int size() {
        return (int) cache.estimatedSize();
    }
}
