package io.augur.predictor.eval.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import io.augur.predictor.cache.PrefetchStaging;

import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

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
     *
     * Keys: the key's text, not its dense int id. The hit ratio depends on the hashes the sketch
     * sees: keyed by id, sprite at 10% gave 0.824 where Caffeine keyed by the text gives 0.843 (and
     * web12 at 1% 0.424 against 0.404), more than the policy's own run-to-run spread.
     */

    /** Key of each id, made once: Caffeine is keyed by the key's text, as a user's cache would be. */
    private final IntFunction<byte[]> keyBytes;
    private String[] keys = new String[1024];
    /** Key text to the id it stands for, as the value, so the listener can report the id. */
    private final Cache<String, Integer> cache;
    private final Policy.Eviction<String, Integer> bound;
    private final int capacity;
    private final IntConsumer evicted;
    /** Prefetched keys not read yet, as the store's TinyLfuEviction keeps them (a share of the capacity). */
    private final PrefetchStaging<Integer> staging;

    TinyLfuCache(int capacity, double stagingShare, IntFunction<byte[]> keyBytes, IntConsumer evicted) {
        this.keyBytes = keyBytes;
        this.capacity = Math.max(1, capacity);
        this.evicted = evicted;
        this.staging = new PrefetchStaging<>((long) Math.floor(this.capacity * stagingShare));
        this.cache = Caffeine.newBuilder()
                .maximumSize(this.capacity)
                .executor(Runnable::run)
                .<String, Integer>evictionListener((key, id, cause) -> {
                    staging.evicted(id, 1);
                    evicted.accept(id);
                })
                .build();
        this.bound = cache.policy().eviction().orElseThrow();
    }

    @Override
    public boolean contains(int key) {
        // containsKey records no access: the sketch and the regions stay as the reads left them.
        return key >= 0 && (staging.contains(key) || cache.asMap().containsKey(key(key)));
    }

    @Override
    public boolean get(int key) {
        String k = key(key);
        if (staging.read(key) >= 0) {
            // The first read of a prefetched key: it enters the cache as a key read once does.
            fitBound();
            cache.put(k, key);
            return true;
        }
        return cache.getIfPresent(k) != null;
    }

    @Override
    public void put(int key, boolean prefetched) {
        if (prefetched && staging.enabled()) {
            staging.stage(key, 1, evicted::accept);
            fitBound();
            return;
        }
        staging.release(key);
        cache.put(key(key), key);
    }

    /** The cache's bound gives way to what is staged, so both together hold capacity keys. */
    private void fitBound() {
        long target = Math.max(1, capacity - staging.reserved());
        if (bound.getMaximum() != target) {
            bound.setMaximum(target);
        }
    }

    private String key(int id) {
        if (id >= keys.length) {
            keys = java.util.Arrays.copyOf(keys, Math.max(id + 1, keys.length * 2));
        }
        String k = keys[id];
        if (k == null) {
            k = new String(keyBytes.apply(id), StandardCharsets.UTF_8);
            keys[id] = k;
        }
        return k;
    }

    @Override
    public int size() {
        return (int) cache.estimatedSize() + staging.size();
    }
}
