package io.augur.server.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.augur.predictor.cache.PrefetchStaging;

import java.util.Arrays;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * allkeys-tinylfu, volatile-tinylfu: Caffeine's W-TinyLFU as an on-heap index over the off-heap
 * entries; what Caffeine evicts for size, the store deletes.
 */
final class TinyLfuEviction implements Eviction {

    /*
     * Design: a bounded Caffeine cache keyed by the key bytes, each weighed by the entry's bytes in
     * used_memory, with maximumWeight = maxmemory. Caffeine runs W-TinyLFU (Einziger, Friedman,
     * Manes, ACM ToS 2017): a 4-bit count-min sketch with aging estimates each key's frequency, a
     * small LRU admission window takes newcomers, and a key leaving the window displaces the main
     * region's victim only when the sketch says it is read more often. executor(Runnable::run)
     * makes maintenance and the removal listener run inside put(), so when the store's write
     * returns, used memory is back under the bound and the map and the index hold the same keys.
     *
     * Prefetched entries are staged (PrefetchStaging, shared with the replay's model): held apart
     * from the index, within prefetch-staging x maxmemory, oldest pushed out first, until their
     * first read puts them in the index as a key read once. While staged their bytes come off the
     * index's bound, so the index never keeps more than maxmemory minus what waits to be read, and
     * no key the sketch ranks higher is displaced by a guess. Prefetched entries evicted or pushed
     * out before their first read are counted as refused admission.
     *
     * Volatile: only keys with a TTL are indexed; keys without one are pinned and their bytes
     * shrink the index's bound (maxmemory - pinned bytes).
     */

    /** The index's bound while maxmemory is 0: the entry cap alone limits the store. */
    private static final long UNBOUNDED_BYTES = Long.MAX_VALUE / 2;

    private final Cache<KeyBytes, Integer> index;
    private final Policy.Eviction<KeyBytes, Integer> bound;
    private final boolean volatileOnly;
    private final Evictor evictor;
    private final LongSupplier usedBytes;
    private final Runnable prefetchRefused;
    private final PrefetchStaging<KeyBytes> staging = new PrefetchStaging<>(0);
    private long maxMemory;
    private double stagingShare;
    /** The staged weight as last published by the writer thread, for INFO. */
    private volatile long stagedBytes;

