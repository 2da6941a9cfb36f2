package io.augur.predictor.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prefetched keys not read yet, held beside an admission-controlled cache (W-TinyLFU) until their
 * first read, within a budget; the oldest leave first. The store's and the replay's W-TinyLFU both
 * use it, so the replay models what the store does. Not thread-safe.
 */
public final class PrefetchStaging<K> {

    /*
     * Why a staging area (Jouppi's stream buffers, 1990, keep prefetched lines out of the cache
     * for the same reason): W-TinyLFU puts a newcomer in a window of 1% of the cache, then admits
     * it only if the frequency sketch ranks it above main's victim. A prefetch is written a read or
     * two before its read, and at a busy cache the window turns over faster than that: measured
     * over the wire (per-user trace, 5% cache, 128 clients), 16% of prefetches were read under
     * W-TinyLFU against 39% under LRU with the same predictor. Staged, a prediction waits for its
     * read without displacing anything the sketch ranks higher; on its first read it enters the
     * cache as any key read once does. The staged weight is taken from the cache's bound while it
     * is held, so the two together stay within maxmemory, and an idle prefetcher costs nothing.
     *
     * The room is earned, as ARC (Megiddo and Modha, FAST 2003) splits a cache between recency and
     * frequency: two ghost lists remember keys without their values. One holds the keys staging
     * pushed out unread, the other the keys the cache beside it evicted for room, each about
     * GHOST_SHARE of the capacity. A read of a key in the first says "staging a little larger would
     * have served this read", a read in the second says the same of the cache, and the budget moves
     * one STEP towards the side that would have served it, between FLOOR and the whole capacity.
     * Why not the share of staged keys read before push-out (the rule before): that share falls as
     * the budget shrinks, since keys are pushed out sooner, so one bad stretch shrank the budget for
     * good (over the wire on the per-user trace: 32% read at the start, 7% at the end, budget at
     * its floor). A ghost's hits do not depend on the budget that produced them.
     */

    /** The share of the cache's capacity staging may hold unless told otherwise (prefetch-staging). */
    public static final double DEFAULT_SHARE = 0.1;

    /** The least of the budget kept however little pays, so its ghost can see it pay again. */
    static final double FLOOR = 1.0 / 16;
    /** Each ghost list remembers keys weighing about this share of the capacity. */
    static final double GHOST_SHARE = 0.25;
    /** A ghost hit moves the budget by this share of the capacity. */
    static final double STEP = 1.0 / 64;
    /** The budget moves in steps of this fraction of the capacity. */
    private static final int BUDGET_STEPS = 16;
    /** What the cache leaves free moves in steps of this fraction of the budget. */
    private static final int RESERVE_STEPS = 8;
    /** The budget's share of the capacity, moved by ghost hits. */
    private double share = 1;
    private final LinkedHashMap<K, Long> staged = new LinkedHashMap<>();
    /** Keys pushed out unread, oldest first. */
    private final GhostList<K> pushedOutGhost = new GhostList<>();
    /** Keys the cache beside staging evicted for room, oldest first. */
    private final GhostList<K> evictedGhost = new GhostList<>();
    private long capacity;
    private long weight;

    /** @param capacity the most weight (bytes, or keys) staged at once; 0 stages nothing */
    public PrefetchStaging(long capacity) {
        capacity(capacity, k -> { });
    }

    /** Whether prefetched keys are staged at all (capacity above 0). */
    public boolean enabled() {
        return capacity > 0;
    }

    /**
     * Stages a prefetched key of the given weight; the oldest staged keys are pushed out (each told
     * to {@code pushedOut}) until it fits. A key heavier than the whole budget is pushed out itself.
     */
    public void stage(K key, long keyWeight, Consumer<K> pushedOut) {
        release(key);
        staged.put(key, keyWeight);
        weight += keyWeight;
        shrinkTo(budget(), pushedOut);
    }

    /**
     * A client read the key, hit or miss: if it was staged it leaves the staging, and the weight it
     * was staged with is returned; otherwise -1, and a key in a ghost list moves the budget
     * towards the side that would have served the read.
     */
    public long read(K key) {
        long w = unstage(key);
        if (w >= 0) {
            return w;
        }
        if (pushedOutGhost.remove(key)) {
            share = Math.min(1, share + STEP);
        } else if (evictedGhost.remove(key)) {
            share = Math.max(FLOOR, share - STEP);
        }
        return -1;
    }

