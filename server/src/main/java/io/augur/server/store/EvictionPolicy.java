package io.augur.server.store;

import java.util.Locale;

/**
 * The maxmemory policies: Redis's eight (which keys may be evicted, which sampled key goes first)
 * and W-TinyLFU over all keys or over keys with a TTL.
 */
public enum EvictionPolicy {
    NOEVICTION, ALLKEYS_LRU, ALLKEYS_LFU, ALLKEYS_RANDOM, VOLATILE_LRU, VOLATILE_LFU, VOLATILE_RANDOM, VOLATILE_TTL,
    ALLKEYS_TINYLFU, VOLATILE_TINYLFU;

    /** Parses Redis's name, e.g. "allkeys-lru"; IllegalArgumentException otherwise. */
    public static EvictionPolicy parse(String redisName) {
        try {
            return valueOf(redisName.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown maxmemory-policy '" + redisName + "'");
        }
    }

    public String redisName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** volatile-* policies only evict keys that have a TTL. */
    public boolean volatileOnly() {
        return name().startsWith("VOLATILE");
    }
}