    /**
     * @param usedBytes       the store's used_memory, to size the bound under volatile-tinylfu
     * @param prefetchRefused told when an unread prefetched entry is evicted
     */
    TinyLfuEviction(boolean volatileOnly, long maxMemory, double stagingShare, Evictor evictor,
                    LongSupplier usedBytes, Runnable prefetchRefused) {
        this.volatileOnly = volatileOnly;
        this.evictor = evictor;
        this.usedBytes = usedBytes;
        this.prefetchRefused = prefetchRefused;
        this.maxMemory = maxMemory;
        this.stagingShare = stagingShare;
        this.index = Caffeine.newBuilder()
                .maximumWeight(UNBOUNDED_BYTES)
                .weigher((KeyBytes key, Integer bytes) -> bytes)
                .executor(Runnable::run)
                .removalListener((KeyBytes key, Integer bytes, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE && key != null) {
                        staging.evicted(key, bytes);
                        evicted(key.bytes());
                    }
                })
                .build();
        this.bound = index.policy().eviction().orElseThrow();
    }

    /** Indexes an entry already in the map (reopen, policy switch), without evicting yet. */
    void add(byte[] key, long entryBytes, long expireAtMillis) {
        if (!volatileOnly || expireAtMillis != 0) {
            index.put(new KeyBytes(key), (int) Math.min(Integer.MAX_VALUE, entryBytes));
        }
    }

    /** Applies the bound after {@link #add}ing the map's entries; evicts what does not fit. */
    void start() {
        applyBound();
    }

    @Override
    public boolean boundsMemoryAfterWrite() {
        return true;
    }

    @Override
    public long unevictableBytes() {
        return volatileOnly
                ? Math.max(0, usedBytes.getAsLong() - bound.weightedSize().orElse(0) - staging.weight())
                : 0;
    }

    /** The entry cap (not memory) is reached: evict the coldest key in Caffeine's own order. */
    @Override
    public boolean evictOne(byte[] protectedKey, long nowMillis) {
        for (KeyBytes key : bound.coldest(2).keySet()) {
            if (!Arrays.equals(key.bytes(), protectedKey)) {
                index.invalidate(key);
                evicted(key.bytes());
                return true;
            }
        }
        for (KeyBytes key : staging.keys()) {
            if (!Arrays.equals(key.bytes(), protectedKey)) {
                staging.release(key);
                evicted(key.bytes());
                applyBound();
                return true;
            }
        }
        return false;
    }

    @Override
    public void recordRead(byte[] key) {
        KeyBytes k = new KeyBytes(key);
        long weight = staging.read(k);
        if (weight >= 0) {
            // A prefetched key's first read: it enters the index as any key read once does.
            applyBound();
            index.put(k, (int) weight);
            return;
        }
        index.getIfPresent(k);
    }

    @Override
    public void recordMiss(byte[] key) {
        if (staging.enabled()) {
            staging.read(new KeyBytes(key)); // a ghost of either side may move the staging budget
        }
    }

    @Override
    public void recordPrefetchedWrite(byte[] key, long entryBytes, long expireAtMillis) {
        if (!staging.enabled() || (volatileOnly && expireAtMillis == 0)) {
            recordWrite(key, entryBytes, expireAtMillis);
            return;
        }
        KeyBytes k = new KeyBytes(key);
        index.invalidate(k);
        staging.stage(k, entryBytes, this::pushedOut);
        applyBound();
    }

    @Override
    public void recordWrite(byte[] key, long entryBytes, long expireAtMillis) {
        KeyBytes k = new KeyBytes(key);
        if (staging.release(k) >= 0) {
            applyBound(); // the staged bytes go back to the index's bound before the key enters it
        }
        if (volatileOnly && expireAtMillis == 0) {
            index.invalidate(k);
        } else {
            index.put(k, (int) Math.min(Integer.MAX_VALUE, entryBytes));
        }
        if (volatileOnly) {
            applyBound(); // pinned bytes may have changed
        }
    }

    @Override
    public void recordRemoval(byte[] key) {
        KeyBytes k = new KeyBytes(key);
        if (staging.release(k) >= 0) {
            applyBound();
        } else {
            index.invalidate(k);
        }
    }

    @Override
    public void maxMemory(long bytes) {
        this.maxMemory = bytes;
        applyBound();
    }

    @Override
    public void prefetchStaging(double share) {
        this.stagingShare = share;
        applyBound();
    }

    @Override
    public void clear() {
        index.invalidateAll();
        staging.clear();
    }

    @Override
    public long stagedBytes() {
        return stagedBytes;
    }

    /** The staged keys, oldest first (consistency checks). */
    Iterable<KeyBytes> stagedKeys() {
        return staging.keys();
    }

    /** Prefetched keys held apart until their first read (tests). */
    boolean staged(byte[] key) {
        return staging.contains(new KeyBytes(key));
    }

    /** Whether the index holds the key (tests check it against the map). */
    boolean tracks(byte[] key) {
        return index.asMap().containsKey(new KeyBytes(key));
    }

    long trackedKeys() {
        return index.asMap().size();
    }

    /** Keys in the index, for consistency checks. */
    Map<KeyBytes, Integer> view() {
        return index.asMap();
    }

    /**
     * The staging budget follows maxmemory (none without a bound: nothing is refused then), and the
     * index's bound gives way to the pinned and the staged bytes.
     */
    private void applyBound() {
        long stagingBytes = maxMemory <= 0 ? 0 : (long) (maxMemory * stagingShare);
        staging.capacity(stagingBytes, this::pushedOut);
        stagedBytes = staging.weight();
        long target = maxMemory <= 0 ? UNBOUNDED_BYTES
                : Math.max(0, maxMemory - unevictableBytes() - staging.reserved());
        if (bound.getMaximum() != target) {
            bound.setMaximum(target);
        }
    }

    /** A staged key pushed out by a newer one (or a smaller budget) before anyone read it. */
    private void pushedOut(KeyBytes key) {
        evicted(key.bytes());
    }

    private void evicted(byte[] key) {
        // (A staged key is removed from the staging before it gets here; the map delete follows.)
        StoredValue removed = evictor.evict(key);
        if (removed != null && removed.prefetched()) {
            prefetchRefused.run();
        }
    }
}
