package io.augur.predictor.eval.cache;

import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The store's {@code allkeys-lfu}: sampled eviction of the key with the lowest Redis LFU counter
 * (logarithmic, lfu-log-factor 10, new keys at 5, one step of decay per idle minute).
 */
final class RedisLfuCache extends SampledCache {

    /** The counter's ceiling: a key at it is the last to go. */
    private static final int MAX_COUNTER = 255;

    RedisLfuCache(int capacity, IntFunction<byte[]> keyBytes, LongSupplier clockMillis, IntConsumer evicted) {
        super(capacity, keyBytes, clockMillis, evicted);
    }

    @Override
    long score(int slot, long nowMillis) {
        return MAX_COUNTER - clock.frequency(slot, nowMillis);
    }
}
