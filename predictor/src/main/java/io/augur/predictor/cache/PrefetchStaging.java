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
     * The room is earned: staged keys that are read before they are pushed out (a running share,
     * each outcome weighing 1/OUTCOME_WINDOW) keep the whole budget while at least PAYING_SHARE of
     * them pay, and shrink it in proportion below that, to a floor that keeps learning. Measured in
     * the replay at 5%: on web12 with the origin 10 reads away (precision 0.06) a fixed budget cost
     * 1.8% of W-TinyLFU's hit ratio; where prefetches pay (sprite, per-user: precision 0.45-0.53)
     * the budget stays whole.
     */

    /** The share of the cache's capacity staging may hold unless told otherwise (prefetch-staging). */
    public static final double DEFAULT_SHARE = 0.1;

    /** The share of staged keys read before being pushed out at which the whole budget is kept. */
    static final double PAYING_SHARE = 0.5;
    /** The least of the budget kept however little pays, so the share can recover. */
    static final double FLOOR = 1.0 / 16;
    /** The budget moves in steps of this fraction of the capacity. */
    private static final int BUDGET_STEPS = 16;
    /** What the cache leaves free moves in steps of this fraction of the budget. */
    private static final int RESERVE_STEPS = 8;
    /** Outcomes the running share mostly remembers. */
    private static final double OUTCOME_WINDOW = 256;

    private double paidShare = 1;
    private final LinkedHashMap<K, Long> staged = new LinkedHashMap<>();
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
     * A client read the key: if it was staged it pays (counted in the running share) and leaves
     * the staging; returns the weight it was staged with, or -1 when it was not staged.
     */
    public long read(K key) {
        long w = release(key);
        if (w >= 0) {
            outcome(true);
        }
        return w;
    }

    /**
     * The weight staging may hold now: the budget as far as staged keys have been paying, in
     * sixteenths of the capacity (it moves seldom; see {@link #reserved}).
     */
    public long budget() {
        double share = Math.max(FLOOR, Math.min(1, paidShare / PAYING_SHARE));
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

    /** Running share of staged keys read before they were pushed out. */
    public double paidShare() {
        return paidShare;
    }

    private void outcome(boolean paid) {
        paidShare += ((paid ? 1 : 0) - paidShare) / OUTCOME_WINDOW;
    }

    /**
     * Removes the key if it is staged, without counting an outcome (an overwrite, a delete, an
     * eviction): returns the weight it was staged with, or -1 when it was not staged.
     */
    public long release(K key) {
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

    /** Forgets every staged key (the cache was flushed). */
    public void clear() {
        staged.clear();
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
            outcome(false);
            pushedOut.accept(oldest.getKey());
        }
    }
}
