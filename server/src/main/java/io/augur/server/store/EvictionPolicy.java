package io.augur.server.store;

import java.util.Locale;

/** Redis's maxmemory policies: which keys may be evicted, and which sampled key goes first. */
public enum EvictionPolicy {
    NOEVICTION, ALLKEYS_LRU, ALLKEYS_LFU, ALLKEYS_RANDOM, VOLATILE_LRU, VOLATILE_LFU, VOLATILE_RANDOM, VOLATILE_TTL;

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