    /** The cache beside staging evicted the key to make room (a ghost of the cache's side). */
    public void evicted(K key, long keyWeight) {
        if (enabled()) {
            evictedGhost.add(key, keyWeight, ghostWeight());
        }
    }

    /**
     * The weight staging may hold now: the budget as far as staged keys have been paying, in
     * sixteenths of the capacity (it moves seldom; see {@link #reserved}).
     */
    public long budget() {
        return (long) (capacity * Math.floor(share * BUDGET_STEPS) / BUDGET_STEPS);
    }

    /**
     * The weight the cache beside it should leave free: what is staged, rounded up to eighths of
     * the budget. Why rounded: the cache's bound follows it, and resizing W-TinyLFU on every staged
     * key (Caffeine's setMaximum) cost its hit ratio (replay, web12 5%, D = 10: 0.983x W-TinyLFU
     * alone against 1.006x with the bound held steady). Busy, staging stays in its top eighth;
     * idle, it reserves nothing.
     */
    public long reserved() {
        if (weight == 0) {
            return 0;
        }
        long budget = budget();
        long step = Math.max(1, budget / RESERVE_STEPS);
        return Math.min(Math.max(budget, weight), (weight + step - 1) / step * step);
    }

    /** The budget's share of the capacity now (ghost hits move it). */
    public double share() {
        return share;
    }

    /**
     * A client wrote or deleted the key, or it expired: it leaves the staging (returns the weight
     * it was staged with, or -1 when it was not staged) and the ghost lists, since the next read
     * of it says nothing about the room either side had.
     */
    public long release(K key) {
        pushedOutGhost.remove(key);
        evictedGhost.remove(key);
        return unstage(key);
    }

    /** Takes the key out of the staging: the weight it was staged with, or -1 when it was not staged. */
    private long unstage(K key) {
        Long w = staged.remove(key);
        if (w == null) {
            return -1;
        }
        weight -= w;
        return w;
    }

    public boolean contains(K key) {
        return staged.containsKey(key);
    }

    /** A new budget; staged keys beyond it are pushed out, oldest first. */
    public void capacity(long newCapacity, Consumer<K> pushedOut) {
        if (newCapacity < 0) {
            throw new IllegalArgumentException("capacity: " + newCapacity + " (expected: >= 0)");
        }
        this.capacity = newCapacity;
        shrinkTo(budget(), pushedOut);
    }

    /** Weight staged now. */
    public long weight() {
        return weight;
    }

    /** Keys staged now. */
    public int size() {
        return staged.size();
    }

    /** Forgets every staged key and ghost (the cache was flushed). */
    public void clear() {
        staged.clear();
        pushedOutGhost.clear();
        evictedGhost.clear();
        weight = 0;
    }

    /** The staged keys, oldest first (consistency checks). */
    public Iterable<K> keys() {
        return staged.keySet();
    }

    private void shrinkTo(long budget, Consumer<K> pushedOut) {
        Iterator<Map.Entry<K, Long>> oldestFirst = staged.entrySet().iterator();
        while (weight > budget && oldestFirst.hasNext()) {
            Map.Entry<K, Long> oldest = oldestFirst.next();
            oldestFirst.remove();
            weight -= oldest.getValue();
            pushedOutGhost.add(oldest.getKey(), oldest.getValue(), ghostWeight());
            pushedOut.accept(oldest.getKey());
        }
    }

    private long ghostWeight() {
        return (long) Math.ceil(capacity * GHOST_SHARE);
    }

    /** Keys without values, oldest first, within a weight (at least the newest key is kept). */
    private static final class GhostList<K> {
        private final LinkedHashMap<K, Long> keys = new LinkedHashMap<>();
        private long weight;

        void add(K key, long keyWeight, long maxWeight) {
            remove(key);
            keys.put(key, keyWeight);
            weight += keyWeight;
            Iterator<Map.Entry<K, Long>> oldestFirst = keys.entrySet().iterator();
            while (weight > maxWeight && keys.size() > 1) {
                weight -= oldestFirst.next().getValue();
                oldestFirst.remove();
            }
        }

        boolean remove(K key) {
            Long w = keys.remove(key);
            if (w == null) {
                return false;
            }
            weight -= w;
            return true;
        }

        void clear() {
            keys.clear();
            weight = 0;
        }
    }
}
