package io.augur.predictor.eval.cache;

/**
 * A cache of key ids as the replay drives it: one policy per implementation, capacity in keys,
 * evictions reported to the listener it was built with (see {@link Eviction#create}).
 */
public interface SimulatedCache {

    /** Whether the key is cached; never changes the policy's state (the planner asks it freely). */
    boolean contains(int key);

    /** A read: true on a hit, which the policy records (recency, frequency); a miss changes nothing. */
    boolean get(int key);

    /**
     * Inserts a key that is not cached, evicting as the policy decides (possibly the key itself,
     * when an admission policy refuses it). {@code prefetched} says a prefetch put it there rather
     * than a read miss; no policy here treats it differently yet, as the store does not.
     */
    void put(int key, boolean prefetched);

    /** Keys cached now. */
    int size();
}
