package io.augur.server.store;

import io.augur.predictor.cache.AccessClock;

/** Redis's sampled policies: the pool picks the sampled key this policy scores highest. */
abstract class SampledEviction implements Eviction {

    private final EvictionPool pool;
    private final boolean volatileOnly;
    private final Evictor evictor;

    SampledEviction(EvictionPool pool, boolean volatileOnly, Evictor evictor) {
        this.pool = pool;
        this.volatileOnly = volatileOnly;
        this.evictor = evictor;
    }

    @Override
    public final boolean evictOne(byte[] protectedKey, long nowMillis) {
        return pool.evictBest(this::score, volatileOnly, protectedKey, nowMillis, evictor);
    }

    @Override
    public void clear() {
        pool.clear();
    }

    /** Higher is evicted first. */
    abstract long score(byte[] key, long expireAtMillis, long nowMillis);

    /** allkeys-lru, volatile-lru: the longest idle goes first. */
    static final class Lru extends SampledEviction {
        private final AccessClock clock;

        Lru(EvictionPool pool, boolean volatileOnly, Evictor evictor, AccessClock clock) {
            super(pool, volatileOnly, evictor);
            this.clock = clock;
        }

        @Override
        long score(byte[] key, long expireAtMillis, long nowMillis) {
            return clock.idleSeconds(AccessClock.slot(key), nowMillis);
        }
    }

    /** allkeys-lfu, volatile-lfu: the lowest decayed access counter goes first. */
    static final class Lfu extends SampledEviction {
        private final AccessClock clock;

        Lfu(EvictionPool pool, boolean volatileOnly, Evictor evictor, AccessClock clock) {
            super(pool, volatileOnly, evictor);
            this.clock = clock;
        }

        @Override
        long score(byte[] key, long expireAtMillis, long nowMillis) {
            return 255 - clock.frequency(AccessClock.slot(key), nowMillis);
        }
    }

    /** allkeys-random, volatile-random: any sampled key. */
    static final class Random extends SampledEviction {
        Random(EvictionPool pool, boolean volatileOnly, Evictor evictor) {
            super(pool, volatileOnly, evictor);
        }

        @Override
        long score(byte[] key, long expireAtMillis, long nowMillis) {
            return java.util.concurrent.ThreadLocalRandom.current().nextLong();
        }
    }

    /** volatile-ttl: the nearest expiry goes first. */
    static final class NearestExpiry extends SampledEviction {
        NearestExpiry(EvictionPool pool, Evictor evictor) {
            super(pool, true, evictor);
        }

        @Override
        long score(byte[] key, long expireAtMillis, long nowMillis) {
            return Long.MAX_VALUE - expireAtMillis;
        }
    }
}
