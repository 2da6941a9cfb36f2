package io.augur.server.store;

/**
 * One maxmemory policy at work: told about reads, writes and removals, asked to evict one key
 * when the store is full. Called only from the store's single writer thread.
 */
interface Eviction {

    /** Removes a key the policy chose; the store's side of an eviction. */
    @FunctionalInterface
    interface Evictor {
        /** Removes the key as evicted; returns what was stored, or null when it was already gone. */
        StoredValue evict(byte[] key);
    }

    /** Evicts one key, never {@code protectedKey}; false when the policy allows none (OOM). */
    boolean evictOne(byte[] protectedKey, long nowMillis);

    /**
     * Whether this policy keeps used memory under maxmemory itself, evicting after each write
     * (admission decides who stays); the store then only checks what can never fit.
     */
    default boolean boundsMemoryAfterWrite() {
        return false;
    }

    /** Bytes this policy may never evict (volatile policies: keys without a TTL). */
    default long unevictableBytes() {
        return 0;
    }

    /** A client read a live key. */
    default void recordRead(byte[] key) {
    }

    /** A client read a key the store does not hold. */
    default void recordMiss(byte[] key) {
    }

    /** A key was written or its expiry changed; entryBytes as counted in used_memory. */
    default void recordWrite(byte[] key, long entryBytes, long expireAtMillis) {
    }

    /**
     * The prefetcher wrote a key no client has read yet. A policy that admits by frequency may hold
     * it apart until its first read (W-TinyLFU does); for the others it is a write like any other.
     */
    default void recordPrefetchedWrite(byte[] key, long entryBytes, long expireAtMillis) {
        recordWrite(key, entryBytes, expireAtMillis);
    }

    /** A key left the store other than by this policy's eviction (DEL, expiry). */
    default void recordRemoval(byte[] key) {
    }

    default void maxMemory(long bytes) {
    }

    /** Bytes of prefetched keys held apart until their first read (read from any thread: a snapshot). */
    default long stagedBytes() {
        return 0;
    }

    /** A new share of maxmemory for prefetched keys not read yet; policies that stage none ignore it. */
    default void prefetchStaging(double share) {
    }

    /** The store was emptied. */
    default void clear() {
    }
}
