package io.augur.predictor.eval.cache;

import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The store's {@code allkeys-lru}: sampled eviction of the key idle longest, recency kept in whole
 * seconds per hash slot, as Redis keeps its 24-bit LRU clock.
 */
final class RedisLruCache extends SampledCache {

    RedisLruCache(int capacity, IntFunction<byte[]> keyBytes, LongSupplier clockMillis, IntConsumer evicted) {
        super(capacity, keyBytes, clockMillis, evicted);
    }

    @Override
    long score(int slot, long nowMillis) {
        return clock.idleSeconds(slot, nowMillis);
    }
}
