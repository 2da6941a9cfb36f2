package io.augur.server.store;

import io.augur.predictor.cache.AccessClock;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps the store under maxmemory and its entry cap: holds the maxmemory policy now in charge,
 * switches it live, and evicts (or refuses with OOM) before a write that would not fit.
 */
final class MemoryBound {

    private final EntryMap map;
    private final AccessClock accessClock;
    private final EvictionPool pool;
    private final LongSupplier used;
    private final LongSupplier count;
    private final long capacity;
    private final Eviction.Evictor evictor;
    private final AtomicLong prefetchRefused = new AtomicLong();
    private volatile long maxMemory;
    private volatile double prefetchStaging;
    private volatile EvictionPolicy policy;
    private Eviction eviction;

    /**
     * @param used    the store's used_memory in bytes
     * @param count   the store's number of keys
     * @param evictor removes a key the policy chose, as an eviction
     */
    MemoryBound(EntryMap map, AccessClock accessClock, StoreConfig config, LongSupplier used, LongSupplier count,
                Eviction.Evictor evictor) {
        this.map = map;
        this.accessClock = accessClock;
        this.pool = new EvictionPool(map, config.evictionSamples());
        this.used = used;
        this.count = count;
        this.capacity = config.entries();
        this.evictor = evictor;
        this.maxMemory = config.maxMemoryBytes();
        this.prefetchStaging = config.prefetchStaging();
        policy(config.policy());
    }

    Eviction eviction() {
        return eviction;
    }

    EvictionPolicy policy() {
        return policy;
    }

    /** Switches the policy; a W-TinyLFU index is built from what the map holds now. */
    void policy(EvictionPolicy p) {
        pool.clear();
        boolean volatileOnly = p.volatileOnly();
        this.eviction = switch (p) {
            case NOEVICTION -> new NoEviction();
            case ALLKEYS_LRU, VOLATILE_LRU -> new SampledEviction.Lru(pool, volatileOnly, evictor, accessClock);
            case ALLKEYS_LFU, VOLATILE_LFU -> new SampledEviction.Lfu(pool, volatileOnly, evictor, accessClock);
            case ALLKEYS_RANDOM, VOLATILE_RANDOM -> new SampledEviction.Random(pool, volatileOnly, evictor);
            case VOLATILE_TTL -> new SampledEviction.NearestExpiry(pool, evictor);
            case ALLKEYS_TINYLFU, VOLATILE_TINYLFU -> tinyLfu(volatileOnly);
        };
        this.policy = p;
    }

    long maxMemory() {
        return maxMemory;
    }

    void maxMemory(long bytes) {
        this.maxMemory = bytes;
        eviction.maxMemory(bytes);
    }

    double prefetchStaging() {
        return prefetchStaging;
    }

    /** A new share of maxmemory for prefetched keys not read yet (W-TinyLFU policies). */
    void prefetchStaging(double share) {
        this.prefetchStaging = share;
        eviction.prefetchStaging(share);
    }

    void samples(int n) {
        pool.samples(n);
    }

    int samples() {
        return pool.samples();
    }

    long capacity() {
        return capacity;
    }

    AtomicLong prefetchRefused() {
        return prefetchRefused;
    }

    /** Evicts until a write of {@code bytes} for {@code key} fits, or throws OutOfMemoryException. */
    void makeRoom(byte[] key, long bytes, long nowMillis) {
        long max = maxMemory;
        boolean overMemory = max > 0 && used.getAsLong() + bytes > max;
        boolean overCount = count.getAsLong() >= capacity;
        if (!overMemory && !overCount) {
            return;
        }
        long existing = map.storedBytes(key);
        long growth = existing < 0 ? bytes : bytes - EntryCodec.entryBytes(key.length, existing);
        if (eviction.boundsMemoryAfterWrite()) {
            // The policy evicts after the write; refuse only what cannot fit beside the unevictable bytes.
            if (max > 0 && bytes > max - eviction.unevictableBytes()) {
                throw new OutOfMemoryException();
            }
            overMemory = false;
        } else if (existing >= 0) {
            overMemory = max > 0 && growth > 0 && used.getAsLong() + growth > max;
        }
        if (existing >= 0) {
            overCount = false;
        }
        while (overMemory || overCount) {
            if (!eviction.evictOne(key, nowMillis)) {
                throw new OutOfMemoryException();
            }
            overMemory = overMemory && used.getAsLong() + growth > max;
            overCount = existing < 0 && count.getAsLong() >= capacity;
        }
    }

    /** A W-TinyLFU index over what the map holds now (reopen, live switch); then the bound applies. */
    private TinyLfuEviction tinyLfu(boolean volatileOnly) {
        TinyLfuEviction index = new TinyLfuEviction(volatileOnly, maxMemory, prefetchStaging, evictor, used,
                prefetchRefused::incrementAndGet);
        map.forEach((k, v) -> {
            index.add(EntryMap.copyOf(k), EntryCodec.entryBytes(k.size(), v.size()), EntryCodec.expiry(v));
            return true;
        });
        index.start();
        return index;
    }
}
